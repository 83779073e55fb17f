package io.github.authenticity.junit;

import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import io.github.authenticity.core.redact.Redactor;

/** A guarded test is {@code MASKED} and the mode is {@code fail}; the message lists the evidence. */
final class MaskedTestException extends AssertionFailedError {

  private static final long serialVersionUID = 1L;

  /** {@code message} and the cause's message (an assumption's text, say) go through the one redaction policy. */
  MaskedTestException(String message, Throwable cause) {
    super(Redactor.redact(message), redacted(cause));
  }

  private static Throwable redacted(Throwable cause) {
    if (cause == null || cause.getMessage() == null
        || Redactor.redact(cause.getMessage()).equals(cause.getMessage())) {
      return cause;
    }
    if (cause instanceof TestAbortedException) {
      return RedactedAbort.of(cause);
    }
    Throwable copy = new AssertionFailedError(cause.getClass().getName() + ": " + Redactor.redact(cause.getMessage()));
    copy.setStackTrace(cause.getStackTrace());
    return copy;
  }
}
