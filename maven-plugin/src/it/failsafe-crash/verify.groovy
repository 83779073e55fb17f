// A guarded IT halts its JVM: failsafe fails, and the report bound to post-integration-test still says
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

// the run is incomplete and which guarded tests never finished
expectLine('[INFO] Running it.authenticity.CrashIT')
expectMatch(/\[INFO\] --- authenticity-maven-plugin:[^:]+:report \(authenticity-report\) @ failsafe-crash ---/)
expectMatch(/\[INFO\] \[authenticity\] INCOMPLETE: Run \[[-0-9a-f]+\] in \[.*\/target\/authenticity\/events-[^\/]+\.jsonl\] never ended: its test JVM stopped before the test plan finished\./)
expectLine('[INFO] [authenticity] 3 guarded tests: 1 authentic, 2 not run')
expectLine('[INFO] [authenticity] not run: 2 NOT_EXECUTED')
expectLine("[INFO] [authenticity] report: ${base}/target/failsafe-reports/authenticity-report.html")
expectLine('[ERROR] NOT_EXECUTED CrashIT.crashesTheJvm: started, but never finished (did its test JVM die?)')
expectLine('[ERROR] NOT_EXECUTED ZuluIT.neverStarts: discovered, but never started (did its test JVM die?)')
expectFailure('check (authenticity-check)', "Authenticity check failed: 2 NOT_EXECUTED guarded tests. See ${base}/target/failsafe-reports for the authenticity report. (Set -Dauthenticity.failOnNotRun=false to ignore this.)")
expectLine('[INFO] BUILD FAILURE')

def json = report('target/failsafe-reports')
assert json.complete == false
assert json.verdict == 'MASKED'
assert test(json, 'AlphaIT', 'pingsRedis').verdict == 'AUTHENTIC'
def crash = test(json, 'CrashIT', 'crashesTheJvm')
assert crash.verdict == 'NOT_RUN'
assert crash.reason == 'NOT_EXECUTED'
def zulu = test(json, 'ZuluIT', 'neverStarts')
assert zulu.verdict == 'NOT_RUN'
assert zulu.reason == 'NOT_EXECUTED'
return true
