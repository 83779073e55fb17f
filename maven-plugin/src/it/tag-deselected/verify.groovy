// -DexcludedGroups=slow hides the guarded tests while an unguarded one runs: NOT_DISCOVERED, BUILD FAILURE
evaluate(new File(basedir, '../../../src/it/verify-support.groovy')) // lines, expectLine, report, test, ...

expectLine('[INFO] Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
expectLine('[INFO] [authenticity] NO_TESTS: 1 guarded test, none executed (1 NOT_DISCOVERED)')
expectLine('[ERROR] NOT_DISCOVERED SearchTest.findsProducts: compiled, but in no test plan')
expectLine('[ERROR] NO_TESTS: 1 guarded test compiled, none executed')
expectFailure('check (default)', "Authenticity check failed: 1 NOT_DISCOVERED guarded test; 1 guarded test compiled, but none executed. Check the Surefire includes (test classes named *Test, *Tests, *TestCase or Test*), -Dgroups and -DexcludedGroups, and that a JUnit engine (junit-jupiter-engine) is a test dependency. See ${base}/target/surefire-reports for the authenticity report. (Set -Dauthenticity.failOnNotRun=false and -Dauthenticity.minExecuted=0 to ignore this.)")
expectLine('[INFO] BUILD FAILURE')

def json = report('target/surefire-reports')
assert json.verdict == 'NO_TESTS'
assert json.summary.executed == 1
assert json.summary.guarded == 1
def search = test(json, 'SearchTest', 'findsProducts')
assert search.verdict == 'NOT_RUN'
assert search.reason == 'NOT_DISCOVERED'
return true
