package io.github.authenticity.core.probe;

import java.time.Duration;

/** The time budget of one probe: started now, over after the service's timeout. */
final class Deadline {

  private final long startNanos = System.nanoTime();
  private final long timeoutMillis;

  Deadline(Duration timeout) {
    this.timeoutMillis = Math.max(1, timeout.toMillis());
  }

  /** The whole budget in milliseconds, as configured. */
  long timeoutMillis() {
    return timeoutMillis;
  }

  /** Milliseconds since the start. */
  long elapsedMillis() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** Milliseconds left, at least 1 so that it can be used as a socket timeout (0 would mean forever). */
  int remainingMillis() {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeoutMillis - elapsedMillis()));
  }

  /** Whether the budget is used up. */
  boolean expired() {
    return elapsedMillis() >= timeoutMillis;
  }
}
