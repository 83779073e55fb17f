package io.github.authenticity.maven;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.github.authenticity.core.internal.model.CheckSettings;
import io.github.authenticity.core.internal.model.Report;
import io.github.authenticity.core.internal.report.Check;
import io.github.authenticity.core.internal.report.CheckResult;
import io.github.authenticity.core.internal.report.ReportWriter;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Fails the build when the guarded tests of this module did not all run against their real services: when
 * a test is {@code MASKED}, when guarded tests were compiled but never discovered or never executed, when
 * none was executed at all ("Tests run: 0"), or when fewer than {@code minExecuted} ran. Each violation is
 * logged at ERROR, then the build fails once with a summary that says where the report is and how to opt
 * out.
 *
 * <p>Builds the report the same way as the {@code report} goal and (re)writes its files, so the report on
 * disk always matches the check's verdict. A deliberate selection ({@code -Dtest=...},
 * {@code -Dit.test=...}) does not count the other compiled tests as not run. Guarded tests that do not run
 * in this environment ({@code NOT_RUN}/{@code ENVIRONMENT}) fail the build only when
 * {@code authenticity.requireEnvironment} is set. Skipped with a log line when the module has neither
 * test classes nor events files, and when tests are skipped ({@code -DskipTests}).
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.TEST,
    threadSafe = true)
public class CheckMojo extends AbstractReportMojo {

  /**
   * Where the report files are written and read from: next to the test plugin's own results. Use
   * <code>${project.build.directory}/failsafe-reports</code> for Failsafe.
   */
  @Parameter(property = "authenticity.reportsDirectory",
      defaultValue = "${project.build.directory}/surefire-reports")
  File reportsDirectory;

  /** Fails the build when a guarded test is {@code MASKED}: it passed, but not against its real services. */
  @Parameter(property = "authenticity.failOnMasked", defaultValue = "true")
  boolean failOnMasked;

  /**
   * Fails the build when guarded tests compiled into the module were never discovered (excluded by
   * includes, tags, a filter, a missing engine) or discovered but never executed.
   */
  @Parameter(property = "authenticity.failOnNotRun", defaultValue = "true")
  boolean failOnNotRun;

  /**
   * Fails the build when the report is incomplete: a test JVM died before its test plan finished, or an events
   * file could not be read whole (each reason is logged).
   */
  @Parameter(property = "authenticity.failOnIncomplete", defaultValue = "true")
  boolean failOnIncomplete;

  /**
   * The least number of guarded tests that must have executed, when the module has guarded tests. The
   * default 1 turns "Tests run: 0, BUILD SUCCESS" into a failed build.
   */
  @Parameter(property = "authenticity.minExecuted", defaultValue = "1")
  int minExecuted;

  @Override
  String goal() {
    return "check";
  }

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    if (skippedWithTests()) {
      return;
    }
    if (minExecuted < 0) {
      throw new MojoExecutionException("minExecuted must be 0 or more, but was [" + minExecuted
          + "]; set it with -Dauthenticity.minExecuted=<n> or <minExecuted> in the plugin configuration.");
    }
    ReportAssembler.Module module = module(project, outputDirectory);
    ReportAssembler.Assembled assembled = assemble(List.of(module));
    if (skippedEmpty(module, assembled)) {
      return;
    }
    Report report = assembled.report();
    // read before the report is written: TEST-authenticity.xml is ours, not the test plugin's
    Check.TestPluginRun run = new Check.TestPluginRun(testPluginResults(), reportsDirectory.toPath(),
        module.eventsDirectory());
    write(report, reportsDirectory);
    CheckResult result = Check.evaluate(report, new CheckSettings(failOnMasked, failOnNotRun, failOnDisabled,
        minExecuted, requireEnvironment != null && !requireEnvironment.isBlank(), failOnIncomplete), run);
    for (String warning : Check.warnings(report)) {
      getLog().warn(warning);
    }
    if (result.failed()) {
      for (String violation : result.loggedViolations()) {
        getLog().error(violation);
      }
      throw new MojoFailureException(result.summary(reportsDirectory.toPath()));
    }
    getLog().info(result.summary(reportsDirectory.toPath()));
  }

  /** How many result files ({@code TEST-*.xml}) the test plugin wrote into {@code reportsDirectory} in this build. */
  private int testPluginResults() throws MojoExecutionException {
    Path directory = reportsDirectory.toPath();
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    Instant since = session.getRequest().getStartTime() == null ? Instant.EPOCH
        : session.getRequest().getStartTime().toInstant();
    try (Stream<Path> files = Files.list(directory)) {
      return (int) files.filter(file -> {
        String name = file.getFileName().toString();
        return name.startsWith("TEST-") && name.endsWith(".xml") && !name.equals(ReportWriter.JUNIT_XML)
            && !modified(file).isBefore(since);
      }).count();
    } catch (IOException | UncheckedIOException ex) {
      throw new MojoExecutionException("Cannot list the test results in [" + directory + "]: " + ex.getMessage(), ex);
    }
  }

  private static Instant modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
