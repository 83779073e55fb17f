// A guarded test whose client fell back to a mock: MASKED, the check fails the build, the log says why
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

expectLine('[INFO] Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
expectLine('[INFO] [authenticity] 2 guarded tests: 1 authentic, 1 MASKED')
expectLine('[ERROR] MASKED CacheTest.readsThrough: FALLBACK_LOG System.out: "Using MockRedis due to connection failure" (+1 more)')
expectFailure('check (default)', "Authenticity check failed: 1 MASKED guarded test. See ${base}/target/surefire-reports for the authenticity report. (Set -Dauthenticity.failOnMasked=false to ignore this.)")
expectLine('[INFO] BUILD FAILURE')
assert !lines.any { it ==~ /\[ERROR\] .*SessionTest.*/ }: 'the authentic test is named as a violation'

def json = report('target/surefire-reports')
assert json.verdict == 'MASKED'
assert json.complete == true
assert json.summary.guarded == 2
assert json.summary.masked == 1
assert json.summary.authentic == 1
def cache = test(json, 'CacheTest', 'readsThrough')
assert cache.verdict == 'MASKED'
assert cache.evidence.any { it.kind == 'FALLBACK_LOG' && it.detail.contains('Using MockRedis due to connection failure') }
assert test(json, 'SessionTest', 'keepsTheSession').verdict == 'AUTHENTIC'
return true
