package io.github.authenticity.core.internal.probe;

/** A probe's failure whose message is already the one-line cause shown to people. */
class ProbeFailure extends Exception {

  private static final long serialVersionUID = 1L;

  ProbeFailure(String cause) {
    super(cause);
  }

  ProbeFailure(String cause, Throwable reason) {
    super(cause, reason);
  }
}
