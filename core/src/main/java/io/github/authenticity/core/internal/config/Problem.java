package io.github.authenticity.core.internal.config;

import io.github.authenticity.core.internal.redact.RedactedThrowable;

/** A bad value, described without its location; the reader prefixes where it was configured. */
final class Problem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Whether the problem is an unset variable (tolerated in environments that are not active). */
  final boolean unsetVariable;

  Problem(String message) {
    this(message, false, null);
  }

  Problem(String message, Throwable cause) {
    this(message, false, cause);
  }

  Problem(String message, boolean unsetVariable, Throwable cause) {
    super(message, RedactedThrowable.of(cause));
    this.unsetVariable = unsetVariable;
  }
}
