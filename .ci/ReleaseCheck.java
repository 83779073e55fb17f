import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Opens Authenticity's release artifacts as Maven Central and a cautious user would, and lists every violation.
 *
 * <pre>
 * java .ci/ReleaseCheck.java [options] BUNDLE.zip | REPOSITORY-DIR
 *   --licence FILE        the project's LICENSE: every jar's META-INF/LICENSE must equal it (required)
 *   --notice FILE         the project's NOTICE: every jar's META-INF/NOTICE must start with it (required)
 *   --originals DIR       a Maven repository holding the libraries a jar bundles (default ~/.m2/repository)
 *   --central             the input is a Central bundle: every file also needs .asc, .md5 and .sha1 that match
 *   --gpg                 verify every .asc with gpg (the signing key must be in GNUPGHOME)
 *   --installed           the input is a local repository a build installed into (the ITs' target/local-repo):
 *                         only POMs and main jars are required (a build installs its dependencies' other files
 *                         nowhere), the version may be a SNAPSHOT, and not every artifact of ours is there
 * </pre>
 *
 * What it checks, for every artifact (groupId/artifactId/version folder) of the project's groupId:
 * <ul>
 * <li>a POM with Central's metadata (name, description, url, licenses, developers, scm), own or inherited from a
 *     POM in the input; no SNAPSHOT dependency, parent or import outside the input;</li>
 * <li>for jar and maven-plugin packaging: the jar, -sources.jar, -javadoc.jar and the CycloneDX SBOM;</li>
 * <li>in every jar: META-INF/LICENSE equal to the project's, META-INF/NOTICE starting with the project's;</li>
 * <li>in the main jar: an Automatic-Module-Name that the JDK accepts as the module's name;</li>
 * <li>the artifact's SBOM lists every library its jar bundles;</li>
 * <li>the BOM has no parent and manages our artifacts only;</li>
 * <li>for every library bundled in a jar (its META-INF/maven/.../pom.properties): each NOTICE file it ships
 *     appears verbatim in the jar's NOTICE, each other licence file it ships is there unchanged, and its
 *     own META-INF/LICENSE, if any, is the Apache License 2.0 (which the jar's LICENSE is); a library whose POM
 *     names another licence and ships no licence file must be given one (META-INF/LICENSE-artifactId).</li>
 * </ul>
 * The bundle check is what .ci/release-dry-run runs; the invoker IT release-artifacts runs it with --installed.
 * Exit status: 0 no violation, 1 violations (a count, then one a line), 2 bad arguments or unreadable input.
 */
public class ReleaseCheck {

  static final String GROUP = "io.github.authenticity";

  final List<String> violations = new ArrayList<>();
  final Map<String, byte[]> files = new TreeMap<>();  // path in the input -> bytes
  String licence;
  String notice;
  Path originals = Path.of(System.getProperty("user.home"), ".m2", "repository");
  boolean central;
  boolean gpg;
  boolean installed;
  Path input;

  public static void main(String[] args) throws Exception {
    ReleaseCheck check = new ReleaseCheck();
    try {
      check.parse(args);
    } catch (IllegalArgumentException ex) {
      System.err.println("[release-check] " + ex.getMessage());
      System.err.println("usage: java .ci/ReleaseCheck.java --licence LICENSE --notice NOTICE [--originals DIR] "
          + "[--central] [--gpg] [--installed] BUNDLE.zip|REPOSITORY-DIR");
      System.exit(2);
    }
    System.exit(check.run());
  }

  void parse(String[] args) throws IOException {
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--licence" -> licence = read(Path.of(value(args, ++i, "--licence")));
        case "--notice" -> notice = read(Path.of(value(args, ++i, "--notice")));
        case "--originals" -> originals = Path.of(value(args, ++i, "--originals"));
        case "--central" -> central = true;
        case "--gpg" -> gpg = true;
        case "--installed" -> installed = true;
        default -> {
          if (args[i].startsWith("--") || input != null) {
            throw new IllegalArgumentException("unknown argument [" + args[i] + "]");
          }
          input = Path.of(args[i]);
        }
      }
    }
    if (input == null || licence == null || notice == null) {
      throw new IllegalArgumentException("give the input, --licence and --notice");
    }
    if (!Files.exists(input)) {
      throw new IllegalArgumentException("there is no [" + input + "]; did the build that makes it run?");
    }
  }

  static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  int run() throws Exception {
    load();
    Map<String, List<String>> artifacts = new TreeMap<>();  // g/a/v folder -> file names
    for (String path : files.keySet()) {
      int slash = path.lastIndexOf('/');
      if (slash > 0 && path.startsWith(GROUP.replace('.', '/') + "/")) {
        artifacts.computeIfAbsent(path.substring(0, slash), k -> new ArrayList<>()).add(path.substring(slash + 1));
      }
    }
    if (artifacts.isEmpty()) {
      violations.add(input + ": no artifact of " + GROUP + " in it");
    }
    Map<String, String> versions = new TreeMap<>();  // groupId:artifactId -> version, of the input's artifacts
    for (String folder : artifacts.keySet()) {
      String[] gav = coordinates(folder);
      versions.put(gav[0] + ":" + gav[1], gav[2]);
    }
    int jars = 0;
    for (Map.Entry<String, List<String>> artifact : artifacts.entrySet()) {
      jars += checkArtifact(artifact.getKey(), artifact.getValue(), versions);
    }
    System.out.println("[release-check] " + input + ": " + artifacts.size() + " artifacts, " + jars + " jars"
        + (central ? ", checksums" + (gpg ? " and signatures" : "") : "")
        + (installed ? "; an installed repository: SNAPSHOT versions of our own artifacts and their sources, "
            + "javadoc and SBOM files are not counted (the release dry run checks those), SNAPSHOT dependencies on "
            + "anything else are" : ""));
    if (violations.isEmpty()) {
      System.out.println("[release-check] no violation");
      return 0;
    }
    System.out.println("[release-check] " + violations.size() + " violation" + (violations.size() == 1 ? "" : "s")
        + ":");
    violations.forEach(v -> System.out.println("  " + v));
    return 1;
  }

  void load() throws IOException {
    if (Files.isDirectory(input)) {
      try (Stream<Path> walk = Files.walk(input)) {
        for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
          String rel = input.relativize(p).toString().replace('\\', '/');
          // a local repository's bookkeeping is no artifact (Maven 4's resolver adds resolver-status.properties)
          if (rel.startsWith(GROUP.replace('.', '/') + "/") && !rel.contains("maven-metadata")
              && !rel.endsWith(".repositories") && !rel.endsWith(".lastUpdated")
              && !rel.endsWith("/resolver-status.properties")) {
            files.put(rel, Files.readAllBytes(p));
          }
        }
      }
    } else {
      try (ZipFile zip = new ZipFile(input.toFile())) {
        for (ZipEntry e : java.util.Collections.list(zip.entries())) {
          if (!e.isDirectory()) {
            try (InputStream in = zip.getInputStream(e)) {
              files.put(e.getName(), in.readAllBytes());
            }
          }
        }
      }
    }
  }

  static String[] coordinates(String folder) {
    String[] parts = folder.split("/");
    String version = parts[parts.length - 1];
    String artifactId = parts[parts.length - 2];
    String groupId = String.join(".", List.of(parts).subList(0, parts.length - 2));
    return new String[] {groupId, artifactId, version};
  }

  /** Checks one artifact folder; returns how many jars it opened. */
  int checkArtifact(String folder, List<String> names, Map<String, String> versions) throws Exception {
    String[] gav = coordinates(folder);
    String a = gav[1];
    String v = gav[2];
    String where = gav[0] + ":" + a + ":" + v;
    String base = a + "-" + v;
    // a repository holds timestamped SNAPSHOT files only when deployed; an installed one keeps the plain names
    if (!installed && v.endsWith("-SNAPSHOT")) {
      violations.add(where + ": the version is a SNAPSHOT; Central accepts releases only");
    }
    String pomName = base + ".pom";
    if (!names.contains(pomName)) {
      violations.add(where + ": no " + pomName);
      return 0;
    }
    Document pom = xml(files.get(folder + "/" + pomName));
    String packaging = Optional.ofNullable(text(pom.getDocumentElement(), "packaging")).orElse("jar");
    checkMetadata(where, pom);
    checkDependencies(where, pom, versions);
    if (a.endsWith("-bom")) {
      checkBom(where, pom);
    }

    List<String> required = new ArrayList<>(List.of(pomName));
    if (packaging.equals("jar") || packaging.equals("maven-plugin")) {
      required.add(base + ".jar");
    }
    if (!installed && (packaging.equals("jar") || packaging.equals("maven-plugin"))) {
      required.addAll(List.of(base + "-sources.jar", base + "-javadoc.jar", base + "-cyclonedx.json"));
    }
    for (String name : required) {
      if (!names.contains(name)) {
        violations.add(where + ": no " + name + " (" + packaging + " packaging)");
      }
    }
    if (central) {
      for (String name : names) {
        if (name.endsWith(".asc") || name.endsWith(".md5") || name.endsWith(".sha1") || name.endsWith(".sha256")
            || name.endsWith(".sha512")) {
          continue;
        }
        byte[] content = files.get(folder + "/" + name);
        checkSum(where, folder, name, content, "md5", "MD5");
        checkSum(where, folder, name, content, "sha1", "SHA-1");
        if (!names.contains(name + ".asc")) {
          violations.add(where + ": " + name + " is not signed (no " + name + ".asc)");
        } else if (gpg) {
          verifySignature(where, folder, name);
        }
      }
    }
    int jars = 0;
    for (String name : names) {
      if (name.endsWith(".jar")) {
        jars++;
        List<String> bundled = checkJar(where, name, files.get(folder + "/" + name), name.equals(base + ".jar"));
        byte[] sbom = files.get(folder + "/" + base + "-cyclonedx.json");
        for (String lib : bundled) {  // the SBOM lists what the jar carries
          String[] c = lib.split(":");
          String purl = "pkg:maven/" + c[0] + "/" + c[1] + "@" + c[2];
          if (sbom != null && !string(sbom).contains(purl)) {
            violations.add(where + ": " + name + " bundles " + lib + ", which its SBOM " + base
                + "-cyclonedx.json does not list (" + purl + ")");
          }
        }
      }
    }
    return jars;
  }

  void checkSum(String where, String folder, String name, byte[] content, String ext, String algorithm)
      throws Exception {
    byte[] sum = files.get(folder + "/" + name + "." + ext);
    if (sum == null) {
      violations.add(where + ": " + name + " has no ." + ext);
      return;
    }
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    String actual = new String(sum, StandardCharsets.US_ASCII).trim().split("\\s+")[0];
    if (!expected.equalsIgnoreCase(actual)) {
      violations.add(where + ": " + name + "." + ext + " says [" + actual + "], the file's is [" + expected + "]");
    }
  }

  void verifySignature(String where, String folder, String name) throws Exception {
    Path dir = Files.createTempDirectory("release-check");
    try {
      Path file = Files.write(dir.resolve(name), files.get(folder + "/" + name));
      Path asc = Files.write(dir.resolve(name + ".asc"), files.get(folder + "/" + name + ".asc"));
      Process gpgProcess = new ProcessBuilder("gpg", "--batch", "--verify", asc.toString(), file.toString())
          .redirectErrorStream(true).start();
      String out = new String(gpgProcess.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (gpgProcess.waitFor() != 0) {
        violations.add(where + ": " + name + ".asc does not verify: " + out.strip().replace('\n', ' '));
      }
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted((x, y) -> y.compareTo(x)).forEach(p -> p.toFile().delete());
      }
    }
  }

  void checkMetadata(String where, Document pom) {
    for (String path : List.of("name", "description", "url", "licenses/license/name", "licenses/license/url",
        "developers/developer/name", "scm/url", "scm/connection")) {
      if (inherited(pom, path) == null) {
        violations.add(where + ": the POM has no <" + path.replace("/", "><") + "> (Central requires it), "
            + "neither its own nor from a parent in " + input.getFileName());
      }
    }
  }

  /** The text at a path of the POM, or of its parents that the input holds (as Central resolves them). */
  String inherited(Document pom, String path) {
    for (Document p = pom; p != null; p = parent(p)) {
      String value = text(p.getDocumentElement(), path);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  Document parent(Document pom) {
    Element parent = child(pom.getDocumentElement(), "parent");
    if (parent == null) {
      return null;
    }
    String g = text(parent, "groupId");
    String a = text(parent, "artifactId");
    String v = text(parent, "version");
    byte[] bytes = files.get(g.replace('.', '/') + "/" + a + "/" + v + "/" + a + "-" + v + ".pom");
    return bytes == null ? null : xml(bytes);
  }

  void checkDependencies(String where, Document pom, Map<String, String> versions) {
    Map<String, String> properties = new LinkedHashMap<>();
    List<Document> chain = new ArrayList<>();
    for (Document p = pom; p != null; p = parent(p)) {
      chain.add(p);
    }
    for (int i = chain.size() - 1; i >= 0; i--) {  // the child's properties win
      Element props = child(chain.get(i).getDocumentElement(), "properties");
      if (props != null) {
        for (Element e : children(props)) {
          properties.put(e.getTagName(), e.getTextContent().trim());
        }
      }
    }
    Element root = pom.getDocumentElement();
    String version = Optional.ofNullable(text(root, "version")).orElse(text(root, "parent/version"));
    properties.put("project.version", version);
    properties.put("project.parent.version", text(root, "parent/version"));

    Element parent = child(root, "parent");
    if (parent != null) {
      checkVersion(where, "parent", text(parent, "groupId"), text(parent, "artifactId"), text(parent, "version"),
          properties, versions);
    }
    for (String section : List.of("dependencies", "dependencyManagement/dependencies")) {
      Element deps = element(root, section);
      if (deps == null) {
        continue;
      }
      for (Element dep : children(deps)) {
        String v = text(dep, "version");
        if (v == null) {
          continue;  // managed: by a parent in the input, or an import, both checked where they are declared
        }
        String kind = "import".equals(text(dep, "scope")) ? "import" : "dependency";
        checkVersion(where, kind, text(dep, "groupId"), text(dep, "artifactId"), v, properties, versions);
      }
    }
  }

  /** A user who imports the BOM gets our versions and nothing else: no parent, only our artifacts managed. */
  void checkBom(String where, Document pom) {
    Element root = pom.getDocumentElement();
    if (child(root, "parent") != null) {
      violations.add(where + ": the BOM has a parent, whose dependencyManagement an import would bring along");
    }
    Element deps = element(root, "dependencyManagement/dependencies");
    for (Element dep : deps == null ? List.<Element>of() : children(deps)) {
      if (!GROUP.equals(text(dep, "groupId"))) {
        violations.add(where + ": the BOM manages " + text(dep, "groupId") + ":" + text(dep, "artifactId")
            + ", which is not ours: importing it would change a user's versions of it");
      }
    }
  }

  void checkVersion(String where, String kind, String g, String a, String raw, Map<String, String> properties,
      Map<String, String> versions) {
    String v = interpolate(raw, properties);
    String ours = versions.get(g + ":" + a);
    if (installed && g.equals(GROUP)) {
      return;  // our own artifacts of the same build, not all of them installed
    }
    if (ours != null) {
      if (!ours.equals(v)) {
        violations.add(where + ": " + kind + " " + g + ":" + a + ":" + v + " is not the version this input holds ("
            + ours + ")");
      }
    } else if (v.contains("${")) {
      violations.add(where + ": " + kind + " " + g + ":" + a + " has a version Central cannot resolve [" + raw + "]");
    } else if (v.endsWith("-SNAPSHOT")) {
      violations.add(where + ": " + kind + " " + g + ":" + a + ":" + v + " is a SNAPSHOT");
    } else if (g.equals(GROUP) && !installed) {
      violations.add(where + ": " + kind + " " + g + ":" + a + ":" + v + " is ours but not in "
          + input.getFileName() + "; publish it with the rest");
    }
  }

  static String interpolate(String raw, Map<String, String> properties) {
    String v = raw;
    for (int i = 0; i < 10 && v.contains("${"); i++) {
      Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(v);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String value = properties.get(m.group(1));
        m.appendReplacement(sb, Matcher.quoteReplacement(value == null ? m.group() : value));
      }
      m.appendTail(sb);
      if (sb.toString().equals(v)) {
        break;
      }
      v = sb.toString();
    }
    return v;
  }

  /** Checks one jar; returns the libraries it bundles (groupId:artifactId:version). */
  List<String> checkJar(String where, String name, byte[] jar, boolean main) throws Exception {
    Map<String, byte[]> entries = new TreeMap<>();
    Manifest manifest;
    try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
      manifest = in.getManifest();
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        if (e.getName().startsWith("META-INF/")) {
          entries.put(e.getName(), in.readAllBytes());
        }
      }
    }
    String jarLicence = string(entries.get("META-INF/LICENSE"));
    String jarNotice = string(entries.get("META-INF/NOTICE"));
    if (jarLicence == null) {
      violations.add(where + ": " + name + " has no META-INF/LICENSE");
    } else if (!jarLicence.equals(licence)) {
      violations.add(where + ": " + name + "'s META-INF/LICENSE is not the project's LICENSE");
    }
    if (jarNotice == null) {
      violations.add(where + ": " + name + " has no META-INF/NOTICE");
    } else if (!jarNotice.startsWith(notice)) {
      violations.add(where + ": " + name + "'s META-INF/NOTICE does not start with the project's NOTICE");
    } else if (jarNotice.indexOf(notice, notice.length()) >= 0) {
      violations.add(where + ": " + name + "'s META-INF/NOTICE holds the project's NOTICE twice");
    }
    List<String> bundled = new ArrayList<>();
    if (!main) {
      return bundled;
    }
    String moduleName = manifest == null ? null : manifest.getMainAttributes().getValue("Automatic-Module-Name");
    if (moduleName == null || moduleName.isBlank()) {
      violations.add(where + ": " + name + " has no Automatic-Module-Name in its manifest (set the property "
          + "authenticity.moduleName in the module's POM)");
    } else if (moduleName.equals(GROUP + ".unnamed")) {
      violations.add(where + ": " + name + "'s Automatic-Module-Name is the parent's placeholder [" + moduleName
          + "]: set the property authenticity.moduleName in the module's POM");
    } else {
      checkModuleName(where, name, jar, moduleName);
    }
    for (String entry : entries.keySet()) {
      Matcher m = Pattern.compile("META-INF/maven/([^/]+)/([^/]+)/pom\\.properties").matcher(entry);
      if (m.matches() && !m.group(1).equals(GROUP)) {
        Properties props = Properties.of(entries.get(entry));
        checkBundled(where, name, m.group(1), m.group(2), props.get("version"), entries, jarNotice);
        bundled.add(m.group(1) + ":" + m.group(2) + ":" + props.get("version"));
      }
    }
    return bundled;
  }

  void checkModuleName(String where, String name, byte[] jar, String moduleName) throws IOException {
    Path dir = Files.createTempDirectory("release-check");
    Path copy = Files.write(dir.resolve(name), jar);
    try {
      Set<ModuleReference> found = ModuleFinder.of(copy).findAll();
      String derived = found.iterator().next().descriptor().name();
      if (!derived.equals(moduleName)) {
        violations.add(where + ": " + name + " is the module [" + derived + "], not [" + moduleName + "]");
      }
    } catch (RuntimeException ex) {  // FindException: an invalid name, a package the JDK rejects, ...
      violations.add(where + ": " + name + " cannot be a module on the module path: " + ex.getMessage()
          + (ex.getCause() == null ? "" : ": " + ex.getCause().getMessage()));
    } finally {
      Files.delete(copy);
      Files.delete(dir);
    }
  }

  void checkBundled(String where, String name, String g, String a, String v, Map<String, byte[]> entries,
      String jarNotice) throws IOException {
    String lib = g + ":" + a + ":" + v;
    Path original = originals.resolve(g.replace('.', '/')).resolve(a).resolve(v).resolve(a + "-" + v + ".jar");
    if (!Files.exists(original)) {
      violations.add(where + ": " + name + " bundles " + lib + ", whose jar is not in " + originals
          + " to compare its notices with (give --originals)");
      return;
    }
    boolean shipsLicence = false;
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(original))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        String entry = e.getName();
        if (!entry.startsWith("META-INF/") || entry.indexOf('/', "META-INF/".length()) >= 0) {
          continue;
        }
        String file = entry.substring("META-INF/".length());
        String upper = file.toUpperCase(java.util.Locale.ROOT);
        String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (upper.startsWith("NOTICE")) {
          String all = jarNotice == null ? "" : normalised(jarNotice);
          String one = normalised(content);
          int first = all.indexOf(one);
          if (first < 0) {
            violations.add(where + ": " + name + " bundles " + lib + " but its META-INF/NOTICE lacks " + lib
                + "'s " + entry + " (Apache-2.0 section 4d)");
          } else if (all.indexOf(one, first + one.length()) >= 0) {
            violations.add(where + ": " + name + "'s META-INF/NOTICE holds " + lib + "'s " + entry + " twice "
                + "(a jar shaded again?)");
          }
        } else if (upper.equals("LICENSE") || upper.equals("LICENSE.TXT") || upper.equals("LICENSE.MD")) {
          shipsLicence = true;
          if (!normalised(content).equals(normalised(licence))) {
            violations.add(where + ": " + name + " bundles " + lib + ", whose " + entry + " is not the Apache "
                + "License 2.0 that the jar's LICENSE is: keep it as META-INF/LICENSE-" + a);
          }
        } else if (upper.contains("LICENSE") || upper.contains("LICENCE")) {
          shipsLicence = true;
          byte[] ours = entries.get(entry);
          if (ours == null || !normalised(string(ours)).equals(normalised(content))) {
            violations.add(where + ": " + name + " bundles " + lib + " but lacks its " + entry + " (or changed it)");
          }
        }
      }
    }
    if (!shipsLicence) {
      // no licence file in the library's jar: its POM says which licence; Apache-2.0 is the jar's own
      byte[] pomBytes = entries.get("META-INF/maven/" + g + "/" + a + "/pom.xml");
      String licences = pomBytes == null ? "" : String.join(", ", texts(xml(pomBytes), "licenses/license/name"));
      boolean apache = licences.toLowerCase(java.util.Locale.ROOT).contains("apache");
      if (!apache && !entries.containsKey("META-INF/LICENSE-" + a)) {
        violations.add(where + ": " + name + " bundles " + lib + " (licence [" + (licences.isEmpty() ? "not in its "
            + "POM" : licences) + "]) without its licence text: add it as META-INF/LICENSE-" + a);
      }
    }
  }

  // --- small helpers

  static String normalised(String s) {
    return s.replace("\r", "").replaceAll("[ \\t]+", " ").replaceAll("\\s*\\n\\s*", "\n").strip();
  }

  static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  static String string(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  static Document xml(byte[] bytes) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return f.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    } catch (Exception ex) {
      throw new IllegalStateException("not a readable POM: " + ex.getMessage(), ex);
    }
  }

  static Element child(Element parent, String tag) {
    for (Element e : children(parent)) {
      if (e.getTagName().equals(tag)) {
        return e;
      }
    }
    return null;
  }

  static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
        out.add((Element) nodes.item(i));
      }
    }
    return out;
  }

  static Element element(Element root, String path) {
    Element e = root;
    for (String part : path.split("/")) {
      e = e == null ? null : child(e, part);
    }
    return e;
  }

  static String text(Element root, String path) {
    Element e = element(root, path);
    return e == null ? null : e.getTextContent().trim();
  }

  static List<String> texts(Document doc, String path) {
    String[] parts = path.split("/");
    List<Element> level = List.of(doc.getDocumentElement());
    for (String part : parts) {
      List<Element> next = new ArrayList<>();
      for (Element e : level) {
        for (Element c : children(e)) {
          if (c.getTagName().equals(part)) {
            next.add(c);
          }
        }
      }
      level = next;
    }
    List<String> out = new ArrayList<>();
    level.forEach(e -> out.add(e.getTextContent().trim()));
    return out;
  }

  /** pom.properties, read without java.util.Properties' escapes mattering for these few keys. */
  record Properties(Map<String, String> values) {
    static Properties of(byte[] bytes) throws IOException {
      java.util.Properties p = new java.util.Properties();
      p.load(new ByteArrayInputStream(bytes));
      Map<String, String> values = new TreeMap<>();
      p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
      return new Properties(values);
    }

    String get(String key) {
      return values.get(key);
    }
  }

}
