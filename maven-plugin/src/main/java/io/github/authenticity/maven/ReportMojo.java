package io.github.authenticity.maven;

import java.io.File;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes the authenticity report of this module: merges the {@code events-*.jsonl} files of every test
 * JVM (forks, executions), adds the guarded tests compiled into the test output directory that no run
 * ever saw ({@code NOT_RUN}/{@code NOT_DISCOVERED}), and rewrites {@code authenticity-report.json},
 * {@code .html}, {@code .md} and {@code TEST-authenticity.xml} next to the test plugin's results.
 *
 * <p>Never fails the build for the verdict; use the {@code check} goal for that. With Failsafe, bind this
 * goal to the phase {@code post-integration-test} (so that it also runs when a test JVM crashed) and set
 * {@code reportsDirectory} to <code>${project.build.directory}/failsafe-reports</code>; the README's Failsafe
 * recipe shows the execution.
 *
 * <p>Skipped with a log line when the module has neither events files nor compiled guarded tests, and
 * when tests are skipped ({@code -DskipTests}, {@code -Dmaven.test.skip}). A deliberate selection
 * ({@code -Dtest=...}, {@code -Dit.test=...}) does not report the other compiled tests as not discovered.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.TEST,
    threadSafe = true)
public class ReportMojo extends AbstractReportMojo {

  /**
   * Where the report files are written: next to the test plugin's own results. Use
   * <code>${project.build.directory}/failsafe-reports</code> for Failsafe.
   */
  @Parameter(property = "authenticity.reportsDirectory",
      defaultValue = "${project.build.directory}/surefire-reports")
  File reportsDirectory;

  @Override
  String goal() {
    return "report";
  }

  @Override
  void run() throws MojoExecutionException {
    if (skippedWithTests()) {
      return;
    }
    ReportAssembler.Module module = module(project, outputDirectory);
    ReportAssembler.Assembled assembled = assemble(List.of(module));
    if (skippedEmpty(module, assembled)) {
      return;
    }
    write(assembled.report(), reportsDirectory);
    logSummary(assembled.report(), reportsDirectory);
  }
}
