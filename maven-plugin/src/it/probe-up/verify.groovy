// authenticity:probe, PostgreSQL and Redis UP: the aligned health table and BUILD SUCCESS; a container: true
// service is named as not probed (its address exists only while its test class runs)
evaluate(new File(basedir, '../../../src/it/verify-support.groovy')) // lines, expectLine, report, test, ...

expectLine('[INFO] Service [backend] not probed: container: true, so its host and port are those of a'
    + ' @RealServiceContainer field, known only when its test class runs.')
expectLine('[INFO] Probing 2 services of environment [local] from classpath:authenticity.yaml:')
expectLine('[INFO] SERVICE   ENDPOINT                 STATUS  LATENCY  CAUSE')
expectMatch(/\[INFO\] postgres  postgres 127\.0\.0\.1:5432  UP      {0,4}\d+ ms  PostgreSQL answered: .*/)
expectMatch(/\[INFO\] redis     redis 127\.0\.0\.1:6379     UP      {0,4}\d+ ms  PONG/)
expectLine('[INFO] BUILD SUCCESS')

// the columns are aligned: STATUS starts at the same offset on every row
def table = lines.findAll { it ==~ /\[INFO\] (SERVICE|postgres|redis) .*/ }
assert table.size() == 3
def offsets = table.collect { it.indexOf(it.contains('STATUS') ? 'STATUS' : ' UP ') + (it.contains('STATUS') ? 0 : 1) }
assert offsets.unique().size() == 1: "columns not aligned: ${table}"
return true
