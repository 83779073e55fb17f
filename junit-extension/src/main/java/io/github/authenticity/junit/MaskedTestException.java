package io.github.authenticity.junit;

import org.opentest4j.AssertionFailedError;

/** A guarded test is {@code MASKED} and the mode is {@code fail}; the message lists the evidence. */
final class MaskedTestException extends AssertionFailedError {

  private static final long serialVersionUID = 1L;

  MaskedTestException(String message, Throwable cause) {
    super(message, cause);
  }
}
