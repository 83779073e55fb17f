// authenticity:probe, PostgreSQL and Redis UP: the aligned health table and BUILD SUCCESS
def lines = new File(basedir, 'build.log').readLines()

def expectLine = { String line ->
  assert lines.contains(line): "build.log lacks the line [${line}]"
}
def expectMatch = { String regex ->
  assert lines.any { it ==~ regex }: "build.log has no line matching [${regex}]"
}

expectLine('[INFO] Probing 2 services of environment [local] from classpath:authenticity.yaml:')
expectMatch(/\[INFO\] SERVICE +ENDPOINT +STATUS +LATENCY +CAUSE/)
expectMatch(/\[INFO\] postgres +\S.* +UP +\d+ ms +.*/)
expectMatch(/\[INFO\] redis +\S.* +UP +\d+ ms +.*/)
expectLine('[INFO] BUILD SUCCESS')

// the columns are aligned: STATUS starts at the same offset on every row
def table = lines.findAll { it ==~ /\[INFO\] (SERVICE|postgres|redis) .*/ }
assert table.size() == 3
def offsets = table.collect { it.indexOf(it.contains('STATUS') ? 'STATUS' : ' UP ') + (it.contains('STATUS') ? 0 : 1) }
assert offsets.unique().size() == 1: "columns not aligned: ${table}"
return true
