// -Dtest=OneTest deliberately runs one guarded class of three: the build passes (JUnit 5.10)
evaluate(new File(basedir, '../../../src/it/verify-support.groovy')) // lines, expectLine, report, test, ...

expectLine('[INFO] Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
expectLine('[INFO] [authenticity] 1 guarded test: 1 authentic')
expectLine("[INFO] Authenticity check passed: 1 guarded test, 1 authentic. See ${base}/target/surefire-reports for the authenticity report.")
expectLine('[INFO] BUILD SUCCESS')
assert !lines.any { it.contains('NOT_DISCOVERED') }: 'a deliberately unselected test is reported as not discovered'

def json = report('target/surefire-reports')
assert json.verdict == 'AUTHENTIC'
assert test(json, 'OneTest', 'pingsRedis').verdict == 'AUTHENTIC'
assert !json.tests.any { it.reason == 'NOT_DISCOVERED' }
return true
