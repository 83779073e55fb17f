// The WebSocket outage with -Dmaven.test.failure.ignore=true: authenticity:check fails the build.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text

assert log.contains('WARNING: Using MockWebSocketManager due to connection failure: Connection refused') : 'the client did not fall back to its mock'
assert log.contains('There are test failures') || log.contains('Tests run:') : 'surefire did not run'

// the report goal ran and printed the summary, the check goal failed the build
assert log.contains('[authenticity] 13 guarded tests: 9 authentic, 1 MASKED, 2 SERVICE_DOWN, 1 not run') : 'no summary line of the report goal'
def masked = log.readLines().find { it.contains('[authenticity] MASKED AgentRunE2ETests.agentRunStreamsItsEventsUntilCompleted') }
assert masked != null : 'no "[authenticity] MASKED AgentRunE2ETests.agentRunStreamsItsEventsUntilCompleted" line'
assert masked.contains('FALLBACK_LOG') && masked.contains('"Using MockWebSocketManager due to connection failure') : "no FALLBACK_LOG evidence in: ${masked}"
assert log.contains('authenticity-maven-plugin') && log.contains(':check') : 'the check goal did not run'
assert log.contains('Authenticity check failed: 1 MASKED guarded test') : 'the check goal did not fail for the masked test'
assert log.contains('BUILD FAILURE') : 'the build did not fail'

def report = new JsonSlurper().parse(new File(basedir, 'target/surefire-reports/authenticity-report.json'))
assert report.verdict == 'MASKED'
assert report.summary.masked == 1 && report.summary.serviceDown == 2 && report.summary.authentic == 9
def agentRun = report.tests.find { it.methodName == 'agentRunStreamsItsEventsUntilCompleted' }
assert agentRun.verdict == 'MASKED'
assert agentRun.evidence*.kind.containsAll(['FALLBACK_LOG', 'TOO_FAST']) : "evidence was ${agentRun.evidence}"
assert new File(basedir, 'target/surefire-reports/authenticity-report.html').isFile()
assert new File(basedir, 'target/surefire-reports/TEST-authenticity.xml').isFile()

println "websocket-outage-failures-ignored: authenticity:check failed the build as expected"
return true
