// Shared by the verify.groovy scripts: each evaluates this file first, which puts these helpers into
// its binding. basedir is the cloned IT project (target/it/<name>).
import groovy.json.JsonSlurper

lines = new File(basedir, 'build.log').readLines()
expectLine = { String line ->
  assert lines.contains(line): "build.log lacks the line [${line}]"
}
// a line a test JVM printed: Maven 4 prefixes a fork's stdout with "[INFO] [stdout] "
forkLine = { String line -> lines.count { it == line || it == "[INFO] [stdout] ${line}".toString() } }
expectForkLine = { String line ->
  assert forkLine(line) > 0: "build.log lacks the test JVM's line [${line}]"
}
// every test JVM ran with the agent: the report goal names the guarded tests that ran without it
expectAgentEverywhere = {
  assert !lines.any { it.contains('ran without the agent') }: 'a test ran without the agent'
}
expectMatch = { String regex ->
  assert lines.any { it ==~ regex }: "build.log has no line matching [${regex}]"
}
report = { String dir ->
  def file = new File(basedir, "${dir}/authenticity-report.json")
  assert file.isFile(): "no report [${file}]"
  ['authenticity-report.html', 'authenticity-report.md', 'TEST-authenticity.xml'].each {
    assert new File(basedir, "${dir}/${it}").isFile(): "no report file [${dir}/${it}]"
  }
  new JsonSlurper().parse(file)
}
test = { json, String className, String methodName ->
  def found = json.tests.find { it.className == "it.authenticity.${className}" && it.methodName == methodName }
  assert found != null: "no test ${className}.${methodName} in ${json.tests.collect { it.className + '.' + it.methodName }}"
  found
}
expectFailure = { String execution, String message ->
  def prefix = '[ERROR] Failed to execute goal io.github.authenticity:authenticity-maven-plugin:'
  def suffix = ":${execution} on project ${basedir.name}: ${message} -> [Help 1]".toString()
  assert lines.any { it.startsWith(prefix) && it.endsWith(suffix) }: "build.log lacks the failure [${suffix}]"
}
base = basedir.absolutePath
eventFiles = { String dir ->
  (new File(basedir, dir).listFiles() ?: []).findAll { it.name ==~ /events-.*\.jsonl/ }
}
