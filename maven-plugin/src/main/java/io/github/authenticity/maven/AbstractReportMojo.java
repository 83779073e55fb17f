package io.github.authenticity.maven;

import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.authenticity.core.internal.model.Report;
import io.github.authenticity.core.internal.report.ConsoleSummary;
import io.github.authenticity.core.internal.report.ReportWriter;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What {@code report}, {@code report-aggregate} and {@code check} share: reading and writing the report. */
abstract class AbstractReportMojo extends AbstractAuthenticityMojo {

  /** The user properties that select tests deliberately (Surefire's and Failsafe's {@code test}). */
  static final List<String> SELECTION_PROPERTIES = List.of("test", "it.test");

  /**
   * Where the test JVMs wrote their {@code events-*.jsonl} files. Must match the extension's
   * {@code authenticity.outputDirectory}.
   */
  @Parameter(property = "authenticity.outputDirectory", defaultValue = "${project.build.directory}/authenticity")
  File outputDirectory;

  /**
   * Whether {@code DISABLED} guarded tests (e.g. {@code @Disabled}) count against the verdict. By default
   * they are listed in the report but do not make it {@code MASKED}.
   */
  @Parameter(property = "authenticity.failOnDisabled", defaultValue = "false")
  boolean failOnDisabled;

  /**
   * The environment the build must run in (e.g. {@code staging}). When set, guarded tests that did not run
   * because of the environment ({@code NOT_RUN}/{@code ENVIRONMENT}) count against the verdict.
   */
  @Parameter(property = "authenticity.requireEnvironment")
  String requireEnvironment;

  /** This goal's execution, to tell a lifecycle binding from a command-line call. */
  @Parameter(defaultValue = "${mojoExecution}", readonly = true)
  MojoExecution mojoExecution;

  /** Whether tests are skipped in this build ({@link #testsSkipped}), which skips this goal too; then it logs why. */
  final boolean skippedWithTests() {
    if (!testsSkipped()) {
      return false;
    }
    getLog().info("Skipping authenticity:" + goal() + " because tests are skipped (skipTests or maven.test.skip).");
    return true;
  }

  /**
   * Whether the report of this one {@code module} is {@code empty} (no events files and no compiled guarded tests),
   * which skips this goal; then it logs why.
   */
  final boolean skippedEmpty(ReportAssembler.Module module, ReportAssembler.Assembled assembled) {
    if (!assembled.empty()) {
      return false;
    }
    getLog().info("Skipping authenticity:" + goal() + ": no events files in [" + module.eventsDirectory()
        + "] and no guarded tests compiled into [" + module.testOutputDirectory() + "].");
    return true;
  }

  /** The module's current inputs to the report. */
  ReportAssembler.Module module(MavenProject module, File eventsDirectory) {
    Path testOutput = Path.of(module.getBuild().getTestOutputDirectory());
    List<Path> classpath = new ArrayList<>();
    try {
      for (String element : module.getTestClasspathElements()) {
        classpath.add(Path.of(element));
      }
    } catch (DependencyResolutionRequiredException ex) {
      getLog().warn("The test class path of [" + module.getId() + "] is not resolved (" + ex.getMessage()
          + "); its compiled tests are scanned with their own classes only.");
      classpath.add(testOutput);
    }
    return new ReportAssembler.Module(module.getId(), eventsDirectory.toPath(), testOutput, classpath);
  }

  @Override
  Path eventsDirectory() {
    return outputDirectory.toPath();
  }

  ReportAssembler.Options options() {
    String selection = null;
    for (String key : SELECTION_PROPERTIES) {
      String value = sessionProperty(key);
      if (value != null && !value.isBlank() && selection == null) {
        selection = "-D" + key + "=" + value.strip();
      }
    }
    // bound to a phase, or on the command line of a build that runs the tests (mvn test authenticity:check): the
    // goal runs in the build that ran the tests, so only this build's events count, and none is NO_TESTS
    boolean onlyThisBuild = mojoExecution != null && mojoExecution.getLifecyclePhase() != null || sessionRunsTests();
    return new ReportAssembler.Options(selection, failOnDisabled, blankToNull(requireEnvironment), thisBuild(),
        onlyThisBuild);
  }

  /** Assembles the report of {@code modules}, logging every warning. */
  final ReportAssembler.Assembled assemble(List<ReportAssembler.Module> modules) throws MojoExecutionException {
    ReportAssembler.Assembled assembled;
    try {
      assembled = ReportAssembler.assemble(modules, options());
    } catch (UncheckedIOException ex) {
      throw new MojoExecutionException(ex.getMessage(), ex);
    }
    for (String note : assembled.notes()) {
      getLog().info(note);
    }
    for (String warning : assembled.warnings()) {
      getLog().warn(warning);
    }
    return assembled;
  }

  /** Writes the report files into {@code directory}. */
  final List<Path> write(Report report, File directory) throws MojoExecutionException {
    try {
      return ReportWriter.writeAll(report, directory.toPath());
    } catch (UncheckedIOException ex) {
      throw new MojoExecutionException("Cannot write the authenticity report into [" + directory + "]: "
          + ex.getMessage(), ex);
    }
  }

  /** Logs the console block. */
  final void logSummary(Report report, File directory) {
    for (String line : ConsoleSummary.lines(report, directory.toPath().resolve("authenticity-report.html"))) {
      getLog().info(line);
    }
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
