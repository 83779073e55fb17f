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
def expectFailure = { String execution, String message ->
  def prefix = '[ERROR] Failed to execute goal io.github.authenticity:authenticity-maven-plugin:'
  def suffix = ":${execution} on project ${basedir.name}: ${message} -> [Help 1]".toString()
  assert lines.any { it.startsWith(prefix) && it.endsWith(suffix) }: "build.log lacks the failure [${suffix}]"
}
def base = basedir.absolutePath
def eventFiles = { String dir ->
  (new File(basedir, dir).listFiles() ?: []).findAll { it.name ==~ /events-.*\.jsonl/ }
}

expectLine("[INFO] Skipping authenticity:report: no events files in [${base}/target/authenticity] and no guarded tests compiled into [${base}/target/test-classes].")
expectLine("[INFO] Skipping authenticity:check: no events files in [${base}/target/authenticity] and no guarded tests compiled into [${base}/target/test-classes].")
expectLine("[INFO] Authenticity check passed: 1 guarded test, 1 authentic. See ${base}/orders/target/surefire-reports for the authenticity report.")
expectLine("[INFO] Authenticity check passed: 1 guarded test, 1 authentic. See ${base}/payments/target/surefire-reports for the authenticity report.")
expectLine('[INFO] Aggregating the authenticity report of 2 modules: it.authenticity:orders:jar:1.0, it.authenticity:payments:jar:1.0')
expectLine('[INFO] [authenticity] 2 guarded tests: 2 authentic')
expectLine("[INFO] [authenticity] report: ${base}/target/authenticity-aggregate/authenticity-report.html")
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
