// A guarded class that Surefire's includes do not match: "Tests run: 0" is a failed build here
evaluate(new File(basedir, '../../../src/it/verify-support.groovy')) // lines, expectLine, report, test, ...

// Surefire found no test class: it says nothing at all, and would pass
assert !lines.any { it.contains('Tests run:') }
expectLine('[INFO] [authenticity] NO_TESTS: 1 guarded test, none executed (1 NOT_DISCOVERED)')
expectLine('[ERROR] NOT_DISCOVERED OrderE2E.placesOrder: compiled, but in no test plan')
expectLine('[ERROR] NO_TESTS: 1 guarded test compiled, none executed')
expectFailure('check (default)', "Authenticity check failed: 1 NOT_DISCOVERED guarded test; 1 guarded test compiled, but none executed. Check the Surefire includes (test classes named *Test, *Tests, *TestCase or Test*), -Dgroups and -DexcludedGroups, and that a JUnit engine (junit-jupiter-engine) is a test dependency. See ${base}/target/surefire-reports for the authenticity report. (Set -Dauthenticity.failOnNotRun=false and -Dauthenticity.minExecuted=0 to ignore this.)")
expectLine('[INFO] BUILD FAILURE')

def json = report('target/surefire-reports')
assert json.verdict == 'NO_TESTS'
assert json.summary.executed == 0
assert json.summary.guarded == 1
assert json.summary.notRun == 1
def order = test(json, 'OrderE2E', 'placesOrder')
assert order.verdict == 'NOT_RUN'
assert order.reason == 'NOT_DISCOVERED'
assert order.services == ['redis']
return true
