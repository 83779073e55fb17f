package io.github.authenticity.core.internal.probe;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one time budget of a probe, for all of it (DNS, connect, TLS, request, the whole answer): started now,
 * over after the service's timeout. What is {@linkplain #guard(Closeable) guarded} is closed when the budget is
 * used up, so a server that trickles its answer cannot hold a probe beyond it.
 */
final class Deadline implements AutoCloseable {

  private static final ScheduledThreadPoolExecutor CLOSER = new ScheduledThreadPoolExecutor(1, task -> {
    Thread thread = new Thread(task, "authenticity-probe-deadline");
    thread.setDaemon(true);
    return thread;
  });

  static {
    CLOSER.setRemoveOnCancelPolicy(true);
  }

  private final long startNanos = System.nanoTime();
  private final long timeoutMillis;
  private final List<ScheduledFuture<?>> guards = new ArrayList<>();

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

  /** What is left, as a duration (at least 1 ms). */
  Duration remaining() {
    return Duration.ofMillis(remainingMillis());
  }

  /** Whether the budget is used up. */
  boolean expired() {
    return elapsedMillis() >= timeoutMillis;
  }

  /** Closes {@code resource} when the budget is used up (unless this deadline is closed first). */
  synchronized void guard(Closeable resource) {
    long delay = Math.max(0, timeoutMillis * 1_000_000 - (System.nanoTime() - startNanos));
    guards.add(CLOSER.schedule(() -> {
      try {
        resource.close();
      } catch (IOException | RuntimeException ignored) {
        // closing is all that is wanted; the probe reports the time-out
      }
    }, delay, TimeUnit.NANOSECONDS));
  }

  /** Cancels the guards: the probe is over. */
  @Override
  public synchronized void close() {
    guards.forEach(guard -> guard.cancel(false));
    guards.clear();
  }
}
