package io.github.authenticity.maven;

import org.apache.maven.plugin.logging.Log;

import io.github.authenticity.core.redact.Redactor;

/** The goals' log, every line through core's one redaction policy ({@link Redactor}). */
final class RedactingLog implements Log {

  private final Log log;

  RedactingLog(Log log) {
    this.log = log;
  }

  private static CharSequence redact(CharSequence content) {
    return content == null ? null : Redactor.redact(content.toString());
  }

  private static Throwable redact(Throwable error) {
    if (error == null || error.getMessage() == null || Redactor.redact(error.getMessage()).equals(error.getMessage())) {
      return error;
    }
    Throwable copy = new Throwable(error.getClass().getName() + ": " + Redactor.redact(error.getMessage()));
    copy.setStackTrace(error.getStackTrace());
    return copy;
  }

  @Override
  public boolean isDebugEnabled() {
    return log.isDebugEnabled();
  }

  @Override
  public void debug(CharSequence content) {
    log.debug(redact(content));
  }

  @Override
  public void debug(CharSequence content, Throwable error) {
    log.debug(redact(content), redact(error));
  }

  @Override
  public void debug(Throwable error) {
    log.debug(redact(error));
  }

  @Override
  public boolean isInfoEnabled() {
    return log.isInfoEnabled();
  }

  @Override
  public void info(CharSequence content) {
    log.info(redact(content));
  }

  @Override
  public void info(CharSequence content, Throwable error) {
    log.info(redact(content), redact(error));
  }

  @Override
  public void info(Throwable error) {
    log.info(redact(error));
  }

  @Override
  public boolean isWarnEnabled() {
    return log.isWarnEnabled();
  }

  @Override
  public void warn(CharSequence content) {
    log.warn(redact(content));
  }

  @Override
  public void warn(CharSequence content, Throwable error) {
    log.warn(redact(content), redact(error));
  }

  @Override
  public void warn(Throwable error) {
    log.warn(redact(error));
  }

  @Override
  public boolean isErrorEnabled() {
    return log.isErrorEnabled();
  }

  @Override
  public void error(CharSequence content) {
    log.error(redact(content));
  }

  @Override
  public void error(CharSequence content, Throwable error) {
    log.error(redact(content), redact(error));
  }

  @Override
  public void error(Throwable error) {
    log.error(redact(error));
  }
}
