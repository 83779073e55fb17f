package io.github.authenticity.junit;

/**
 * One kind of evidence gathered while a guarded test runs. The extension calls {@link #beforeTest} on
 * the test thread right before the test body (after {@code @BeforeEach}) and {@link #afterTest} right
 * after it (before {@code @AfterEach}); implementations must be thread-safe (JUnit parallel execution)
 * and cheap when no guarded test runs.
 */
interface Detector {

  /** Starts observing the set-up of a guarded class (called before its {@code @BeforeAll} methods). */
  default void beforeClass(GuardedClass guardedClass) {
  }

  /** Stops observing a guarded class (called after its {@code @AfterAll} methods). */
  default void afterClass(GuardedClass guardedClass, TestOutcome outcome) {
  }

  /** Starts observing {@code test}. */
  default void beforeTest(GuardedTest test) {
  }

  /** Stops observing {@code test} and adds what was seen to {@code outcome}. */
  void afterTest(GuardedTest test, TestOutcome outcome);
}
