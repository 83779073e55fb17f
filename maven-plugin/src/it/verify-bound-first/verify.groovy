// The gate never ran (failsafe:verify stopped the build first), and yet the verdict reached the user
evaluate(new File(basedir, '../../../src/it/verify-support.groovy')) // lines, expectLine, report, test, ...

expectForkLine('[authenticity] 2 guarded tests: 1 authentic (1 unproven), 1 MASKED')
expectForkLine('[authenticity] authenticity:check fails this build on: 1 MASKED guarded test. If the build stops'
    + ' before the check runs (failsafe:verify bound first, testFailureIgnore, an earlier failing module), this is'
    + ' its verdict.')
assert !lines.any { it.contains('Authenticity check') }: 'check never ran: failsafe:verify stopped the build first'
assert lines.any { it.startsWith('[ERROR] Failed to execute goal org.apache.maven.plugins:maven-failsafe-plugin:') }
// the listener's report exists all the same
def json = report('target/failsafe-reports')
assert json.verdict == 'MASKED'
assert test(json, 'CartIT', 'checksOutWithTheSandbox').evidence*.kind == ['ABORTED']
return true
