// Secrets where users put them: none reaches the build log or any file under target/
evaluate(new File(basedir, '../../../src/it/verify-support.groovy')) // lines, expectLine, report, test, ...

def secrets = ['it-token-7f31c9d2', 'it-url-pw-58ab', 'it-pg-pw-94cd']
def log = new File(basedir, 'build.log').text
secrets.each { assert !log.contains(it): "the build log shows the secret [${it}]" }
def files = []
new File(basedir, 'target').eachFileRecurse(groovy.io.FileType.FILES) { files << it }
assert files.any { it.name == 'authenticity-report.json' }
assert files.any { it.name ==~ /events-.*\.jsonl/ }
files.each { file ->
  def text = file.getText('ISO-8859-1')
  secrets.each { assert !text.contains(it): "${file} shows the secret [${it}]" }
}

// the texts are still there, with the secrets redacted
expectForkLine('[authenticity] MASKED CacheTest.readsThrough[1]: FALLBACK_LOG System.out: "Using MockRedis because the server rejected ****" (+1 more)')
expectMatch(/\[ERROR\] MASKED CacheTest\.readsThrough\[1\]: FALLBACK_LOG System\.out: "Using MockRedis because the server rejected \*\*\*\*".*/)
assert log.contains('Using MockRedis because the server rejected ****')
assert log.contains('Assumption failed: no access with ****')
expectMatch(/\[INFO\] api +GET http:\/\/127\.0\.0\.1:1\/health +DOWN .*connection refused/)
expectMatch(/\[INFO\] postgres +postgres 127\.0\.0\.1:5432\/test +DOWN .*add the test dependency org\.postgresql:postgresql/)
def json = report('target/surefire-reports')
assert json.verdict == 'MASKED'
assert test(json, 'CacheTest', 'readsThrough').displayName == 'CacheTest > readsThrough(String) > reads with token ****'
return true
