package io.github.authenticity.junit;

import org.opentest4j.TestAbortedException;

import io.github.authenticity.core.redact.Redactor;

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
    if (!(abort instanceof TestAbortedException) || message == null || Redactor.redact(message).equals(message)) {
      return abort;
    }
    TestAbortedException copy = new TestAbortedException(Redactor.redact(message));
    copy.setStackTrace(abort.getStackTrace());
    return copy;
  }
}
