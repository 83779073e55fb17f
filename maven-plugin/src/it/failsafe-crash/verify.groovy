// A guarded IT halts its JVM: failsafe fails, and the report bound to post-integration-test still says
evaluate(new File(basedir, '../../../src/it/verify-support.groovy')) // lines, expectLine, report, test, ...

// the run is incomplete and which guarded tests never finished
expectLine('[INFO] Running it.authenticity.CrashIT')
expectMatch(/\[INFO\] --- authenticity-maven-plugin:[^:]+:report \(authenticity-report\) @ failsafe-crash ---/)
expectMatch(/\[INFO\] \[authenticity\] INCOMPLETE: Run \[[-0-9a-f]+\] in \[.*\/target\/authenticity\/events-[^\/]+\.jsonl\] never ended: its test JVM stopped before the test plan finished\./)
expectLine('[INFO] [authenticity] 3 guarded tests: 1 authentic, 2 not run')
expectLine('[INFO] [authenticity] not run: 2 NOT_EXECUTED')
expectLine("[INFO] [authenticity] report: ${base}/target/failsafe-reports/authenticity-report.html")
expectLine('[ERROR] NOT_EXECUTED CrashIT.crashesTheJvm: started, but never finished (did its test JVM die?)')
expectLine('[ERROR] NOT_EXECUTED ZuluIT.neverStarts: discovered, but never started (did its test JVM die?)')
expectMatch(/\[ERROR\] INCOMPLETE: Run \[[-0-9a-f]+\] in \[.*\/target\/authenticity\/events-[^\/]+\.jsonl\] never ended: its test JVM stopped before the test plan finished\./)
expectFailure('check (authenticity-check)', "Authenticity check failed: 2 NOT_EXECUTED guarded tests; the report is incomplete (1 reason above). See ${base}/target/failsafe-reports for the authenticity report. (Set -Dauthenticity.failOnNotRun=false and -Dauthenticity.failOnIncomplete=false to ignore this.)")
expectLine('[INFO] BUILD FAILURE')

def json = report('target/failsafe-reports')
assert json.complete == false
assert json.verdict == 'MASKED'
assert test(json, 'AlphaIT', 'pingsRedis').verdict == 'AUTHENTIC'
def crash = test(json, 'CrashIT', 'crashesTheJvm')
assert crash.verdict == 'NOT_RUN'
assert crash.reason == 'NOT_EXECUTED'
def zulu = test(json, 'ZuluIT', 'neverStarts')
assert zulu.verdict == 'NOT_RUN'
assert zulu.reason == 'NOT_EXECUTED'
return true
