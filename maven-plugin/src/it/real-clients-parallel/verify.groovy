// Real clients under parallel execution in two forks, with the agent: every honest test proven (AUTHENTIC, not
// unproven), the stand-in beside honest tests on a shared connection never proven, and no test waits for evidence
evaluate(new File(basedir, '../../../src/it/verify-support.groovy'))

expectLine('[INFO] BUILD SUCCESS')
expectAgentEverywhere()
def json = report('target/surefire-reports')
def guarded = json.tests.findAll { it.guarded }
assert guarded.size() == 19: guarded.collect { it.className + '.' + it.methodName }
def standIns = guarded.findAll { it.className == 'it.authenticity.StandInBesideTheSharedConnectionTest' }
assert standIns.size() == 2
// beside honest tests on a connection opened before them: never proven; NO_INTERACTION when nothing ran beside it,
// else unproven (a shared connection can carry one test's request inside another's write)
standIns.each {
  assert it.proof == null: "${it.displayName} proven: ${it.proof}"
  assert (it.verdict == 'MASKED' && it.evidence.collect { e -> e.kind } == ['NO_INTERACTION']) ||
      (it.verdict == 'AUTHENTIC' && it.unproven.contains('cannot be attributed to it')): "${it.displayName}: ${it.verdict} ${it.evidence} ${it.unproven}"
}
def honest = guarded.findAll { !standIns.contains(it) }
honest.each {
  assert it.verdict == 'AUTHENTIC': "${it.className}.${it.displayName}: ${it.verdict} ${it.evidence}"
  assert it.unproven == null: "${it.className}.${it.displayName} unproven: ${it.unproven}"
  assert it.proof != null
}
// the RabbitMQ stand-in connected in @BeforeEach: its set-up exchange is its own
assert test(json, 'RabbitBeforeEachTest', 'standInNeverUsesItsChannel').proof.startsWith('rabbitmq: ')
// nothing waits for evidence: under JFR every test of a @BeforeEach-connection suite waited about a second
def rabbit = guarded.findAll { it.className == 'it.authenticity.RabbitBeforeEachTest' }.collect { it.durationMillis }.sort()
assert rabbit[rabbit.size() / 2 as int] < 900: "median RabbitMQ test ${rabbit} ms"
return true
