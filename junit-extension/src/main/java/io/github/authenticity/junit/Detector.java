package io.github.authenticity.junit;

/**
 * One kind of evidence gathered while a guarded test is constructed, set up, run and torn down, and while
 * its class is set up and torn down. Implementations must be thread-safe (JUnit parallel execution) and
 * cheap when no guarded test runs.
 *
 * <p>The extension calls, for a guarded class, {@link #beforeClass} in its {@code beforeAll} (before the
 * user's {@code @BeforeAll} methods and the class's static initialisation; with {@code PER_CLASS}, before
 * the instance is constructed) and {@link #afterClass} in its {@code afterAll} (after the user's
 * {@code @AfterAll} methods); for each guarded test, {@link #beforeTest} in its {@code beforeEach} (the
 * fallback window itself is already open on the test's thread since before the test instance was
 * constructed, see {@link io.github.authenticity.core.internal.detect.TestScope#openConstruction}), {@link #afterBody}
 * right after the body and {@link #afterTest} in its {@code afterEach}, after the user's {@code @AfterEach}
 * methods, when the test is judged. A {@code @TestFactory} is a container for its dynamic tests: its window
 * ({@code beforeClass}/{@code afterClass} with the factory's id) spans them, and each dynamic test gets
 * {@code beforeTest}/{@code afterTest} around its executable.
 */
interface Detector {

  /** Starts observing the container {@code guardedClass} (on the thread that runs its set-up). */
  default void beforeClass(GuardedClass guardedClass) {
  }

  /**
   * Stops observing {@code guardedClass} and adds to {@code outcome} what was seen in it after its last test
   * was judged (e.g. in {@code @AfterAll}): the extension makes that a finding on the container.
   */
  default void afterClass(GuardedClass guardedClass, TestOutcome outcome) {
  }

  /** Starts observing {@code test}. */
  default void beforeTest(GuardedTest test) {
  }

  /** The body of {@code test} ended (before {@code @AfterEach}); {@code test} holds its instances. */
  default void afterBody(GuardedTest test) {
  }

  /**
   * Stops observing {@code test} and adds what was seen to {@code outcome}: in the test's own window and, so
   * far, in the windows of its class (and enclosing classes, and factory), each with where it was seen.
   */
  void afterTest(GuardedTest test, TestOutcome outcome);
}
