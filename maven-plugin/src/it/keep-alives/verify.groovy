// Keep-alives on a shared client's own threads prove no test: each stand-in is NO_INTERACTION, each honest test is
// proven by its own exchange
evaluate(new File(basedir, '../../../src/it/verify-support.groovy'))

expectLine('[INFO] BUILD SUCCESS')
expectAgentEverywhere()
def json = report('target/surefire-reports')
def guarded = json.tests.findAll { it.guarded }
assert guarded.size() == 4: guarded.collect { it.className + '.' + it.methodName }
[['databaseStandIn', 'queriesTheDatabase', 'postgres'], ['brokerStandIn', 'declaresAQueue', 'rabbitmq']].each {
  def (standInName, honestName, service) = it
  def standIn = test(json, 'StandInsBesideKeptAliveClientsTest', standInName)
  assert standIn.verdict == 'MASKED': "${standInName}: ${standIn.verdict}, proof ${standIn.proof}"
  assert standIn.proof == null
  assert standIn.evidence.collect { e -> e.kind } == ['NO_INTERACTION']
  assert standIn.evidence[0].detail.contains(service)
  def honest = test(json, 'OpensTheSharedClientsTest', honestName)
  assert honest.verdict == 'AUTHENTIC': "${honestName}: ${honest.verdict} ${honest.evidence}"
  assert honest.unproven == null: "${honestName} unproven: ${honest.unproven}"
  assert honest.proof.startsWith(service + ': ')
}
return true
