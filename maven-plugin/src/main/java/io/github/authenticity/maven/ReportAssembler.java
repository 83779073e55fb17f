package io.github.authenticity.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.authenticity.core.events.EventFile;

/**
 * Builds the report of one or more modules from their events files and their compiled guarded tests;
 * the Maven-free part of the {@code report}, {@code report-aggregate} and {@code check} goals.
 */
final class ReportAssembler {

  /** What one module contributes: where its events are, and where and against what its tests compiled. */
  record Module(String name, Path eventsDirectory, Path testOutputDirectory, List<Path> testClasspath) {
  }

  /** How the build wants the report judged. */
  record Options(boolean deliberateSelection, boolean countDisabled, String requireEnvironment) {
  }

  /**
   * The report, or none when no module has anything to report.
   *
   * @param report        the merged report, {@code null} when there was nothing to report
   * @param eventFiles    the events files merged
   * @param compiledTests the guarded tests found in the compiled test classes
   * @param warnings      one line per events line or class that could not be read
   */
  record Assembled(Report report, List<Path> eventFiles, List<CompiledTest> compiledTests,
      List<String> warnings) {

    boolean empty() {
      return report == null;
    }
  }

  private ReportAssembler() {
  }

  /** Whether {@code module} has events files or compiled test classes. */
  static boolean hasInput(Module module) {
    return !EventFile.find(module.eventsDirectory()).isEmpty() || hasClassFiles(module.testOutputDirectory());
  }

  static Assembled assemble(List<Module> modules, Options options) {
    List<Path> eventFiles = new ArrayList<>();
    List<CompiledTest> compiled = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    ReportBuilder builder = new ReportBuilder();
    for (Module module : modules) {
      for (Path file : EventFile.find(module.eventsDirectory())) {
        EventFile events = EventFile.read(file);
        warnings.addAll(events.problems());
        builder.addEventFile(events);
        eventFiles.add(file);
      }
      CompiledTestScanner.Result scan = CompiledTestScanner.scan(module.testOutputDirectory(),
          module.testClasspath());
      compiled.addAll(scan.tests());
      warnings.addAll(scan.problems());
    }
    if (eventFiles.isEmpty() && compiled.isEmpty()) {
      return new Assembled(null, List.of(), List.of(), List.copyOf(warnings));
    }
    builder.addCompiledTests(List.copyOf(compiled))
        .deliberateSelection(options.deliberateSelection())
        .countDisabled(options.countDisabled())
        .requireEnvironment(options.requireEnvironment());
    return new Assembled(builder.build(), List.copyOf(eventFiles), List.copyOf(compiled), List.copyOf(warnings));
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
