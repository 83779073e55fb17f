package io.github.authenticity.junit;

import org.opentest4j.TestAbortedException;

import io.github.authenticity.core.internal.redact.RedactedThrowable;
import io.github.authenticity.core.internal.redact.Redactor;

/** An assumption's abort on its way out of the extension, its message through core's redaction policy. */
final class RedactedAbort {

  private RedactedAbort() {
  }

  /**
   * {@code abort} itself, or when its message carries a secret (an assumption's text), an abort of the same type
   * with the message redacted and the same stack trace: the test plugin writes it into its reports and the log.
   */
  static Throwable of(Throwable abort) {
    String message = abort.getMessage();
    Throwable cause = abort.getCause() == abort ? null : abort.getCause();
    Throwable safeCause = RedactedThrowable.of(cause);
    if (!(abort instanceof TestAbortedException) || (message == null || Redactor.redact(message).equals(message))
        && safeCause == cause && abort.getSuppressed().length == 0) {
      return abort;
    }
    // the cause chain too: an assumption's exception may carry the secret in a cause (a connection URL)
    TestAbortedException copy = new TestAbortedException(message == null ? null : Redactor.redact(message), safeCause);
    copy.setStackTrace(abort.getStackTrace());
    for (Throwable suppressed : abort.getSuppressed()) {
      copy.addSuppressed(RedactedThrowable.of(suppressed));
    }
    return copy;
  }
}
