// A user's own Jackson stays theirs (the tests assert its version and where it was loaded from); the
// extension's relocated copy writes the events and the report beside it
evaluate(new File(basedir, '../../../src/it/verify-support.groovy')) // lines, expectLine, report, test, ...

expectLine('[INFO] Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
expectLine('[INFO] [authenticity] 2 guarded tests: 2 authentic')
expectLine("[INFO] Authenticity check passed: 2 guarded tests, 2 authentic. See ${base}/target/surefire-reports for the authenticity report.")
expectLine('[INFO] BUILD SUCCESS')

assert eventFiles('target/authenticity').size() == 1
def json = report('target/surefire-reports')
assert json.schemaVersion == 1
assert json.verdict == 'AUTHENTIC'
assert json.complete == true
assert json.summary.guarded == 2
assert json.summary.authentic == 2
assert json.tests.every { it.className == 'it.authenticity.CartJsonTest' && it.verdict == 'AUTHENTIC' }
return true
