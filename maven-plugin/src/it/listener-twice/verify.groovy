// Our listener given to Surefire 3.6 as [listener] besides its ServiceLoader registration: counts never double
evaluate(new File(basedir, '../../../src/it/verify-support.groovy')) // lines, expectLine, report, test, ...

expectLine('[INFO] Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
expectLine('[INFO] [authenticity] 2 guarded tests: 1 authentic, 1 MASKED')
expectFailure('check (default)', "Authenticity check failed: 1 MASKED guarded test. See ${base}/target/surefire-reports for the authenticity report. (Set -Dauthenticity.failOnMasked=false to ignore this.)")
// Surefire 3.6 did register it a second time, and the second registration stood aside
// (Surefire before 3.6 has no [listener] for the JUnit Platform: nothing to stand aside from)
def surefire = lines.findResult { (it =~ /--- (?:maven-)?surefire(?:-plugin)?:(\d+)\.(\d+)\.\d+:test/).with { m -> m.find() ? [m.group(1) as int, m.group(2) as int] : null } }
def second = lines.count { it.endsWith('FINE: Authenticity: another AuthenticityListener already records this test plan') }
assert second == (surefire[0] > 3 || surefire[0] == 3 && surefire[1] >= 6 ? 1 : 0): "Surefire ${surefire}"
assert eventFiles('target/authenticity').size() == 1
// the listener's own report printed once per test JVM, not once per registration
assert forkLine('[authenticity] 2 guarded tests: 1 authentic, 1 MASKED') == 1

def json = report('target/surefire-reports')
assert json.sources.size() == 1
assert json.summary.discovered == 2
assert json.summary.executed == 2
assert json.summary.guarded == 2
assert json.summary.masked == 1
assert test(json, 'FirstTest', 'pingsRedis').verdict == 'MASKED'
assert test(json, 'SecondTest', 'pingsRedis').verdict == 'AUTHENTIC'
return true
