// Two forks, two events files, one merged report (JUnit 6)
evaluate(new File(basedir, '../../../src/it/verify-support.groovy')) // lines, expectLine, report, test, ...

expectLine('[INFO] BUILD SUCCESS')
expectLine('[INFO] [authenticity] 2 guarded tests: 2 authentic')
expectLine("[INFO] Authenticity check passed: 2 guarded tests, 2 authentic. See ${base}/target/surefire-reports for the authenticity report.")
assert eventFiles('target/authenticity').size() == 2

def json = report('target/surefire-reports')
assert json.verdict == 'AUTHENTIC'
assert json.complete == true
assert json.sources.size() == 2
assert json.summary.executed == 2
assert json.summary.authentic == 2
assert test(json, 'RedisTest', 'pingsRedis').verdict == 'AUTHENTIC'
assert test(json, 'PostgresTest', 'asksPostgres').verdict == 'AUTHENTIC'
return true
