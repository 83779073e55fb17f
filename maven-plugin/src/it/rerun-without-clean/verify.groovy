// Three builds in a row without clean (two forks each): each report counts its own build's events only
evaluate(new File(basedir, '../../../src/it/verify-support.groovy')) // lines, expectLine, report, test, ...

def perBuild = binding.hasVariable('jvmsPerBuild') ? jvmsPerBuild : 2
assert eventFiles('target/authenticity').size() == 3 * perBuild

def first = report('target/build-1')
assert first.verdict == 'MASKED'
assert first.summary.masked == 2
assert first.sources.size() == perBuild

// the plugin's report of the second build: the first build's masked runs are not in it
def second = report('target/build-2')
assert second.verdict == 'AUTHENTIC'
assert second.complete == true: second.incompleteReasons
assert second.sources.size() == perBuild
assert second.summary.guarded == 2
assert second.summary.authentic == 2
assert test(second, 'FirstTest', 'pingsRedis').verdict == 'AUTHENTIC'
expectMatch(/\[INFO\] Ignoring ${perBuild} events files? of earlier builds or other Maven processes \(mvn clean removes them\): \[.*\]/)
// forkCount=0 runs the tests in Maven's own JVM, where no agent can be loaded: proven only with forks
def authentic = perBuild == 1 ? '2 authentic (2 unproven)' : '2 authentic'
expectLine("[INFO] Authenticity check passed: 2 guarded tests, ${authentic}. See ${base}/target/build-2 for the authenticity report.")
if (perBuild == 1) {
  expectLine('[INFO] [authenticity] 2 guarded tests ran without the agent, so no socket proof: add the authenticity-maven-plugin\'s prepare-agent goal (README, "Socket proof")')
}

// the listener's report of the third build (the plugin skipped): neither earlier build is in it
def third = report('target/build-3')
assert third.verdict == 'AUTHENTIC'
assert third.complete == true: third.incompleteReasons
assert third.sources.size() == perBuild
assert third.summary.guarded == 2
assert third.summary.authentic == 2
return true
