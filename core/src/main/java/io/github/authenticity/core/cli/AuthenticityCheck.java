package io.github.authenticity.core.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import io.github.authenticity.core.internal.events.EventReader;
import io.github.authenticity.core.internal.events.EventsFormat;
import io.github.authenticity.core.internal.model.CheckSettings;
import io.github.authenticity.core.internal.model.Report;
import io.github.authenticity.core.internal.redact.Redactor;
import io.github.authenticity.core.internal.redact.Visible;
import io.github.authenticity.core.internal.report.Check;
import io.github.authenticity.core.internal.report.CheckResult;
import io.github.authenticity.core.internal.report.ConsoleSummary;
import io.github.authenticity.core.internal.report.ReportBuilder;
import io.github.authenticity.core.internal.report.ReportWriter;
import org.apiguardian.api.API;

/**
 * The {@code check} goal without Maven, for Gradle, other build tools and a CI job that merges the test results
 * of several shards: reads the events files of one or more results folders, writes the report files and applies
 * the plugin's rules.
 *
 * <pre>
 * java -jar authenticity-junit-extension-&lt;version&gt;.jar [-Dauthenticity.&lt;parameter&gt;=&lt;value&gt;...] [name=]folder...
 * </pre>
 *
 * <p>Each folder is one shard (a CI machine's uploaded test results, or a module's
 * {@code authenticity.outputDirectory}), named after the folder or by {@code name=}; its events files are found
 * at any depth. A folder that does not exist, has no events files, or holds a run that never ended makes the
 * report incomplete and is named in the output. Parameters are the plugin's user properties, given as arguments
 * or as system properties ({@code java -Dauthenticity.failOnMasked=false -jar ...}); arguments win:
 * {@code reportsDirectory} (default {@code authenticity-report}), {@code failOnMasked} (true), {@code failOnNotRun}
 * (true), {@code failOnDisabled} (false), {@code failOnIncomplete} (true), {@code minExecuted} (1),
 * {@code requireEnvironment}, {@code reportOnly} (false: as the {@code report} goal, never fail for the verdict),
 * {@code skip} (false).
 *
 * <p>Exit status: 0 the check passed (or was skipped, or {@code reportOnly}), 1 the check failed, 2 bad arguments
 * or a file that could not be read or written.
 *
 * <p>Compiled guarded tests that no test plan held ({@code NOT_DISCOVERED}) are found only by the Maven plugin,
 * which knows the test classes; this command judges what the events files hold.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AuthenticityCheck {

  /** Passed, skipped, or {@code reportOnly}. */
  public static final int PASSED = 0;
  /** The check failed: the build must fail. */
  public static final int FAILED = 1;
  /** Bad arguments, or a file that could not be read or written. */
  public static final int ERROR = 2;

  static final String PREFIX = ConsoleSummary.PREFIX;
  private static final String PROPERTY_PREFIX = "authenticity.";
  private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  static {
    DEFAULTS.put("reportsDirectory", "authenticity-report");
    DEFAULTS.put("failOnMasked", "true");
    DEFAULTS.put("failOnNotRun", "true");
    DEFAULTS.put("failOnDisabled", "false");
    DEFAULTS.put("failOnIncomplete", "true");
    DEFAULTS.put("minExecuted", "1");
    DEFAULTS.put("requireEnvironment", "");
    DEFAULTS.put("reportOnly", "false");
    DEFAULTS.put("skip", "false");
  }

  private AuthenticityCheck() {
  }

  /**
   * Runs the check and exits with its status.
   *
   * @param args events folders ({@code [name=]folder}) and {@code -Dauthenticity.<parameter>=<value>} options
   */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, System.getProperties(), out, err));
  }

  /**
   * Runs the check.
   *
   * @param args             the command line
   * @param systemProperties where parameters not given as arguments are looked up
   * @param out              where the summary goes
   * @param err              where errors go
   * @return {@link #PASSED}, {@link #FAILED} or {@link #ERROR}
   */
  public static int run(String[] args, Properties systemProperties, PrintStream out, PrintStream err) {
    Arguments arguments;
    try {
      arguments = Arguments.parse(args, systemProperties);
    } catch (IllegalArgumentException ex) {
      err.println(PREFIX + ex.getMessage());
      err.println(usage());
      return ERROR;
    }
    if (arguments.help()) {
      out.println(usage());
      return PASSED;
    }
    if (arguments.flag("skip")) {
      out.println(PREFIX + "Skipping the authenticity check (authenticity.skip is true).");
      return PASSED;
    }
    try {
      return check(arguments, out);
    } catch (UncheckedIOException | IllegalArgumentException ex) {
      err.println(PREFIX + "ERROR " + ex.getMessage());
      return ERROR;
    }
  }

  private static int check(Arguments arguments, PrintStream out) {
    String requireEnvironment = arguments.value("requireEnvironment");
    CheckSettings settings = new CheckSettings(arguments.flag("failOnMasked"), arguments.flag("failOnNotRun"),
        arguments.flag("failOnDisabled"), arguments.number("minExecuted"), requireEnvironment != null,
        arguments.flag("failOnIncomplete"));
    ReportBuilder builder = new ReportBuilder().settings(settings).requireEnvironment(requireEnvironment);
    List<Shard> shards = new ArrayList<>();
    for (Map.Entry<String, Path> folder : arguments.folders().entrySet()) {
      Shard shard = new Shard(folder.getKey(), folder.getValue(), find(folder.getValue()));
      shards.add(shard);
      for (Path file : shard.files()) {
        for (String problem : builder.readEventFile(file).problems()) {
          out.println(PREFIX + "WARNING " + problem);
        }
      }
    }
    Report built = builder.build();
    List<String> reasons = new ArrayList<>();
    for (Shard shard : shards) {
      String problem = shard.problem(built.incompleteReasons());
      out.println(PREFIX + "shard [" + shard.name() + "]: " + (problem == null ? shard.found() : problem));
      if (problem != null && shard.files().isEmpty()) {
        reasons.add("Shard [" + shard.name() + "] " + problem);
      }
    }
    reasons.addAll(built.incompleteReasons());
    Report report = new Report(built.schemaVersion(), built.verdict(), built.environment(), reasons.isEmpty(),
        reasons, built.summary(), built.services(), built.tests(), built.generatedAt(), built.sources(),
        built.unmatchedSelection(), built.skipRules());

    Path directory = arguments.path("reportsDirectory");
    ReportWriter.writeAll(report, directory);
    for (String line : ConsoleSummary.lines(report, directory.resolve(ReportWriter.HTML))) {
      out.println(line);
    }
    if (arguments.flag("reportOnly")) {
      return PASSED;
    }
    CheckResult result = Check.evaluate(report, settings);
    for (String violation : result.loggedViolations()) {
      out.println(PREFIX + "ERROR " + Visible.of(Redactor.redact(violation)));
    }
    out.println(PREFIX + Visible.of(Redactor.redact(result.summary(directory))));
    return result.failed() ? FAILED : PASSED;
  }

  /** The events files under {@code folder}, at any depth, sorted; none when it does not exist. */
  private static List<Path> find(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    // a folder given as a symbolic link is followed (Files.walk alone would see the link, not the folder); links
    // inside it are not, so a link cannot pull in files from elsewhere twice
    try (Stream<Path> files = Files.walk(folder.toRealPath())) {
      return files.filter(p -> EventReader.isEventsFile(p) && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot list the events files in [" + folder + "]: " + ex.getMessage(), ex);
    }
  }

  /** One results folder and the events files found in it. */
  private record Shard(String name, Path folder, List<Path> files) {

    /** Why this shard is missing or crashed, or {@code null}. */
    String problem(List<String> incompleteReasons) {
      if (!Files.exists(folder)) {
        return "MISSING: there is no folder [" + folder + "]; did its job run and upload its test results?";
      }
      if (!Files.isDirectory(folder)) {
        return "MISSING: [" + folder + "] is not a folder";
      }
      if (files.isEmpty()) {
        return "MISSING: no events files (" + EventsFormat.GLOB + ") in [" + folder + "]: its tests never ran, or"
            + " the authenticity extension was not on their class path";
      }
      for (String reason : incompleteReasons) {
        for (Path file : files) {
          if (reason.contains(file.toString())) {
            return "INCOMPLETE: " + reason;
          }
        }
      }
      return null;
    }

    String found() {
      return files.size() + " events " + (files.size() == 1 ? "file" : "files") + " in [" + folder + "]";
    }
  }

  /** The parsed command line. */
  private record Arguments(Map<String, String> parameters, Map<String, Path> folders, boolean help) {

    static Arguments parse(String[] args, Properties systemProperties) {
      Map<String, String> parameters = new LinkedHashMap<>();
      for (String key : DEFAULTS.keySet()) {
        String fromSystem = systemProperties.getProperty(PROPERTY_PREFIX + key);
        parameters.put(key, fromSystem != null ? fromSystem : DEFAULTS.get(key));
      }
      Map<String, Path> folders = new LinkedHashMap<>();
      boolean help = false;
      for (String arg : args) {
        if (arg.equals("-h") || arg.equals("--help")) {
          help = true;
        } else if (arg.startsWith("-D")) {
          int equals = arg.indexOf('=');
          String key = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
          if (!key.startsWith(PROPERTY_PREFIX) || !DEFAULTS.containsKey(key.substring(PROPERTY_PREFIX.length()))) {
            throw new IllegalArgumentException("Unknown parameter [" + key + "]; known: "
                + DEFAULTS.keySet().stream().map(k -> PROPERTY_PREFIX + k).toList());
          }
          parameters.put(key.substring(PROPERTY_PREFIX.length()), equals < 0 ? "true" : arg.substring(equals + 1));
        } else if (arg.startsWith("-")) {
          throw new IllegalArgumentException("Unknown option [" + arg + "]: parameters are given as"
              + " -Dauthenticity.<parameter>=<value>");
        } else {
          addFolder(folders, arg);
        }
      }
      Arguments arguments = new Arguments(parameters, folders, help);
      if (!help) {
        if (folders.isEmpty()) {
          throw new IllegalArgumentException("No results folder given: name at least one folder with the events"
              + " files (the listener's authenticity.outputDirectory, e.g. build/authenticity or target/authenticity)");
        }
        for (String flag : List.of("failOnMasked", "failOnNotRun", "failOnDisabled", "failOnIncomplete",
            "reportOnly", "skip")) {
          arguments.flag(flag);
        }
        if (arguments.number("minExecuted") < 0) {
          throw new IllegalArgumentException("authenticity.minExecuted must be 0 or more, but was ["
              + parameters.get("minExecuted") + "]");
        }
        arguments.path("reportsDirectory");
      }
      return arguments;
    }

    private static void addFolder(Map<String, Path> folders, String arg) {
      String name;
      String location;
      int equals = arg.indexOf('=');
      if (equals > 0 && !Files.exists(Path.of(arg)) && arg.substring(0, equals).matches("[^/\\\\]+")) {
        name = arg.substring(0, equals);
        location = arg.substring(equals + 1);
      } else {
        name = null;
        location = arg;
      }
      Path folder;
      try {
        folder = Path.of(location).toAbsolutePath().normalize();
      } catch (InvalidPathException ex) {
        throw new IllegalArgumentException("The results folder [" + location + "] is not a path: " + ex.getReason(),
            ex);
      }
      if (Files.exists(folder) && !Files.isDirectory(folder)) {
        throw new IllegalArgumentException("The results folder [" + folder + "] is a file, not a folder: name the"
            + " folder that holds the events files (e.g. target/authenticity)");
      }
      if (name == null) {
        name = folder.getFileName() == null ? folder.toString() : folder.getFileName().toString();
      }
      if (folders.containsKey(name)) {
        throw new IllegalArgumentException("Two results folders are named [" + name + "] (" + folders.get(name)
            + " and " + folder + "): name each shard, e.g. linux-1=" + location);
      }
      folders.put(name, folder);
    }

    boolean flag(String key) {
      String value = parameters.get(key).strip().toLowerCase(Locale.ROOT);
      return switch (value) {
        case "true", "" -> true;
        case "false" -> false;
        default -> throw new IllegalArgumentException("authenticity." + key + " must be true or false, but was ["
            + parameters.get(key) + "]");
      };
    }

    int number(String key) {
      try {
        return Integer.parseInt(parameters.get(key).strip());
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException("authenticity." + key + " must be a whole number, but was ["
            + parameters.get(key) + "]", ex);
      }
    }

    String value(String key) {
      String value = parameters.get(key);
      return value == null || value.isBlank() ? null : value.strip();
    }

    Path path(String key) {
      try {
        return Path.of(parameters.get(key).strip()).toAbsolutePath().normalize();
      } catch (InvalidPathException ex) {
        throw new IllegalArgumentException("authenticity." + key + " [" + parameters.get(key) + "] is not a path: "
            + ex.getReason(), ex);
      }
    }
  }

  static String usage() {
    return """
        Usage: java -jar authenticity-junit-extension.jar [-Dauthenticity.<parameter>=<value>...] [name=]folder...
          folder  a folder with the listener's events-*.jsonl files (found at any depth), e.g. build/authenticity;
                  several folders are CI shards merged into one report, each named after its folder or by name=
        Parameters (also read from system properties; the Maven plugin's names and defaults):
          -Dauthenticity.reportsDirectory=authenticity-report  where the report files are written
          -Dauthenticity.failOnMasked=true     -Dauthenticity.failOnNotRun=true   -Dauthenticity.failOnDisabled=false
          -Dauthenticity.failOnIncomplete=true -Dauthenticity.minExecuted=1       -Dauthenticity.requireEnvironment=
          -Dauthenticity.reportOnly=false (true: write the report, never fail)    -Dauthenticity.skip=false
        Exit status: 0 passed, 1 the check failed, 2 bad arguments or unreadable/unwritable files.""";
  }
}
