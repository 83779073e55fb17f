// Eight fork JVMs, the plugin only for prepare-agent, Surefire fails the build: the report on disk holds all 40 tests
evaluate(new File(basedir, '../../../src/it/verify-support.groovy')) // lines, expectLine, report, test, ...

expectLine('[ERROR] Tests run: 40, Failures: 8, Errors: 0, Skipped: 0')
expectLine('[INFO] BUILD FAILURE')
assert !lines.any { it =~ /authenticity-maven-plugin:[^:]+:(report|check) / }: 'report or check ran'
expectMatch(/\[INFO\] argLine set to -javaagent:\S+authenticity-agent-\S+\.jar/)
assert eventFiles('target/authenticity').size() == 8

def json = report('target/surefire-reports')
assert json.verdict == 'MASKED'
assert json.complete == true: json.incompleteReasons
assert json.sources.size() == 8
assert json.summary.guarded == 40
assert json.summary.executed == 40
assert json.summary.masked == 8
assert json.summary.authentic == 32
(1..4).each { n ->
  assert test(json, "Shard${n}Test", 'ping5').verdict == 'MASKED'
  assert test(json, "Shard${n}Test", 'ping1').verdict == 'AUTHENTIC'
}
(5..8).each { n -> assert test(json, "Shard${n}Test", 'ping5').verdict == 'AUTHENTIC' }
// the last fork to end printed the whole build's summary
expectForkLine('[authenticity] 40 guarded tests: 32 authentic, 8 MASKED')
return true
