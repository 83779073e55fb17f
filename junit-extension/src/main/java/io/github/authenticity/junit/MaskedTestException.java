package io.github.authenticity.junit;

import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import io.github.authenticity.core.internal.redact.RedactedThrowable;
import io.github.authenticity.core.internal.redact.Redactor;
import io.github.authenticity.core.internal.redact.Visible;

/** A guarded test is {@code MASKED} and the mode is {@code fail}; the message lists the evidence. */
final class MaskedTestException extends AssertionFailedError {

  private static final long serialVersionUID = 1L;

  /** {@code message} and the cause's message (an assumption's text, say) go through the one redaction policy. */
  MaskedTestException(String message, Throwable cause) {
    super(Visible.of(Redactor.redact(message)), redacted(cause));
  }

  /**
   * An assumption's abort with only its own message to redact stays an abort of its type; any other cause whose
   * chain (causes, suppressed) holds a secret becomes a redacted copy of the chain.
   */
  private static Throwable redacted(Throwable cause) {
    if (cause instanceof TestAbortedException && cause.getSuppressed().length == 0
        && RedactedThrowable.of(cause.getCause()) == cause.getCause()) {
      return RedactedAbort.of(cause);
    }
    return RedactedThrowable.of(cause);
  }
}
