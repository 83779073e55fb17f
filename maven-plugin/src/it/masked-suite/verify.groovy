// A guarded test whose client fell back to a mock: MASKED, the check fails the build, the log says why
evaluate(new File(basedir, '../../../src/it/verify-support.groovy')) // lines, expectLine, report, test, ...

expectLine('[INFO] Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
expectLine('[INFO] [authenticity] 2 guarded tests: 1 authentic, 1 MASKED')
expectLine('[ERROR] MASKED CacheTest.readsThrough: FALLBACK_LOG System.out: "Using MockRedis due to connection failure" (+1 more)')
expectFailure('check (default)', "Authenticity check failed: 1 MASKED guarded test. See ${base}/target/surefire-reports for the authenticity report. (Set -Dauthenticity.failOnMasked=false to ignore this.)")
expectLine('[INFO] BUILD FAILURE')
assert !lines.any { it ==~ /\[ERROR\] .*SessionTest.*/ }: 'the authentic test is named as a violation'

def json = report('target/surefire-reports')
assert json.verdict == 'MASKED'
assert json.complete == true
assert json.summary.guarded == 2
assert json.summary.masked == 1
assert json.summary.authentic == 1
def cache = test(json, 'CacheTest', 'readsThrough')
assert cache.verdict == 'MASKED'
assert cache.evidence.any { it.kind == 'FALLBACK_LOG' && it.detail.contains('Using MockRedis due to connection failure') }
assert test(json, 'SessionTest', 'keepsTheSession').verdict == 'AUTHENTIC'
return true
