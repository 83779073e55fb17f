package io.github.authenticity.junit;

import static io.github.authenticity.junit.Contexts.guard;
import static io.github.authenticity.junit.Contexts.run;

import java.util.List;
import java.util.Optional;

import io.github.authenticity.core.internal.config.AllowedSkip;
import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.judge.Judge;
import io.github.authenticity.core.internal.model.Judgement;
import io.github.authenticity.core.internal.model.Evidence;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * Assumptions that abort a guarded test or class: a skip is not a pass, so the judge makes it {@code MASKED}
 * ({@code ABORTED}, {@link Judge#aborted}), unless a declared rule allows it ({@link SkipRules}: {@code NOT_RUN},
 * and it stays a skip in JUnit). What JUnit then sees is {@link Failures}' to say.
 */
final class Aborts {

  private Aborts() {
  }

  /** An exception thrown by the body of the test of {@code context}. */
  static void inBody(ExtensionContext context, Throwable throwable) throws Throwable {
    Prepared prepared = Prepared.of(context);
    if (prepared == null || !(throwable instanceof TestAbortedException)) {
      throw throwable;
    }
    Optional<Judgement> allowed = SkipRules.allowed(run(context), AllowedSkip.Kind.ASSUMPTION, throwable.getMessage(),
        context.getRequiredTestMethod(), context.getRequiredTestClass());
    if (allowed.isPresent()) {
      // a declared legitimate skip: judged now (afterEach discards the detectors), and it stays a skip in JUnit
      prepared.judgedEarly()[0] = true;
      run(context).verdict(context.getUniqueId(), allowed.get());
      throw RedactedAbort.of(throwable);
    }
    Judgement aborted = Judge.aborted(names(prepared.test()), "body", throwable.getMessage());
    prepared.aborts().addAll(aborted.evidence());
    throw Failures.ofAbort(aborted, run(context).config().mode(), throwable);
  }

  /**
   * An assumption {@code abort} in the executable of a guarded factory's dynamic {@code test}: the failure to end it
   * with (its {@code ABORTED} evidence added to {@code aborts}); a declared legitimate skip is judged now and thrown.
   */
  static Throwable inDynamicTest(ExtensionContext context, GuardedTest test, List<Detector> detectors,
      List<Evidence> aborts, TestAbortedException abort) throws Throwable {
    Optional<Judgement> allowed = SkipRules.allowed(run(context), AllowedSkip.Kind.ASSUMPTION, abort.getMessage(),
        test.testMethod(), test.testClass());
    if (allowed.isPresent()) {
      // a declared legitimate skip: NOT_RUN/ALLOWED_SKIP, and it stays a skip in JUnit
      Detectors.discard(test, detectors);
      run(context).verdict(test.uniqueId(), allowed.get());
      throw RedactedAbort.of(abort);
    }
    Judgement aborted = Judge.aborted(names(test), "body", abort.getMessage());
    aborts.addAll(aborted.evidence());
    return Failures.ofAbort(aborted, test.config().mode(), abort);
  }

  /** An exception thrown by a {@code @BeforeAll} method of the class of {@code context}. */
  static void inBeforeAll(ExtensionContext context, Throwable throwable) throws Throwable {
    Optional<Guard> guard = Guards.of(context.getRequiredTestClass(), null);
    if (guard.isEmpty() || !(throwable instanceof TestAbortedException)) {
      throw throwable;
    }
    Run run = run(context);
    Optional<Judgement> allowed = SkipRules.allowed(run, AllowedSkip.Kind.ASSUMPTION, throwable.getMessage(), null,
        context.getRequiredTestClass());
    if (allowed.isPresent()) {
      run.containerVerdict(context.getUniqueId(), allowed.get());
      throw RedactedAbort.of(throwable);
    }
    Judgement aborted = Judge.aborted(guard.get().services(), "class in @BeforeAll", throwable.getMessage());
    run.containerVerdict(context.getUniqueId(), aborted);
    throw Failures.ofAbort(aborted, run.config().mode(), throwable);
  }

  /** An exception thrown by a {@code @BeforeEach} method of the test of {@code context}: it fails or aborts there. */
  static void inBeforeEach(ExtensionContext context, Throwable throwable) throws Throwable {
    Optional<Guard> guard = guard(context);
    if (guard.isEmpty()) {
      throw throwable;
    }
    Run run = run(context);
    Prepared prepared = Prepared.of(context);
    if (prepared != null) {
      prepared.judgedEarly()[0] = true;
    }
    if (!(throwable instanceof TestAbortedException)) {
      String message = throwable.getMessage() != null ? throwable.getMessage() : throwable.getClass().getName();
      run.verdict(context.getUniqueId(), Judge.failedBeforeBody(message));
      throw throwable;
    }
    Optional<Judgement> allowed = SkipRules.allowed(run, AllowedSkip.Kind.ASSUMPTION, throwable.getMessage(),
        context.getRequiredTestMethod(), context.getRequiredTestClass());
    if (allowed.isPresent()) {
      run.verdict(context.getUniqueId(), allowed.get());
      throw RedactedAbort.of(throwable);
    }
    Judgement aborted = Judge.aborted(guard.get().services(), "in @BeforeEach", throwable.getMessage());
    run.verdict(context.getUniqueId(), aborted);
    throw Failures.ofAbort(aborted, run.config().mode(), throwable);
  }

  private static List<String> names(GuardedTest test) {
    return test.services().stream().map(ServiceDefinition::name).toList();
  }
}
