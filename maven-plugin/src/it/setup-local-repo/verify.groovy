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
// the junit6 module runs the same tests on JUnit 6 (the run event names the platform's version)
def junit = { module -> eventFiles("${module}/target/authenticity").collect {
  new groovy.json.JsonSlurper().parseText(it.readLines()[0]).junit } }
def six = junit('junit6')
def five = junit('junit5')
assert !six.isEmpty() && six.every { it.startsWith('6.') }: six
assert !five.isEmpty() && five.every { !it.startsWith('6.') }: five
return true
