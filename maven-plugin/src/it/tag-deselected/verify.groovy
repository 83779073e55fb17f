// -DexcludedGroups=slow hides the guarded tests while an unguarded one runs: NOT_DISCOVERED, BUILD FAILURE
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

expectLine('[INFO] Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
expectLine('[ERROR] NOT_DISCOVERED SearchTest.findsProducts: compiled, but in no test plan')
expectMatch(/\[ERROR\] Failed to execute goal io\.github\.authenticity:authenticity-maven-plugin:[^:]+:check \(default\) on project tag-deselected: .*/)
expectLine('[INFO] BUILD FAILURE')

def json = report('target/surefire-reports')
assert json.verdict == 'NO_TESTS'
assert json.summary.executed == 1
assert json.summary.guarded == 1
def search = test(json, 'SearchTest', 'findsProducts')
assert search.verdict == 'NOT_RUN'
assert search.reason == 'NOT_DISCOVERED'
return true
