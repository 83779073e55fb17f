// authenticity:probe with Redis expected on a closed port: the table, then one failure naming it
evaluate(new File(basedir, '../../../src/it/verify-support.groovy')) // lines, expectLine, report, test, ...

expectLine('[INFO] Probing 2 services of environment [local] from classpath:authenticity.yaml:')
expectLine('[INFO] SERVICE   ENDPOINT                 STATUS  LATENCY  CAUSE')
expectMatch(/\[INFO\] cache     redis 127\.0\.0\.1:1        DOWN    {0,4}\d+ ms  connection refused/)
expectMatch(/\[INFO\] postgres  postgres 127\.0\.0\.1:5432  UP      {0,4}\d+ ms  PostgreSQL answered: .*/)
expectLine('[INFO] BUILD FAILURE')
expectMatch(/\[ERROR\] Failed to execute goal io\.github\.authenticity:authenticity-maven-plugin:[^:]+:probe \(default-cli\) on project probe-down: 1 of 2 services of environment \[local\] is DOWN: cache \(redis 127\.0\.0\.1:1: connection refused\)\. Start it or fix its configuration, then run mvn authenticity:probe again\. -> \[Help 1\]/)
assert !lines.any { it.contains('postgres (') }: 'an UP service is named as DOWN'
return true
