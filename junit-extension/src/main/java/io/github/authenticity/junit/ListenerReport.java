package io.github.authenticity.junit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.github.authenticity.core.config.AuthenticityConfig;
import io.github.authenticity.core.events.Event;
import io.github.authenticity.core.events.EventReader;
import io.github.authenticity.core.report.ConsoleSummary;
import io.github.authenticity.core.report.Report;
import io.github.authenticity.core.report.ReportBuilder;
import io.github.authenticity.core.report.ReportWriter;

/**
 * Writes the report and the console summary at the end of a test JVM's run, so the report exists even
 * when the test plugin fails the build and the Maven plugin never runs.
 *
 * <p>It merges every events file in the output directory that was written by the same build: the
 * {@code run} event carries a build id (the parent process, i.e. Maven's JVM for Surefire and Failsafe
 * forks), so the last of several forks writes a report of all of them, while files left by an earlier
 * build (no {@code mvn clean}) are left out. The plugin's {@code report} goal rewrites the report with
 * what only the build knows. Set {@value #REPORTS_DIRECTORY_KEY} to write it elsewhere.
 */
final class ListenerReport {

  /** Configuration parameter: where the listener writes the report files. */
  static final String REPORTS_DIRECTORY_KEY = "authenticity.reportsDirectory";

  private ListenerReport() {
  }

  /**
   * Writes the report of the build's runs recorded next to {@code eventsFile}, then prints the console block.
   *
   * @param eventsFile the events file the listener just closed
   * @param run        the run (configuration, parameters) it recorded
   */
  static void write(Path eventsFile, Run run) {
    if (run.plan().map(plan -> !plan.hasGuarded()).orElse(true)) {
      return; // cheap when nothing is guarded: no report for a plan without guarded tests
    }
    Path directory = eventsFile.toAbsolutePath().getParent();
    String build = buildOf(eventsFile).orElse(null);
    ReportBuilder builder = new ReportBuilder();
    for (Path file : EventReader.find(directory)) {
      if (file.equals(eventsFile.toAbsolutePath()) || Objects.equals(build, buildOf(file).orElse(null))) {
        builder.addEventFile(file);
      }
    }
    config(run).flatMap(AuthenticityConfig::requireEnvironment).ifPresent(builder::requireEnvironment);
    Report report = builder.build();
    Path reports = reportsDirectory(directory, run);
    ReportWriter.writeAll(report, reports);
    // System.out, not the native stream: Surefire reads a fork's stdout through its own channel
    PrintStream out = System.out;
    for (String line : ConsoleSummary.lines(report, relative(reports.resolve(ReportWriter.HTML)))) {
      out.println(line);
    }
  }

  /** The id of the build that wrote {@code file}: its {@code run} event's {@code build}. */
  static Optional<String> buildOf(Path file) {
    return EventReader.runOf(file).map(Event.RunStarted::build);
  }

  /**
   * This JVM's build id: the parent process and its start, which Surefire and Failsafe forks of one
   * Maven build share; this process itself when it has no visible parent.
   */
  static String currentBuild() {
    ProcessHandle self = ProcessHandle.current();
    ProcessHandle process = self.parent().orElse(self);
    Instant started = process.info().startInstant().orElse(Instant.EPOCH);
    return process.pid() + "@" + started.toEpochMilli();
  }

  /**
   * {@code authenticity.reportsDirectory} when set; else the test plugin's own reports directory, read
   * from the booter properties file that Surefire and Failsafe pass to their forked JVM (so Failsafe's
   * {@code failsafe-reports} is found too); else {@code surefire-reports} beside the output directory.
   */
  static Path reportsDirectory(Path outputDirectory, Run run) {
    Optional<String> configured = run.parameters().get(REPORTS_DIRECTORY_KEY);
    if (configured.isPresent()) {
      return Path.of(configured.get());
    }
    return booterReportsDirectory().orElseGet(() -> {
      Path target = outputDirectory.getParent() == null ? outputDirectory : outputDirectory.getParent();
      return target.resolve("surefire-reports");
    });
  }

  /** The {@code reportsDirectory} of the Surefire/Failsafe booter that started this JVM, if it did. */
  private static Optional<Path> booterReportsDirectory() {
    String command = System.getProperty("sun.java.command", "");
    if (!command.contains("surefire")) {
      return Optional.empty();
    }
    // java -jar <booter jar> <temp dir> <dump name> <booter properties files, relative to the temp dir...>
    String[] arguments = command.split(" ");
    for (int i = 2; i < arguments.length; i++) {
      if (!arguments[i].endsWith("tmp") || arguments[i].contains("/") || arguments[i].contains("\\")) {
        continue;
      }
      Path file = Path.of(arguments[1]).resolve(arguments[i]);
      java.util.Properties properties = new java.util.Properties();
      try (java.io.InputStream in = Files.newInputStream(file)) {
        properties.load(in);
      } catch (IOException | RuntimeException ex) {
        continue;
      }
      String reports = properties.getProperty("reportsDirectory");
      if (reports != null && !reports.isBlank()) {
        return Optional.of(Path.of(reports));
      }
    }
    return Optional.empty();
  }

  private static Optional<AuthenticityConfig> config(Run run) {
    return run.configError().isPresent() ? Optional.empty() : Optional.of(run.config());
  }

  private static Path relative(Path path) {
    Path here = Path.of("").toAbsolutePath();
    Path absolute = path.toAbsolutePath();
    return absolute.startsWith(here) ? here.relativize(absolute) : absolute;
  }
}
