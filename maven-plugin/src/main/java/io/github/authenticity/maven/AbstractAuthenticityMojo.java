package io.github.authenticity.maven;

import java.time.Instant;
import java.util.Properties;
import java.util.Set;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import io.github.authenticity.core.internal.events.BuildIdentity;
import io.github.authenticity.core.internal.events.TestBuildRecord;
import io.github.authenticity.core.internal.redact.RedactedThrowable;
import io.github.authenticity.core.internal.redact.Redactor;

/** What every goal shares: the project, the session, and {@code skip} handled in one place. */
abstract class AbstractAuthenticityMojo extends AbstractMojo {

  /** The project this goal runs on. */
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  /** The build session, for user and system properties and the reactor's projects. */
  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  MavenSession session;

  /** Skips this goal. */
  @Parameter(property = "authenticity.skip", defaultValue = "false")
  boolean skip;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping authenticity:" + goal() + " because authenticity.skip is true.");
      skipped();
      return;
    }
    recordTestBuild();
    try {
      run();
    } catch (MojoFailureException ex) {
      // Maven prints the causes' messages on the [ERROR] line, and their stack traces with -e
      throw new MojoFailureException(Redactor.redact(ex.getMessage()), RedactedThrowable.of(ex.getCause()));
    } catch (MojoExecutionException ex) {
      throw new MojoExecutionException(Redactor.redact(ex.getMessage()), RedactedThrowable.of(ex.getCause()));
    } catch (RuntimeException ex) {
      throw new MojoExecutionException("authenticity:" + goal() + " failed: " + Redactor.redact(String.valueOf(
          ex.getMessage())), RedactedThrowable.of(ex));
    }
  }

  /**
   * The default lifecycle's phases that run the tests (Surefire's {@code test} and every later one); a build whose
   * goals name one of them, or Surefire's or Failsafe's goal, runs the tests.
   */
  static final Set<String> TEST_PHASES = Set.of("test", "prepare-package", "package", "pre-integration-test",
      "integration-test", "post-integration-test", "verify", "install", "deploy");

  /**
   * Whether this build runs the tests (and does not skip them): its command line names a phase from {@code test}
   * on, or Surefire's or Failsafe's goal. Then its goals judge only its own events files, never an earlier build's.
   */
  final boolean sessionRunsTests() {
    if (testsSkipped()) {
      return false;
    }
    for (String goal : session.getGoals()) {
      String name = goal.strip();
      if (TEST_PHASES.contains(name) || name.endsWith(":test") || name.endsWith(":integration-test")) {
        return true;
      }
    }
    return false;
  }

  /** Whether tests are skipped in this build ({@code -DskipTests}, {@code -Dmaven.test.skip}). */
  final boolean testsSkipped() {
    return sessionFlag("skipTests") || sessionFlag("maven.test.skip");
  }

  /** Where this module's test JVMs write their events files: {@code authenticity.outputDirectory} or its default. */
  java.nio.file.Path eventsDirectory() {
    String configured = sessionProperty("authenticity.outputDirectory");
    return configured != null && !configured.isBlank() ? project.getBasedir().toPath().resolve(configured.strip())
        : java.nio.file.Path.of(project.getBuild().getDirectory(), "authenticity");
  }

  /**
   * In a build that runs the tests, records this build ({@link TestBuildRecord}) in the module's events folder, so
   * that a goal run on its own later ({@code mvn authenticity:check} after {@code mvn test}) judges this build's
   * events, and none when it wrote none. Bound to a phase before {@code test} (as {@code prepare-agent} is), the
   * record is there even when no test JVM starts at all.
   */
  private void recordTestBuild() {
    if (session == null || project == null || !sessionRunsTests()) {
      return;
    }
    try {
      TestBuildRecord.write(eventsDirectory(), thisBuild());
    } catch (java.io.UncheckedIOException ex) {
      getLog().warn(ex.getMessage() + "; a goal run on its own later may judge an earlier build's events.");
    }
  }

  /** This build: this Maven JVM since its session started. */
  final BuildIdentity thisBuild() {
    Instant start = session.getRequest().getStartTime() == null ? Instant.EPOCH
        : session.getRequest().getStartTime().toInstant();
    return BuildIdentity.ofThisProcess(start);
  }

  /** The log, every line through core's one redaction policy. */
  @Override
  public final Log getLog() {
    return new RedactingLog(super.getLog());
  }

  /** The goal's name, for log lines. */
  abstract String goal();

  /** What a skipped goal still does (nothing by default). */
  void skipped() {
  }

  /** Does the goal's work; {@code skip} is already handled. */
  abstract void run() throws MojoExecutionException, MojoFailureException;

  /** A user property ({@code -D}), else a system property, else {@code null}. */
  final String sessionProperty(String key) {
    String value = session.getUserProperties().getProperty(key);
    if (value == null) {
      Properties system = session.getSystemProperties();
      value = system == null ? null : system.getProperty(key);
    }
    return value;
  }

  /** Whether {@code key} is set to {@code true} (or to nothing, as {@code -Dkey} does). */
  final boolean sessionFlag(String key) {
    String value = sessionProperty(key);
    return value != null && (value.isBlank() || Boolean.parseBoolean(value.strip()));
  }
}
