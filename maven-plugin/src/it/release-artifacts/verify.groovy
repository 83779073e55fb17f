// 1. The installed artifacts, opened by the same check the release dry run runs on the Central bundle
//    (.ci/release-dry-run), here with --installed: the POMs and main jars this build installed (no signatures,
//    checksums, sources or javadoc of the dependencies: invoker:install copies none).
// 2. authenticity:help -Ddetail: every goal and every parameter of the plugin's descriptor, each with its user
//    property and default, read from the installed plugin jar so that a new goal (prepare-agent) is covered.
import java.util.jar.JarFile

def root = new File(basedir, '../../../..').canonicalFile // maven-plugin/target/it/<name> -> the repository
def repo = localRepositoryPath instanceof File ? localRepositoryPath : new File(localRepositoryPath.toString())
def java = new File(System.getProperty('java.home'), 'bin/java').path
def command = [java, new File(root, '.ci/ReleaseCheck.java').path, '--licence', new File(root, 'LICENSE').path,
               '--notice', new File(root, 'NOTICE').path, '--originals', repo.path, '--installed', repo.path]
def process = command.execute()
def out = new StringBuilder()
process.consumeProcessOutput(out, out)
process.waitFor()
new File(basedir, 'release-check.log').text = out.toString()
assert process.exitValue() == 0: "the release check found violations in ${repo}:\n${out}"
assert out.contains('[release-check] no violation')

// the help text, as the build log shows it ([INFO] prefixes removed)
def help = new File(basedir, 'build.log').readLines().collect { it.replaceFirst(/^\[INFO\] ?/, '') }
def version = new File(repo, 'io/github/authenticity/authenticity-maven-plugin').listFiles().find { it.isDirectory() }.name
def jar = new JarFile(new File(repo, "io/github/authenticity/authenticity-maven-plugin/${version}/authenticity-maven-plugin-${version}.jar"))
def descriptor = new groovy.xml.XmlSlurper().parse(jar.getInputStream(jar.getEntry('META-INF/maven/plugin.xml')))
def missing = []
descriptor.mojos.mojo.each { mojo ->
  def goal = mojo.goal.text()
  def start = help.indexOf("authenticity:${goal}".toString())
  if (start < 0) {
    missing << "goal authenticity:${goal} is not listed"
    return
  }
  def end = help.findIndexOf(start + 1) { it ==~ /authenticity:[a-z-]+/ || it.startsWith('---') }
  def section = help.subList(start, end < 0 ? help.size() : end)
  if (!section.any { it.trim() && !it.contains('Available parameters') && it != "authenticity:${goal}" }) {
    missing << "goal authenticity:${goal} has no description"
  }
  def configuration = mojo.configuration.children().collectEntries { [(it.name()): it] }
  mojo.parameters.parameter.findAll { it.editable.text() == 'true' }.each { p ->
    def name = p.name.text()
    def at = section.findIndexOf { it ==~ /    ${name}( \(Default:.*)?/ }
    if (at < 0) {
      missing << "authenticity:${goal}: parameter ${name} is not listed"
      return
    }
    // a long default wraps: "reportsDirectory (Default:" then the value on the next line
    def header = section[at].trim() + (section[at].endsWith('(Default:') ? ' ' + section[at + 1].trim() : '')
    def c = configuration[name]
    def dflt = c?.@'default-value'?.text()
    if (dflt && header != "${name} (Default: ${dflt})".toString()) {
      missing << "authenticity:${goal}: parameter ${name} does not show its default [${dflt}]: [${header}]"
    }
    def property = c?.text()?.find(/^\$\{(.+)}$/) { all, prop -> prop }
    def first = section[at].endsWith('(Default:') ? at + 2 : at + 1
    def next = section.findIndexOf(first) { it ==~ /    \S.*/ }
    def block = section.subList(first, next < 0 ? section.size() : next).collect { it.trim() }
    if (property && !block.contains("User property: ${property}".toString())) {
      missing << "authenticity:${goal}: parameter ${name} does not show its user property [${property}]"
    }
    if (!block.any { it && !it.startsWith('User property:') && !it.startsWith('Required:') }) {
      missing << "authenticity:${goal}: parameter ${name} has no description"
    }
  }
}
// reads well: no javadoc markup or half-rendered expressions leak into the text
help.eachWithIndex { line, i ->
  if (line =~ /\{@|\$\{[^}]*\/|<\/?(pre|code|p)>/) {
    missing << "line ${i + 1} of the help shows markup: [${line.trim()}]"
  }
}
assert missing.isEmpty(): "authenticity:help -Ddetail lacks:\n  " + missing.join('\n  ')
return true
