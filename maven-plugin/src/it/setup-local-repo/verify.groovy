// The setup build is a real one too: both JUnit generations, Surefire and Failsafe, each test AUTHENTIC
evaluate(new File(basedir, '../../../src/it/verify-support.groovy')) // lines, expectLine, report, test, ...

expectLine('[INFO] BUILD SUCCESS')
assert lines.count { it == '[INFO] Tests run: 1, Failures: 0, Errors: 0, Skipped: 0' } == 4
['junit5', 'junit6'].each { module ->
  def json = new groovy.json.JsonSlurper().parse(new File(basedir, "${module}/target/surefire-reports/authenticity-report.json"))
  // the module's report holds Surefire's test and Failsafe's
  assert json.summary.guarded == 2: module
  assert json.tests.collect { "${it.className}=${it.verdict}" }.sort() ==
      ['it.authenticity.RedisIT=AUTHENTIC', 'it.authenticity.RedisTest=AUTHENTIC']: module
}
return true
