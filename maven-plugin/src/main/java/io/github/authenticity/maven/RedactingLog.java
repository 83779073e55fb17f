package io.github.authenticity.maven;

import org.apache.maven.plugin.logging.Log;

import io.github.authenticity.core.internal.redact.RedactedThrowable;
import io.github.authenticity.core.internal.redact.Redactor;
import io.github.authenticity.core.internal.redact.Visible;

/**
 * The goals' log, every line through core's one redaction policy ({@link Redactor}) and with bidirectional controls
 * made visible ({@link Visible}).
 */
final class RedactingLog implements Log {

  private final Log log;

  RedactingLog(Log log) {
    this.log = log;
  }

  private static CharSequence redact(CharSequence content) {
    return content == null ? null : Visible.of(Redactor.redact(content.toString()));
  }

  /** The same throwable, or a redacted copy of its chain (causes and suppressed too) when one holds a secret. */
  private static Throwable redact(Throwable error) {
    return RedactedThrowable.of(error);
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
