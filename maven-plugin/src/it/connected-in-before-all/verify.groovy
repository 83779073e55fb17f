// A client connected in a guarded class's @BeforeAll proves no test of the class: the honest test is proven by its
// own exchange, each stand-in (before and after it) is NO_INTERACTION and its finding names the set-up's exchange
evaluate(new File(basedir, '../../../src/it/verify-support.groovy'))

expectLine('[INFO] BUILD SUCCESS')
expectAgentEverywhere()
def json = report('target/surefire-reports')
def guarded = json.tests.findAll { it.guarded }
assert guarded.size() == 6: guarded.collect { it.className + '.' + it.methodName }
[['JdbcConnectedInBeforeAllTest', 'queriesTheDatabase', 'postgres', '127.0.0.1:5432'],
 ['LettuceConnectedInBeforeAllTest', 'setsAndGets', 'redis', '127.0.0.1:6379']].each {
  def (className, honestName, service, endpoint) = it
  ['standInBefore', 'standInAfter'].each { standInName ->
    def standIn = test(json, className, standInName)
    assert standIn.verdict == 'MASKED': "${className}.${standInName}: ${standIn.verdict}, proof ${standIn.proof}"
    assert standIn.proof == null
    assert standIn.evidence.collect { e -> e.kind } == ['NO_INTERACTION']
    def detail = standIn.evidence[0].detail
    assert detail.startsWith("no bytes exchanged with ${service} (${endpoint}; reached only by the class's @BeforeAll: "
        .toString()): detail
    assert detail.endsWith(" with ${endpoint}) while the test ran".toString()): detail
  }
  def honest = test(json, className, honestName)
  assert honest.verdict == 'AUTHENTIC': "${className}.${honestName}: ${honest.verdict} ${honest.evidence}"
  assert honest.unproven == null: "${honestName} unproven: ${honest.unproven}"
  assert honest.proof.startsWith(service + ': '): honest.proof
}
return true
