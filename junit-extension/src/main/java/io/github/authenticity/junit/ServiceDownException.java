package io.github.authenticity.junit;

import org.opentest4j.AssertionFailedError;

/** A guarded test (or class) failed before its body because a service it requires is {@code DOWN}. */
final class ServiceDownException extends AssertionFailedError {

  private static final long serialVersionUID = 1L;

  ServiceDownException(String message) {
    super(message);
  }
}
