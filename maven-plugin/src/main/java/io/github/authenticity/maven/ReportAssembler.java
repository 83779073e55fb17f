package io.github.authenticity.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.github.authenticity.core.internal.events.BuildFiles;
import io.github.authenticity.core.internal.events.BuildIdentity;
import io.github.authenticity.core.internal.events.EventReader;
import io.github.authenticity.core.internal.events.TestBuildRecord;
import io.github.authenticity.core.internal.model.CompiledTest;
import io.github.authenticity.core.internal.model.Report;
import io.github.authenticity.core.internal.report.ReportBuilder;

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
   * @param build         this build: this Maven JVM since its session started ({@link BuildIdentity#ofThisProcess})
   * @param onlyThisBuild only the files of {@code build} even when there are none (the goal is bound to the
   *                      lifecycle, so this build ran the tests); else, with none, those of the newest build
   */
  record Options(String selection, boolean countDisabled, String requireEnvironment, BuildIdentity build,
      boolean onlyThisBuild) {
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
    BuildFiles.Selection selection = select(found, options.build(), options.onlyThisBuild(),
        modules.stream().map(Module::eventsDirectory).toList());
    List<String> notes = new ArrayList<>(selection.notes());
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
          report.summary(), report.services(), report.tests(), report.generatedAt(), report.sources(),
          report.unmatchedSelection(), report.skipRules());
    }
    return new Assembled(report, List.copyOf(eventFiles), List.copyOf(compiled), List.copyOf(warnings),
        List.copyOf(notes));
  }

  /**
   * The events files of this build ({@link BuildFiles#select}), so that running {@code mvn verify} twice without
   * {@code clean} does not count the first run's tests in the second. When the goal runs on its own
   * ({@code mvn authenticity:report} after {@code mvn test}, another Maven process): those of the build that last
   * ran the tests, as it recorded ({@link TestBuildRecord}; none when it wrote none); with no record, those of the
   * newest build, and a note that says what that cannot tell apart.
   */
  static BuildFiles.Selection select(List<Path> files, BuildIdentity build, boolean onlyThisBuild,
      List<Path> eventsDirectories) {
    if (onlyThisBuild) {
      return BuildFiles.select(files, build);
    }
    Optional<BuildIdentity> recorded = TestBuildRecord.latest(eventsDirectories);
    Path where = recorded.flatMap(r -> eventsDirectories.stream().filter(d -> TestBuildRecord.read(d).equals(recorded))
        .findFirst()).map(d -> d.resolve(TestBuildRecord.FILE)).orElse(null);
    return BuildFiles.selectOnItsOwn(files, build, recorded.orElse(null), where);
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
