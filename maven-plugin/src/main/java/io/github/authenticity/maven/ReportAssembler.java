package io.github.authenticity.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.authenticity.core.events.EventReader;
import io.github.authenticity.core.report.CompiledTest;
import io.github.authenticity.core.report.Report;
import io.github.authenticity.core.report.ReportBuilder;

/**
 * Builds the report of one or more modules from their events files and their compiled guarded tests;
 * the Maven-free part of the {@code report}, {@code report-aggregate} and {@code check} goals.
 */
final class ReportAssembler {

  /** What one module contributes: where its events are, and where and against what its tests compiled. */
  record Module(String name, Path eventsDirectory, Path testOutputDirectory, List<Path> testClasspath) {
  }

  /**
   * How the build wants the report judged, and which events files belong to it.
   *
   * @param buildStart    when this build started
   * @param onlyThisBuild ignore events files written before {@code buildStart} even when no file is newer
   *                      (the goal is bound to the lifecycle, so this build ran the tests)
   */
  record Options(String selection, boolean countDisabled, String requireEnvironment, Instant buildStart,
      boolean onlyThisBuild) {
  }

  /** The events files to merge, and those left out because an earlier build wrote them. */
  record Selection(List<Path> used, List<Path> earlier) {
  }

  /**
   * The report, or none when no module has anything to report.
   *
   * @param report        the merged report, {@code null} when there was nothing to report; incomplete when a
   *                      compiled test class could not be inspected
   * @param eventFiles    the events files merged
   * @param compiledTests the guarded tests found in the compiled test classes
   * @param warnings      one line per events line or class that could not be read
   * @param notes         what the report left out and why (events files of an earlier build)
   */
  record Assembled(Report report, List<Path> eventFiles, List<CompiledTest> compiledTests,
      List<String> warnings, List<String> notes) {

    boolean empty() {
      return report == null;
    }
  }

  private ReportAssembler() {
  }

  /** Whether {@code module} has events files or compiled test classes. */
  static boolean hasInput(Module module) {
    return !EventReader.find(module.eventsDirectory()).isEmpty() || hasClassFiles(module.testOutputDirectory());
  }

  static Assembled assemble(List<Module> modules, Options options) {
    List<Path> found = new ArrayList<>();
    for (Module module : modules) {
      found.addAll(EventReader.find(module.eventsDirectory()));
    }
    Selection selection = select(found, options.buildStart(), options.onlyThisBuild());
    List<String> notes = new ArrayList<>();
    if (!selection.earlier().isEmpty()) {
      notes.add("Ignoring " + selection.earlier().size() + " events files written before this build started "
          + "(by an earlier build; mvn clean removes them): " + selection.earlier());
    }
    List<Path> eventFiles = selection.used();
    List<CompiledTest> compiled = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<String> scanProblems = new ArrayList<>();
    ReportBuilder builder = new ReportBuilder();
    for (Path file : eventFiles) {
      warnings.addAll(builder.readEventFile(file).problems());
    }
    for (Module module : modules) {
      CompiledTestScanner.Result scan = CompiledTestScanner.scan(module.testOutputDirectory(),
          module.testClasspath());
      compiled.addAll(scan.tests());
      scanProblems.addAll(scan.problems());
      warnings.addAll(scan.problems());
    }
    if (eventFiles.isEmpty() && compiled.isEmpty()) {
      return new Assembled(null, List.of(), List.of(), List.copyOf(warnings), List.copyOf(notes));
    }
    builder.addCompiledTests(List.copyOf(compiled))
        .selection(options.selection())
        .countDisabled(options.countDisabled())
        .requireEnvironment(options.requireEnvironment());
    Report report = builder.build();
    if (!scanProblems.isEmpty()) {
      // guarded tests in a class that could not be inspected cannot be reported as not discovered
      List<String> reasons = new ArrayList<>(report.incompleteReasons());
      reasons.addAll(scanProblems);
      report = new Report(report.schemaVersion(), report.verdict(), report.environment(), false, reasons,
          report.summary(), report.services(), report.tests(), report.generatedAt(), report.sources());
    }
    return new Assembled(report, List.copyOf(eventFiles), List.copyOf(compiled), List.copyOf(warnings),
        List.copyOf(notes));
  }

  /**
   * Leaves out the events files an earlier build wrote, so that running {@code mvn verify} twice without
   * {@code clean} does not count the first run's tests in the second. When no file is from this build and
   * the goal runs on its own ({@code mvn authenticity:report} after {@code mvn test}), all are used.
   */
  static Selection select(List<Path> files, Instant buildStart, boolean onlyThisBuild) {
    List<Path> fresh = new ArrayList<>();
    List<Path> earlier = new ArrayList<>();
    for (Path file : files) {
      if (modified(file).isBefore(buildStart)) {
        earlier.add(file);
      } else {
        fresh.add(file);
      }
    }
    if (fresh.isEmpty() && !onlyThisBuild) {
      return new Selection(List.copyOf(files), List.of());
    }
    return new Selection(List.copyOf(fresh), List.copyOf(earlier));
  }

  private static Instant modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot read the time of events file [" + file + "]", ex);
    }
  }

  private static boolean hasClassFiles(Path directory) {
    if (!Files.isDirectory(directory)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      return files.anyMatch(p -> p.getFileName().toString().endsWith(".class"));
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot list the compiled test classes in [" + directory + "]", ex);
    }
  }
}
