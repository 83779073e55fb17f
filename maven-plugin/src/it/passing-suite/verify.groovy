// A suite that really talks to PostgreSQL and Redis: AUTHENTIC, BUILD SUCCESS; a @Disabled guarded test is
// listed, not failed (failOnDisabled is false by default)
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

expectLine('[INFO] Tests run: 4, Failures: 0, Errors: 0, Skipped: 1')
expectLine('[INFO] [authenticity] 3 guarded tests: 2 authentic, 1 not run')
expectLine('[INFO] [authenticity] not run: 1 DISABLED')
expectLine("[INFO] [authenticity] report: ${base}/target/surefire-reports/authenticity-report.html")
expectLine("[INFO] Authenticity check passed: 3 guarded tests, 2 authentic. See ${base}/target/surefire-reports for the authenticity report.")
expectLine('[INFO] BUILD SUCCESS')

assert eventFiles('target/authenticity').size() == 1
def json = report('target/surefire-reports')
assert json.schemaVersion == 1
assert json.verdict == 'AUTHENTIC'
assert json.complete == true
assert json.environment == 'local'
assert json.summary.discovered == 4
assert json.summary.executed == 3
assert json.summary.guarded == 3
assert json.summary.authentic == 2
assert json.summary.masked == 0
assert json.summary.notRun == 1
assert json.summary.disabled == 1
assert test(json, 'CartTest', 'storesTheCart').verdict == 'AUTHENTIC'
assert test(json, 'CartTest', 'storesTheCart').services == ['redis']
assert test(json, 'InventoryTest', 'readsStock').verdict == 'AUTHENTIC'
assert test(json, 'PlainTest', 'addsUp').guarded == false
def returns = test(json, 'ReturnsTest', 'acceptsReturn')
assert returns.verdict == 'NOT_RUN'
assert returns.reason == 'DISABLED'
assert json.services.collect { it.name + '=' + it.status }.sort() == ['postgres=UP', 'redis=UP']
return true
