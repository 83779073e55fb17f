// The WebSocket outage replayed: the build fails, and for the right reasons.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text

// the outage really happened and the client really fell back to its mock
assert log.contains('outages [websocket]') : 'the platform did not start with the websocket outage'
assert log.contains('WARNING: Using MockWebSocketManager due to connection failure: Connection refused') : 'the client did not fall back to its mock'

// the lie is caught: the agent run "passed" with fabricated events, and is MASKED with the evidence
def masked = log.readLines().find { it.contains('[authenticity] MASKED') && it.contains('agentRunStreamsItsEventsUntilCompleted') }
assert masked != null : 'no "[authenticity] MASKED ...agentRunStreamsItsEventsUntilCompleted" line in build.log'
assert masked.contains('FALLBACK_LOG') && masked.contains('"Using MockWebSocketManager due to connection failure') : "no FALLBACK_LOG evidence in: ${masked}"

assert log.contains('BUILD FAILURE') : 'the build did not fail'

// the report was written although the tests failed
def reportFile = new File(basedir, 'target/surefire-reports/authenticity-report.json')
assert reportFile.isFile() : "no report at ${reportFile}"
def report = new JsonSlurper().parse(reportFile)
assert report.verdict == 'MASKED'
assert report.environment == 'local'

def test = { String method -> report.tests.find { it.methodName == method } }
def agentRun = test('agentRunStreamsItsEventsUntilCompleted')
assert agentRun.verdict == 'MASKED'
def kinds = agentRun.evidence*.kind
assert kinds.contains('FALLBACK_LOG')
assert kinds.contains('TOO_FAST') : "evidence was ${agentRun.evidence}"

// the tests that declared the websocket were stopped before their body ran
def streamTests = report.tests.findAll { it.className?.endsWith('EventStreamE2ETests') }
assert streamTests.size() == 2
assert streamTests.every { it.verdict == 'SERVICE_DOWN' }
assert report.services.find { it.name == 'websocket' }.status == 'DOWN'

// what did not depend on the event stream stayed authentic, and staging-only stayed out
assert test('aFinishedRunIsRetrievableWithItsResult').verdict == 'AUTHENTIC'
assert test('healthIsUp').verdict == 'AUTHENTIC'
def staging = test('stagingBackendIsHealthy')
assert staging.verdict == 'NOT_RUN' && staging.reason == 'ENVIRONMENT'

println "websocket-outage: build failed as expected; MASKED line: ${masked.trim()}"
return true
