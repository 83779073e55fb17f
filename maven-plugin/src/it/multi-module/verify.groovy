// Two modules, each checked on its own; report-aggregate at the root merges both
evaluate(new File(basedir, '../../../src/it/verify-support.groovy')) // lines, expectLine, report, test, ...

expectLine("[INFO] Skipping authenticity:report: no events files in [${base}/target/authenticity] and no guarded tests compiled into [${base}/target/test-classes].")
expectLine("[INFO] Skipping authenticity:check: no events files in [${base}/target/authenticity] and no guarded tests compiled into [${base}/target/test-classes].")
expectLine("[INFO] Authenticity check passed: 1 guarded test, 1 authentic. See ${base}/orders/target/surefire-reports for the authenticity report.")
expectLine("[INFO] Authenticity check passed: 1 guarded test, 1 authentic. See ${base}/payments/target/surefire-reports for the authenticity report.")
expectLine('[INFO] Aggregating the authenticity report of 2 modules: it.authenticity:orders:jar:1.0, it.authenticity:payments:jar:1.0')
expectLine('[INFO] [authenticity] 2 guarded tests: 2 authentic')
expectLine("[INFO] [authenticity] report: ${base}/target/authenticity-aggregate/authenticity-report.html")
expectLine('[INFO] BUILD SUCCESS')

def json = report('target/authenticity-aggregate')
assert json.verdict == 'AUTHENTIC'
assert json.sources.size() == 2
assert json.summary.guarded == 2
assert test(json, 'OrdersTest', 'placesOrder').verdict == 'AUTHENTIC'
assert test(json, 'PaymentsTest', 'pays').verdict == 'AUTHENTIC'
assert report('orders/target/surefire-reports').tests.size() == 1
assert report('payments/target/surefire-reports').tests.size() == 1
return true
