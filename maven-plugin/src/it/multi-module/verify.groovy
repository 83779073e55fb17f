// Two modules, each checked on its own; report-aggregate at the root merges both
import groovy.json.JsonSlurper

def lines = new File(basedir, 'build.log').readLines()
def expectLine = { String line ->
  assert lines.contains(line): "build.log lacks the line [${line}]"
}
def expectMatch = { String regex ->
  assert lines.any { it ==~ regex }: "build.log has no line matching [${regex}]"
}
def report = { String dir ->
  def file = new File(basedir, "${dir}/authenticity-report.json")
  assert file.isFile(): "no report [${file}]"
  ['authenticity-report.html', 'authenticity-report.md', 'TEST-authenticity.xml'].each {
    assert new File(basedir, "${dir}/${it}").isFile(): "no report file [${dir}/${it}]"
  }
  new JsonSlurper().parse(file)
}
def test = { json, String className, String methodName ->
  def found = json.tests.find { it.className == "it.authenticity.${className}" && it.methodName == methodName }
  assert found != null: "no test ${className}.${methodName} in ${json.tests.collect { it.className + '.' + it.methodName }}"
  found
}
def eventFiles = { String dir ->
  (new File(basedir, dir).listFiles() ?: []).findAll { it.name ==~ /events-.*\.jsonl/ }
}

def root = basedir.absolutePath
expectLine("[INFO] Skipping authenticity:report: no events files in [${root}/target/authenticity] and no guarded tests compiled into [${root}/target/test-classes].")
expectLine('[INFO] Aggregating the authenticity report of 2 modules: it.authenticity:orders:jar:1.0, it.authenticity:payments:jar:1.0')
expectMatch(/\[INFO\] \[authenticity\] 2 guarded tests: 2 authentic.*/)
expectLine('[INFO] BUILD SUCCESS')

def json = report('target/authenticity-aggregate')
assert json.verdict == 'AUTHENTIC'
assert json.sources.size() == 2
assert json.summary.guarded == 2
assert test(json, 'OrdersTest', 'placesOrder').verdict == 'AUTHENTIC'
assert test(json, 'PaymentsTest', 'pays').verdict == 'AUTHENTIC'
assert report('orders/target/surefire-reports').tests.size() == 1
assert report('payments/target/surefire-reports').tests.size() == 1
return true
