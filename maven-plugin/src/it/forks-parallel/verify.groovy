// Four reused forks running classes and methods in parallel, the plugin only for prepare-agent: one report of all 40 tests
evaluate(new File(basedir, '../../../src/it/verify-support.groovy')) // lines, expectLine, report, test, ...

expectLine('[INFO] Tests run: 40, Failures: 0, Errors: 0, Skipped: 0')
expectLine('[INFO] BUILD SUCCESS')
// Surefire runs each class as its own test plan in a reused fork: one events file per plan, at most 4 JVMs
def files = eventFiles('target/authenticity')
def jvms = files.collect { (it.name =~ /events-\d+-\d+-(\d+)-/)[0][1] }.unique()
assert jvms.size() > 1 && jvms.size() <= 4: files

def json = report('target/surefire-reports')
assert json.verdict == 'AUTHENTIC'
assert json.complete == true: json.incompleteReasons
assert json.sources.size() == files.size()
assert json.summary.guarded == 40
assert json.summary.executed == 40
assert json.summary.authentic == 40
(1..8).each { n -> (1..5).each { t -> assert test(json, "Shard${n}Test", "ping${t}").verdict == 'AUTHENTIC' } }
expectForkLine('[authenticity] 40 guarded tests: 40 authentic')
return true
