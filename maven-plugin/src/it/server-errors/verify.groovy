// Real servers that answer errors behind a healthy health check: only the tests that got nothing but server errors
// and passed on canned data are MASKED (SERVER_ERRORS); a retry that ends in 200 and a declared error test are
// AUTHENTIC, and their proof says what the answers were
evaluate(new File(basedir, '../../../src/it/verify-support.groovy')) // lines, expectLine, report, test, ...

expectLine('[INFO] Tests run: 5, Failures: 0, Errors: 0, Skipped: 0')
expectLine('[INFO] [authenticity] 5 guarded tests: 2 authentic, 3 MASKED')
expectMatch(/\[ERROR\] MASKED OrdersTest\.listsOrders: SERVER_ERRORS backend answered 503 Service Unavailable \(1 answer\) and nothing else while the test ran.*/)
expectFailure('check (default)', "Authenticity check failed: 3 MASKED guarded tests. See ${base}/target/surefire-reports for the authenticity report. (Set -Dauthenticity.failOnMasked=false to ignore this.)")
expectLine('[INFO] BUILD FAILURE')

def json = report('target/surefire-reports')
assert json.verdict == 'MASKED'
assert json.summary.guarded == 5
assert json.summary.masked == 3
assert json.summary.authentic == 2

def serverErrors = { t -> t.evidence.findAll { it.kind == 'SERVER_ERRORS' }*.detail }
def hint = ' and nothing else while the test ran: the service was reached but never served the test. If the test ' +
    'checks how errors are handled, declare it: @RequiresRealService(expectErrors = true)'
def orders = test(json, 'OrdersTest', 'listsOrders')
assert orders.verdict == 'MASKED'
assert serverErrors(orders) == ['backend answered 503 Service Unavailable (1 answer)' + hint]
def session = test(json, 'StoresTest', 'keepsTheSession')
assert session.verdict == 'MASKED'
assert serverErrors(session) == ['redis answered -ERR (1 answer)' + hint]
def catalogue = test(json, 'StoresTest', 'readsTheCatalogue')
assert catalogue.verdict == 'MASKED'
assert serverErrors(catalogue) == ['postgres answered FATAL (1 answer)' + hint]

def retried = test(json, 'OrdersTest', 'retriesUntilTheBackendAnswers')
assert retried.verdict == 'AUTHENTIC'
assert retried.proof ==~ /backend: 2 answers \(503 ×1, 200 ×1\), \d+ B in, \d+ B out with 127\.0\.0\.1:\d+/
def banner = test(json, 'OrdersTest', 'showsTheOutageBanner')
assert banner.verdict == 'AUTHENTIC'
assert banner.proof ==~ /backend: 1 answer \(503 ×1\), \d+ B in, \d+ B out with 127\.0\.0\.1:\d+ \(server errors expected by the test: expectErrors = true\)/
return true
