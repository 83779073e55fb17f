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
def expectFailure = { String execution, String message ->
  def prefix = '[ERROR] Failed to execute goal io.github.authenticity:authenticity-maven-plugin:'
  def suffix = ":${execution} on project ${basedir.name}: ${message} -> [Help 1]".toString()
  assert lines.any { it.startsWith(prefix) && it.endsWith(suffix) }: "build.log lacks the failure [${suffix}]"
}
def base = basedir.absolutePath
def eventFiles = { String dir ->
  (new File(basedir, dir).listFiles() ?: []).findAll { it.name ==~ /events-.*\.jsonl/ }
}

expectLine('[INFO] Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
expectLine('[INFO] [authenticity] NO_TESTS: 1 guarded test, none executed (1 NOT_DISCOVERED)')
expectLine('[ERROR] NOT_DISCOVERED SearchTest.findsProducts: compiled, but in no test plan')
expectLine('[ERROR] NO_TESTS: 1 guarded test compiled, none executed')
expectFailure('check (default)', "Authenticity check failed: 1 NOT_DISCOVERED guarded test; 1 guarded test compiled, but none executed. Check the Surefire includes (test classes named *Test, *Tests, *TestCase or Test*), -Dgroups and -DexcludedGroups, and that a JUnit engine (junit-jupiter-engine) is a test dependency. See ${base}/target/surefire-reports for the authenticity report. (Set -Dauthenticity.failOnNotRun=false and -Dauthenticity.minExecuted=0 to ignore this.)")
expectLine('[INFO] BUILD FAILURE')

def json = report('target/surefire-reports')
assert json.verdict == 'NO_TESTS'
assert json.summary.executed == 1
assert json.summary.guarded == 1
def search = test(json, 'SearchTest', 'findsProducts')
assert search.verdict == 'NOT_RUN'
assert search.reason == 'NOT_DISCOVERED'
return true
