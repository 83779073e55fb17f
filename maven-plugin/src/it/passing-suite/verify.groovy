// A suite that really talks to PostgreSQL and Redis: AUTHENTIC, BUILD SUCCESS; a @Disabled guarded test is
// listed, not failed (failOnDisabled is false by default)
evaluate(new File(basedir, '../../../src/it/verify-support.groovy')) // lines, expectLine, report, test, ...

expectLine('[INFO] Tests run: 4, Failures: 0, Errors: 0, Skipped: 1')
expectLine('[INFO] [authenticity] 3 guarded tests: 2 authentic, 1 not run')
expectLine('[INFO] [authenticity] not run: 1 DISABLED')
expectLine("[INFO] [authenticity] report: ${base}/target/surefire-reports/authenticity-report.html")
expectLine("[INFO] Authenticity check passed: 3 guarded tests, 2 authentic, 1 not run (1 DISABLED). See ${base}/target/surefire-reports for the authenticity report.")
expectLine('[INFO] BUILD SUCCESS')

assert eventFiles('target/authenticity').size() == 1
def json = report('target/surefire-reports')
assert json.schemaVersion == 1
assert json.verdict == 'AUTHENTIC'
assert json.complete == true
assert json.environment == 'local'
assert json.summary.discovered == 4
assert json.summary.executed == 3
assert json.summary.guarded == 3
assert json.summary.authentic == 2
assert json.summary.masked == 0
assert json.summary.notRun == 1
assert json.summary.disabled == 1
assert test(json, 'CartTest', 'storesTheCart').verdict == 'AUTHENTIC'
assert test(json, 'CartTest', 'storesTheCart').services == ['redis']
assert test(json, 'InventoryTest', 'readsStock').verdict == 'AUTHENTIC'
assert test(json, 'PlainTest', 'addsUp').guarded == false
def returns = test(json, 'ReturnsTest', 'acceptsReturn')
assert returns.verdict == 'NOT_RUN'
assert returns.reason == 'DISABLED'
assert json.services.collect { it.name + '=' + it.status }.sort() == ['postgres=UP', 'redis=UP']
return true
