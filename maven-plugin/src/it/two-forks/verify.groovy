// Two forks, two events files, one merged report (JUnit 6)
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

expectLine('[INFO] BUILD SUCCESS')
expectLine('[INFO] [authenticity] 2 guarded tests: 2 authentic')
expectLine("[INFO] Authenticity check passed: 2 guarded tests, 2 authentic. See ${base}/target/surefire-reports for the authenticity report.")
assert eventFiles('target/authenticity').size() == 2

def json = report('target/surefire-reports')
assert json.verdict == 'AUTHENTIC'
assert json.complete == true
assert json.sources.size() == 2
assert json.summary.executed == 2
assert json.summary.authentic == 2
assert test(json, 'RedisTest', 'pingsRedis').verdict == 'AUTHENTIC'
assert test(json, 'PostgresTest', 'asksPostgres').verdict == 'AUTHENTIC'
return true
