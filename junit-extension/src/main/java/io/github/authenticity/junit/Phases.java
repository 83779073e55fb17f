package io.github.authenticity.junit;

import io.github.authenticity.core.internal.detect.TestScope;
import io.github.authenticity.core.internal.detect.Where;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;

/**
 * The phase marks: while an observed test or class runs a lifecycle method, its window on this thread says where
 * ({@link Where}), so that evidence seen there names it ({@code in @BeforeEach logIn(): ...}); after it, the window
 * says what runs next (another extension's set-up or tear-down callback, a class callback).
 */
final class Phases {

  private Phases() {
  }

  /** Runs {@code invocation} with the current thread's window marked {@code where}, then {@code after}. */
  static void proceedMarked(Invocation<Void> invocation, boolean observed, String where, String after)
      throws Throwable {
    TestScope own = observed ? TestScope.own() : null;
    if (own == null) {
      invocation.proceed();
      return;
    }
    own.mark(where);
    try {
      invocation.proceed();
    } finally {
      own.mark(after);
    }
  }

  /** Marks the current thread's window {@code where} (when it has one), until the next mark. */
  static void mark(boolean observed, String where) {
    TestScope own = observed ? TestScope.own() : null;
    if (own != null) {
      own.mark(where);
    }
  }

  /** Until its {@code @BeforeEach} methods run, a test's window sees other extensions' set-up callbacks. */
  static void markSetUp() {
    mark(true, Where.SET_UP);
  }
}
