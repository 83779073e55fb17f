package io.github.authenticity.junit;

import static io.github.authenticity.junit.Contexts.run;
import static io.github.authenticity.junit.Contexts.store;

import java.util.ArrayList;
import java.util.List;

import io.github.authenticity.core.internal.detect.TestScope;
import io.github.authenticity.core.internal.model.Evidence;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;
import org.opentest4j.TestAbortedException;

/**
 * A guarded test's window and its detectors: started once the gate let it through ({@code beforeEach}), the body's
 * start and end, and the judgement when it closes ({@code afterEach}, after the user's {@code @AfterEach}); a guarded
 * test factory's dynamic tests each get a window around their executable.
 */
final class TestWindow {

  private TestWindow() {
  }

  /**
   * Starts the detectors on {@code prepared}; a guarded test factory instead opens a container window that spans
   * its dynamic tests (its own body only builds them and proves nothing).
   */
  static void open(ExtensionContext context, Prepared prepared) {
    if (isTestFactory(context)) {
      // each dynamic test is judged in dynamicTest (Jupiter runs them without before/after callbacks)
      store(context).put(Prepared.FACTORY, prepared);
      Windows.open(context, new GuardedClass(prepared.test().uniqueId(), context.getRequiredTestClass(),
          prepared.test().services(), prepared.test().config()));
      Phases.markSetUp();
      return;
    }
    prepared.detectors().addAll(Detectors.all());
    for (Detector detector : prepared.detectors()) {
      detector.beforeTest(prepared.test());
    }
    Phases.markSetUp();
    store(context).put(Prepared.class, prepared);
  }

  /**
   * Whether {@code context} is a {@code @TestFactory}'s (its unique id's last segment says so, as Jupiter names it):
   * a string check instead of an annotation search in every guarded test's {@code beforeEach}.
   */
  static boolean isTestFactory(ExtensionContext context) {
    return isTestFactory(context.getUniqueId());
  }

  /** Whether the unique id {@code id} is a {@code @TestFactory}'s (its last segment). */
  static boolean isTestFactory(String id) {
    return id.startsWith(FACTORY_SEGMENT, id.lastIndexOf("/[") + 1);
  }

  private static final String FACTORY_SEGMENT = "[test-factory:";

  /** The body starts now. */
  static void bodyStarted(ExtensionContext context) {
    Prepared prepared = Prepared.of(context);
    if (prepared != null) {
      prepared.bodyNanos()[0] = System.nanoTime();
    }
  }

  /** The body ended now (before {@code @AfterEach}). */
  static void bodyEnded(ExtensionContext context) {
    Prepared prepared = Prepared.of(context);
    if (prepared == null) {
      return;
    }
    prepared.bodyNanos()[1] = System.nanoTime();
    for (Detector detector : prepared.detectors()) {
      detector.afterBody(prepared.test());
    }
  }

  /** Closes the test's window in {@code afterEach} and judges it (a guarded factory's closes its container window). */
  static void close(ExtensionContext context) {
    // the string check first: a factory's store lookup searches every store above a test that has none
    if (isTestFactory(context) && context.getTestMethod().isPresent() && Prepared.factory(context) != null) {
      store(context).remove(Prepared.FACTORY);
      Windows.close(context);
      return;
    }
    Prepared prepared = store(context).remove(Prepared.class, Prepared.class);
    if (prepared == null) {
      // not guarded, or judged before its window opened: the constructed instance's window ends unused
      TestScope.discardConstruction();
      return;
    }
    if (prepared.judgedEarly()[0]) {
      Detectors.discard(prepared.test(), prepared.detectors());
      return;
    }
    long[] body = prepared.bodyNanos();
    try {
      Judging.judge(run(context), prepared.test(), prepared.early(), prepared.aborts(), prepared.detectors(),
          body[1] - body[0], context.getExecutionException().orElse(null));
    } finally {
      Windows.judgedIn(context, prepared.test());
    }
  }

  /** Runs and judges one dynamic test of a guarded test factory {@code factory}, in a window of its own. */
  static void dynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext invocationContext,
      ExtensionContext context, Prepared factory) throws Throwable {
    GuardedTest template = factory.test();
    GuardedTest test = new GuardedTest(context.getUniqueId(), template.testClass(),
        template.testMethod(), template.testInstances(), template.services(), template.minDuration(),
        template.stagingOnly(), template.config());
    List<Detector> detectors = Detectors.all();
    for (Detector detector : detectors) {
      detector.beforeTest(test);
    }
    List<Evidence> aborts = new ArrayList<>();
    Throwable failure = null;
    long start = System.nanoTime();
    try {
      invocation.proceed();
    } catch (TestAbortedException ex) {
      failure = Aborts.inDynamicTest(context, test, detectors, aborts, ex);
    } catch (Throwable ex) {
      failure = ex;
    }
    long elapsed = System.nanoTime() - start;
    for (Detector detector : detectors) {
      detector.afterBody(test);
    }
    try {
      Judging.judge(run(context), test, factory.early(), aborts, detectors, elapsed, failure);
    } finally {
      Windows.judgedIn(context, test);
    }
    if (failure != null) {
      throw failure;
    }
  }
}
