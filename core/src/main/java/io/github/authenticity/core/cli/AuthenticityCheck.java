package io.github.authenticity.core.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

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
    CheckArguments arguments;
    try {
      arguments = CheckArguments.parse(args, systemProperties);
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

  private static int check(CheckArguments arguments, PrintStream out) {
    String requireEnvironment = arguments.value("requireEnvironment");
    CheckSettings settings = new CheckSettings(arguments.flag("failOnMasked"), arguments.flag("failOnNotRun"),
        arguments.flag("failOnDisabled"), arguments.number("minExecuted"), requireEnvironment != null,
        arguments.flag("failOnIncomplete"));
    ReportBuilder builder = new ReportBuilder().settings(settings).requireEnvironment(requireEnvironment);
    List<Shard> shards = new ArrayList<>();
    for (Map.Entry<String, Path> folder : arguments.folders().entrySet()) {
      Shard shard = Shard.of(folder.getKey(), folder.getValue());
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
