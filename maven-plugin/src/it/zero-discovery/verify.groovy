// A guarded class that Surefire's includes do not match: "Tests run: 0" is a failed build here
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

// Surefire found no test class: it says nothing at all, and would pass
assert !lines.any { it.contains('Tests run:') }
expectLine('[ERROR] NOT_DISCOVERED OrderE2E.placesOrder: compiled, but in no test plan')
expectLine('[ERROR] NO_TESTS: 1 guarded test compiled, none executed')
expectMatch(/\[ERROR\] Failed to execute goal io\.github\.authenticity:authenticity-maven-plugin:[^:]+:check \(default\) on project zero-discovery: .*/)
expectLine('[INFO] BUILD FAILURE')

def json = report('target/surefire-reports')
assert json.verdict == 'NO_TESTS'
assert json.summary.executed == 0
assert json.summary.guarded == 1
assert json.summary.notRun == 1
def order = test(json, 'OrderE2E', 'placesOrder')
assert order.verdict == 'NOT_RUN'
assert order.reason == 'NOT_DISCOVERED'
assert order.services == ['redis']
return true
