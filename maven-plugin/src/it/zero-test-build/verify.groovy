// A build that ran no test is judged by its own (absent) events, never by an earlier build's
evaluate(new File(basedir, '../../../src/it/verify-support.groovy')) // lines, expectLine, report, test, ...

// build 2: -Dtest=NoSuchTest with the check on the command line
def second = report('target/build-2')
assert second.verdict == 'NO_TESTS'
assert second.summary.authentic == 0
assert second.sources.isEmpty()
expectLine('[ERROR] NO_TESTS: 2 guarded tests compiled, none executed (the test selection [-Dtest=NoSuchTest] matched no test at all)')

// build 3: the check on its own, after build 2 recorded that it ran the tests
def third = report('target/build-3')
assert third.verdict == 'NO_TESTS'
assert third.sources.isEmpty()
expectMatch(/\[INFO\] Judging the build that last ran the tests here \(Maven process \d+@\d+, started .*, recorded in \[.*test-build\.txt\]\): it wrote no events file, so none of its guarded tests ran\./)
expectLine('[ERROR] NO_TESTS: 2 guarded tests compiled, none executed')
assert lines.count { it.startsWith('[INFO] Authenticity check passed') } == 1: 'only build 5 passes the check'

// build 5: mvn test, then mvn authenticity:check on its own: the newest build's events, and a note of the limit
def fifth = report('target/build-5')
assert fifth.verdict == 'AUTHENTIC'
assert fifth.summary.authentic == 2
expectMatch(/\[INFO\] No events files of this build: reporting the newest build's 2 files \(Maven process \d+@\d+\)\. That build did not record that it ran the tests .*/)
expectMatch(/\[INFO\] Ignoring 2 events files of older builds \(mvn clean removes them\): \[.*\]/)
expectLine("[INFO] Authenticity check passed: 2 guarded tests, 2 authentic. See ${base}/target/build-5 for the authenticity report.")
return true
