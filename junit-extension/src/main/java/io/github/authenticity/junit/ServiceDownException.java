package io.github.authenticity.junit;

import org.opentest4j.AssertionFailedError;

import io.github.authenticity.core.internal.redact.Redactor;
import io.github.authenticity.core.internal.redact.Visible;

/** A guarded test (or class) failed before its body because a service it requires is {@code DOWN}. */
final class ServiceDownException extends AssertionFailedError {

  private static final long serialVersionUID = 1L;

  ServiceDownException(String message) {
    super(Visible.of(Redactor.redact(message)));
  }

  /**
   * No stack trace: the failure is the run's, not a line of the test's (the report names the test), and
   * hundreds of tests failing at once for one dead service should cost nothing and print only the cause.
   */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
