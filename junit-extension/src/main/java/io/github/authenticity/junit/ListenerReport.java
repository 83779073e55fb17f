package io.github.authenticity.junit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.github.authenticity.core.config.ConfigurationKeys;
import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.internal.events.BuildFiles;
import io.github.authenticity.core.internal.events.BuildIdentity;
import io.github.authenticity.core.internal.events.Event;
import io.github.authenticity.core.internal.events.EventReader;
import io.github.authenticity.core.internal.events.EventWriter;
import io.github.authenticity.core.internal.model.CheckSettings;
import io.github.authenticity.core.internal.model.Report;
import io.github.authenticity.core.internal.report.ConsoleSummary;
import io.github.authenticity.core.internal.report.ReportBuilder;
import io.github.authenticity.core.internal.report.ReportWriter;

/**
 * Writes the report and the console summary at the end of a test JVM's run, so the report exists even
 * when the test plugin fails the build and the Maven plugin never runs.
 *
 * <p>It merges every events file in the output directory that belongs to the same build
 * ({@link BuildFiles}: the same Maven JVM, and a run that started with this fork's Surefire/Failsafe execution
 * or later), so the last of several forks writes a report of all of them, while files left by an earlier build
 * (no {@code mvn clean}, a long-lived Maven) are left out. The forks take turns under a file lock
 * ({@value #LOCK_FILE}), so the last writer has read every other fork's end; a fork still running is reported as
 * such, not as a JVM that died. The plugin's {@code report} goal rewrites the report with what only the build
 * knows. Set {@value ConfigurationKeys#REPORTS_DIRECTORY} to write it elsewhere.
 */
final class ListenerReport {

  /** The file in the output directory that the test JVMs of a build lock while one of them writes the report. */
  static final String LOCK_FILE = "report.lock";

  /** A JVM holds a file lock once: several launchers in one JVM take turns here first. */
  private static final Object LOCK = new Object();

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
    Path own = eventsFile.toAbsolutePath();
    Path directory = own.getParent();
    Report report;
    Path reports = reportsDirectory(directory, run);
    // forks end at nearly the same time: one at a time reads every file and writes the report, so the last
    // writer has seen every other fork's end
    synchronized (LOCK) {
      try (FileChannel channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
        report = build(own, directory, run);
        ReportWriter.writeAll(report, reports);
      } catch (IOException ex) {
        throw new UncheckedIOException("Cannot lock [" + directory.resolve(LOCK_FILE) + "] to write the authenticity"
            + " report: " + ex.getMessage() + ". Check that the directory is writable.", ex);
      }
    }
    // System.out, not the native stream: Surefire reads a fork's stdout through its own channel
    PrintStream out = System.out;
    // what authenticity:check would fail on with its defaults, so the verdict reaches the user even when the build
    // stops before the goal (failsafe:verify bound first, testFailureIgnore, an earlier failing module)
    CheckSettings gate = CheckSettings.defaults().with(false, config(run).flatMap(AuthenticityConfig::requireEnvironment)
        .isPresent());
    for (String line : ConsoleSummary.lines(report, relative(reports.resolve(ReportWriter.HTML)), gate)) {
      out.println(line);
    }
  }

  /**
   * The report of this run and of every run of the same build ({@link BuildFiles#select}) in {@code directory};
   * a run of another fork that has not ended yet is marked still running when its JVM is alive.
   */
  private static Report build(Path own, Path directory, Run run) {
    BuildIdentity build = BuildFiles.header(own).build();
    List<Path> files = new ArrayList<>(BuildFiles.select(EventReader.find(directory), build).used());
    if (!files.contains(own)) {
      files.add(own);
    }
    Set<String> running = new HashSet<>();
    String host = RunEvent.host();
    for (Path file : files) {
      BuildFiles.Header header = BuildFiles.header(file);
      // before its events are read: a fork that ends in between has written its end by then
      if (!file.equals(own) && header.run() != null && header.stillRunning(host)) {
        running.add(header.run());
      }
    }
    ReportBuilder builder = new ReportBuilder().stillRunning(running);
    Optional<List<Event>> written = run.log().flatMap(EventWriter::written);
    for (Path file : files) {
      if (file.equals(own) && written.isPresent()) {
        builder.addWrittenEvents(file, written.get());
      } else {
        builder.addEventFile(file);
      }
    }
    config(run).flatMap(AuthenticityConfig::requireEnvironment).ifPresent(builder::requireEnvironment);
    return builder.build();
  }

  /**
   * {@code authenticity.reportsDirectory} when set; else the test plugin's own reports directory, read
   * from the booter properties file that Surefire and Failsafe pass to their forked JVM (so Failsafe's
   * {@code failsafe-reports} is found too); else {@code surefire-reports} beside the output directory.
   */
  static Path reportsDirectory(Path outputDirectory, Run run) {
    Optional<String> configured = run.parameters().get(ConfigurationKeys.REPORTS_DIRECTORY);
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
