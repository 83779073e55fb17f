// Declared skips as a user reads them: Surefire's skips, the console block, the check's pass and its warning
evaluate(new File(basedir, '../../../src/it/verify-support.groovy')) // lines, expectLine, report, test, ...

expectLine('[INFO] Tests run: 3, Failures: 0, Errors: 0, Skipped: 2')
expectLine('[INFO] [authenticity] 3 guarded tests: 1 authentic (1 unproven), 2 not run')
expectLine('[INFO] [authenticity] not run: 2 ALLOWED_SKIP')
expectLine('[INFO] [authenticity] ALLOWED_SKIP 1 test by rule [reason /requires Redis \\d/]')
expectLine('[INFO] [authenticity] ALLOWED_SKIP 1 test by rule [condition @EnabledOnCommand]')
expectLine('[WARNING] Allowed skip rule [reason /requires RabbitMQ 4/] allowed no test in this run: if the gate it names'
    + ' is gone, remove it from detection.allowedSkips (a rule nobody needs only hides the next skip).')
expectLine("[INFO] Authenticity check passed: 3 guarded tests, 1 authentic (1 unproven), 2 not run (2 ALLOWED_SKIP)."
    + " See ${base}/target/surefire-reports for the authenticity report.")
expectLine('[INFO] BUILD SUCCESS')

def json = report('target/surefire-reports')
assert json.verdict == 'AUTHENTIC'
assert json.summary.allowedSkip == 2
def gate = test(json, 'ListCommandsTest', 'aggregateCount')
assert gate.verdict == 'NOT_RUN' && gate.reason == 'ALLOWED_SKIP'
assert gate.allowedBy == 'reason /requires Redis \\d/'
assert gate.message == 'an assumption skipped it: "Assumption failed: AGGREGATE COUNT requires Redis 99.0"; allowed by' +
    ' rule [reason /requires Redis \\d/] because version gates: the command exists from that Redis on'
def command = test(json, 'ListCommandsTest', 'lmovem')
assert command.reason == 'ALLOWED_SKIP' && command.allowedBy == 'condition @EnabledOnCommand'
assert json.skipRules.find { it.rule == 'reason /requires RabbitMQ 4/' }.stale == true
def xml = new File(basedir, 'target/surefire-reports/TEST-authenticity.xml').text
assert xml.contains('skipped="2"'): 'allowed skips are skipped, not failures, in the JUnit XML'
assert new File(basedir, 'target/surefire-reports/authenticity-report.md').text.contains('### Skipped as allowed by a declared rule (2)')
return true
