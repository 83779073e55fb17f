// prepare-agent composes with JaCoCo's agent, Mockito's and the user's options; the agent proves a connection
// opened, used and closed inside the body and catches the stand-in that never reached Redis
evaluate(new File(basedir, '../../../src/it/verify-support.groovy'))

expectMatch(/\[INFO\] argLine set to -javaagent:\S+authenticity-agent-\S+\.jar -javaagent:\S+org\.jacoco\.agent-\S+-runtime\.jar=destfile=\S+jacoco\.exec/)
assert new File(basedir, 'target/jacoco.exec').isFile(): 'JaCoCo wrote no execution data'
expectLine('[ERROR] Tests run: 3, Failures: 1, Errors: 0, Skipped: 0')
expectForkLine('[authenticity] 2 guarded tests: 1 authentic, 1 MASKED')
expectForkLine('[authenticity] MASKED StandInTest.keepsTheCartInAMap: NO_INTERACTION no bytes exchanged with redis (127.0.0.1:6379) while the test ran')
expectAgentEverywhere()

// the listener's report (Surefire stopped the build before report and check)
def json = report('target/surefire-reports')
def body = test(json, 'BodyConnectionTest', 'pingsInTheBody')
assert body.verdict == 'AUTHENTIC'
assert body.unproven == null
assert body.proof == 'redis: 1 exchange, 7 B in, 6 B out with 127.0.0.1:6379'
assert test(json, 'OtherAgentsTest', 'theOtherAgentsAndTheUsersOptionsAreThere').guarded == false
def standIn = test(json, 'StandInTest', 'keepsTheCartInAMap')
assert standIn.verdict == 'MASKED'
assert standIn.evidence.collect { it.kind } == ['NO_INTERACTION']
return true
