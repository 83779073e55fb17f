// A dead environment and guarded tests switched off by conditions, judged as a user reads them
evaluate(new File(basedir, '../../../src/it/verify-support.groovy')) // lines, expectLine, report, test, ...

expectLine('[INFO] [authenticity] 23 guarded tests: 20 SERVICE_DOWN, 3 not run')
expectLine('[INFO] [authenticity] CONDITION AuthTest.logsIn: Environment variable [IT_AUTHENTICITY_UNSET_CLIENT_SECRET] does not exist')
expectLine('[ERROR] CONDITION AuthTest.refreshesTheToken: Environment variable [IT_AUTHENTICITY_UNSET_CLIENT_SECRET] does not exist')
expectFailure('check (default)', "Authenticity check failed: 2 CONDITION guarded tests. CONDITION tests were switched"
    + " off at run time: make the condition hold in this build; or, if it is a legitimate gate (a server version, a"
    + " command the server lacks), declare it in authenticity.yaml: detection.allowedSkips: [ {condition: <its"
    + " annotation type, e.g. com.example.EnabledOnCommand>, because: '...'} ] or [ {reason: '<a regex of its"
    + " reason>', because: '...'} ] (docs/adopting.md). See ${base}/target/surefire-reports"
    + " for the authenticity report. (Set -Dauthenticity.failOnNotRun=false to ignore this.)")
assert !lines.any { it.contains('NO_TESTS') }: 'a dead environment is a failed run, not an empty one'

def json = report('target/surefire-reports')
assert json.verdict == 'MASKED': 'CONDITION tests count against the verdict'
assert json.summary.guarded == 23
assert json.summary.serviceDown == 20
assert json.summary.condition == 2
assert json.summary.disabled == 1
def repetitions = json.tests.findAll { it.methodName == 'chargesACard' }
assert repetitions.size() == 20
assert repetitions.every { it.verdict == 'SERVICE_DOWN' && it.message.startsWith("Real service 'payments' is DOWN") }
assert repetitions*.displayName.contains('PaymentsTest > chargesACard() > repetition 20 of 20')
assert test(json, 'AuthTest', 'logsOut').reason == 'DISABLED'
assert test(json, 'AuthTest', 'logsIn').reason == 'CONDITION'
return true
