// A password in an unparseable URL: the probe goal's failure and its cause chain (-e) never show it
evaluate(new File(basedir, '../../../src/it/verify-support.groovy')) // lines, expectLine, report, test, ...

assert lines.every { !it.contains('pw-In-Bad-Url-19x') }: 'the password is in the build log: ' + lines.find { it.contains('pw-In-Bad-Url-19x') }
expectLine('[INFO] BUILD FAILURE')
// the [ERROR] line and the stack trace (-e) still name the JDK's cause, with the URL's user-info redacted
expectMatch(/\[ERROR\] Failed to execute goal .*:probe \(default-cli\) on project probe-secret-in-bad-url: authenticity\.yaml:5:36: environments\.local\.services\.backend\.url: \[https:\/\/\*\*\*\*@api\.example\.com \/health\] is not a valid URL for probe \[http\]: .*java\.net\.URISyntaxException: Illegal character in authority at index \d+: https:\/\/\*\*\*\*@api\.example\.com \/health -> \[Help 1\]/)
assert lines.any { it.startsWith('Caused by: ') && it ==~ /.*java\.net\.URISyntaxException: Illegal character in authority at index \d+: https:\/\/\*\*\*\*@api\.example\.com \/health/ }
return true
