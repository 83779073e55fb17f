package io.github.authenticity.junit;

import static io.github.authenticity.junit.Contexts.store;

import java.util.List;

import io.github.authenticity.core.internal.model.Evidence;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A guarded test in its window: what the detectors get, with what was found before the body, the body's start and
 * end ({@code System.nanoTime}), and whether it was judged before its body (an early verdict). Kept in the test's
 * store; a guarded test factory's is kept under {@link #FACTORY}, found by its dynamic tests through their parent.
 */
record Prepared(GuardedTest test, List<Evidence> early, List<Detector> detectors, long[] bodyNanos,
    List<Evidence> aborts, boolean[] judgedEarly) {

  /** The store key of a guarded test factory's preparation. */
  static final String FACTORY = "factory";

  /** The preparation of the test of {@code context}, or {@code null}. */
  static Prepared of(ExtensionContext context) {
    return store(context).get(Prepared.class, Prepared.class);
  }

  /** The preparation of the guarded test factory of {@code context} (or above it), or {@code null}. */
  static Prepared factory(ExtensionContext context) {
    return store(context).get(FACTORY, Prepared.class);
  }

  /** Whether the test of {@code context} is observed (its own window, or its factory's, is open). */
  static boolean observed(ExtensionContext context) {
    return of(context) != null || factory(context) != null;
  }
}
