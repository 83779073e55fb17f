// A build that ran no test is judged by its own (absent) events, never by an earlier build's
evaluate(new File(basedir, '../../../src/it/verify-support.groovy')) // lines, expectLine, report, test, ...

def judging = /\[INFO\] Judging the build that last ran the tests here \(Maven process \d+@\d+, started [^,]+, recorded in \[.*test-build\.txt\]\): /

// build 3: mvn authenticity:check after build 2 (-Dtest=NoSuchTest, no test JVM): NO_TESTS, not build 1's green
def third = report('target/build-3')
assert third.verdict == 'NO_TESTS'
assert third.summary.authentic == 0
assert third.sources.isEmpty()
expectMatch(judging.toString() + /it wrote no events file, so none of its guarded tests ran\./)
expectLine('[ERROR] NO_TESTS: 2 guarded tests compiled, none executed')

// build 4: the selection and the check on one command line
def fourth = report('target/build-4')
assert fourth.verdict == 'NO_TESTS'
assert fourth.sources.isEmpty()
expectLine('[ERROR] NO_TESTS: 2 guarded tests compiled, none executed (the test selection [-Dtest=NoSuchTest] matched no test at all)')

// build 6: the check on its own after an honest mvn test judges that build's events
def sixth = report('target/build-6')
assert sixth.verdict == 'AUTHENTIC'
assert sixth.summary.authentic == 2
assert sixth.sources.size() == 2
expectMatch(judging.toString() + /2 events files\./)
expectLine("[INFO] Authenticity check passed: 2 guarded tests, 2 authentic. See ${base}/target/build-6 for the authenticity report.")
assert lines.count { it.startsWith('[INFO] Authenticity check passed') } == 1: 'only build 6 passes the check'
return true
