// The listener deactivated: no events were written, so the check fails loudly and says why
evaluate(new File(basedir, '../../../src/it/verify-support.groovy')) // lines, expectLine, report, test, ...

expectLine('[INFO] Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
assert eventFiles('target/authenticity').isEmpty()
expectLine("[ERROR] NO_EVENTS: 2 guarded tests compiled, the test plugin ran tests (2 result files in [${base}/target/surefire-reports]), but no events file was written into [${base}/target/authenticity]")
expectFailure('check (default)', "Authenticity check failed: guarded tests are compiled but no events were written. The Authenticity listener did not record the run, so no guarded test was judged. Likely cause: it was deactivated (junit.platform.execution.listeners.deactivate names it or a pattern that matches io.github.authenticity.junit.AuthenticityListener, in junit-platform.properties or a system property), or authenticity-junit-extension is not on the test class path (classpathDependencyExcludes, or a scope other than test). See ${base}/target/surefire-reports for the authenticity report. (Set -Dauthenticity.minExecuted=0 to ignore this.)")
expectLine('[INFO] BUILD FAILURE')
// the report on disk says the same as the check: nothing was judged
def json = report('target/surefire-reports')
assert json.verdict == 'NO_TESTS'
assert json.summary.guarded == 2
assert json.summary.executed == 0
return true
