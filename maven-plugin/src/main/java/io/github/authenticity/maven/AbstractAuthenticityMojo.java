package io.github.authenticity.maven;

import java.util.Properties;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import io.github.authenticity.core.redact.Redactor;

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
    try {
      run();
    } catch (MojoFailureException ex) {
      throw new MojoFailureException(Redactor.redact(ex.getMessage()), ex.getCause());
    } catch (MojoExecutionException ex) {
      throw new MojoExecutionException(Redactor.redact(ex.getMessage()), ex.getCause());
    }
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
