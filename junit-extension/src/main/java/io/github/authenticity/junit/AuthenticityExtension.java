package io.github.authenticity.junit;

import static io.github.authenticity.junit.Contexts.displayName;
import static io.github.authenticity.junit.Contexts.guard;
import static io.github.authenticity.junit.Contexts.instances;
import static io.github.authenticity.junit.Contexts.run;
import static io.github.authenticity.junit.Contexts.store;
import static io.github.authenticity.junit.Contexts.usedBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.github.authenticity.core.config.AuthenticityConfig;
import io.github.authenticity.core.config.Mode;
import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.judge.Judge;
import io.github.authenticity.core.judge.Messages;
import io.github.authenticity.core.report.Evidence;
import io.github.authenticity.core.report.EvidenceKind;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

/**
 * The Jupiter extension behind {@link RequiresRealService} and {@link StagingOnly}.
 *
 * <p>Before a guarded class or test runs it checks the configuration, the required environment and the
 * preflight result of every required service, and fails at once when one is {@code DOWN} (before any user
 * {@code @BeforeAll}/{@code @BeforeEach}). Around the body it runs the {@link Detectors} and judges the test;
 * an assumption that aborts a guarded test or class is {@code MASKED} ({@code ABORTED}), not a skip.
 *
 * <p>Containers: when a whole guarded class cannot run (a class-level service {@code DOWN}, bad configuration,
 * an aborting {@code @BeforeAll}, a Testcontainers skip, {@code @StagingOnly} outside staging), the class
 * fails (or is skipped) once, as JUnit reports it, and the verdict is remembered for the container; the
 * listener then expands the container to every test under it, writing that verdict and a {@code finished}
 * event with {@code via} for each, so every test is still counted and judged one by one.
 */
class AuthenticityExtension implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback,
    BeforeTestExecutionCallback, AfterTestExecutionCallback, TestExecutionExceptionHandler,
    LifecycleMethodExecutionExceptionHandler, InvocationInterceptor {

  /** The store key of a guarded test factory's preparation, found by its dynamic tests through their parent. */
  private static final String FACTORY = "factory";

  /** A guarded test about to run: what the detectors get, with what was found before the body. */
  private record Prepared(GuardedTest test, List<Evidence> early, List<Detector> detectors, long[] startNanos,
      List<Evidence> aborts) {
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return GuardCondition.evaluate(context);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    Optional<Guard> guard = Guards.of(context.getRequiredTestClass(), null);
    if (guard.isEmpty() || ContainerSkip.startsContainers(context.getRequiredTestClass())) {
      // with @Testcontainers the service may be a container that Testcontainers' beforeAll, maybe after this
      // one, starts: each test is checked in beforeEach, once every beforeAll has run
      return;
    }
    Run run = run(context);
    try {
      Preparation.check(run, guard.get(), usedBy(context), context.getUniqueId(), true);
    } catch (ServiceDownException ex) {
      run.containerVerdict(context.getUniqueId(), Judge.serviceDown(ex.getMessage()));
      throw ex;
    } catch (RuntimeException ex) {
      run.containerVerdict(context.getUniqueId(), Judge.failedBeforeBody(ex.getMessage()));
      throw ex;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Optional<Guard> guard = guard(context);
    if (guard.isEmpty()) {
      return;
    }
    Run run = run(context);
    String id = context.getUniqueId();
    try {
      List<ServiceDefinition> services = Preparation.check(run, guard.get(), usedBy(context), id, false);
      AuthenticityConfig config = run.config();
      List<Evidence> early = Loopback.check(config, services);
      GuardedTest test = new GuardedTest(id, displayName(context), context.getRequiredTestClass(),
          context.getRequiredTestMethod(), instances(context), services, guard.get().minDuration(),
          guard.get().stagingOnly(), config);
      if (!early.isEmpty() && config.mode() == Mode.FAIL) {
        String message = Messages.masked(guard.get().services(), early);
        run.verdict(id, Judge.maskedBeforeBody(List.of(), early, message));
        throw new MaskedTestException(message, null);
      }
      Prepared prepared = new Prepared(test, early, new ArrayList<>(), new long[1],
          Collections.synchronizedList(new ArrayList<>()));
      if (AnnotationSupport.isAnnotated(context.getRequiredTestMethod(), TestFactory.class)) {
        // the factory only builds its dynamic tests: its own body proves nothing; each dynamic test is
        // judged in interceptDynamicTest (Jupiter runs them without before/after callbacks)
        store(context).put(FACTORY, prepared);
        return;
      }
      store(context).put(Prepared.class, prepared);
    } catch (ServiceDownException ex) {
      run.verdict(id, Judge.serviceDown(ex.getMessage()));
      throw ex;
    } catch (RuntimeException ex) {
      run.verdict(id, Judge.failedBeforeBody(ex.getMessage()));
      throw ex;
    }
  }

  @Override
  public void beforeTestExecution(ExtensionContext context) {
    Prepared prepared = store(context).get(Prepared.class, Prepared.class);
    if (prepared == null) {
      return;
    }
    prepared.detectors().addAll(Detectors.all());
    for (Detector detector : prepared.detectors()) {
      detector.beforeTest(prepared.test());
    }
    prepared.startNanos()[0] = System.nanoTime();
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    Prepared prepared = store(context).remove(Prepared.class, Prepared.class);
    if (prepared != null) {
      Judging.judge(run(context), prepared.test(), prepared.early(), prepared.aborts(), prepared.detectors(),
          System.nanoTime() - prepared.startNanos()[0], context.getExecutionException().orElse(null));
    }
  }

  @Override
  public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext invocationContext,
      ExtensionContext context) throws Throwable {
    Prepared factory = store(context).get(FACTORY, Prepared.class);
    if (factory == null) {
      invocation.proceed();
      return;
    }
    GuardedTest template = factory.test();
    GuardedTest test = new GuardedTest(context.getUniqueId(), displayName(context), template.testClass(),
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
      Evidence evidence = new Evidence(EvidenceKind.ABORTED, Messages.aborted("body", ex.getMessage()));
      aborts.add(evidence);
      failure = test.config().mode() == Mode.FAIL ? new MaskedTestException(Messages.masked(
          test.services().stream().map(ServiceDefinition::name).toList(), List.of(evidence)), ex) : ex;
    } catch (Throwable ex) {
      failure = ex;
    }
    Judging.judge(run(context), test, factory.early(), aborts, detectors, System.nanoTime() - start, failure);
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
    Prepared prepared = store(context).get(Prepared.class, Prepared.class);
    if (prepared == null || !(throwable instanceof TestAbortedException)) {
      throw throwable;
    }
    Evidence evidence = new Evidence(EvidenceKind.ABORTED, Messages.aborted("body", throwable.getMessage()));
    prepared.aborts().add(evidence);
    if (run(context).config().mode() == Mode.FAIL) {
      throw new MaskedTestException(Messages.masked(prepared.test().services().stream()
          .map(ServiceDefinition::name).toList(), List.of(evidence)), throwable);
    }
    throw throwable;
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    Optional<Guard> guard = Guards.of(context.getRequiredTestClass(), null);
    if (guard.isEmpty() || !(throwable instanceof TestAbortedException)) {
      throw throwable;
    }
    Run run = run(context);
    Evidence evidence = new Evidence(EvidenceKind.ABORTED, Messages.aborted("class in @BeforeAll", throwable.getMessage()));
    String message = Messages.masked(guard.get().services(), List.of(evidence));
    run.containerVerdict(context.getUniqueId(), Judge.maskedBeforeBody(List.of(), List.of(evidence), message));
    throw maskedAbort(run, message, throwable);
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    Optional<Guard> guard = guard(context);
    if (guard.isEmpty()) {
      throw throwable;
    }
    Run run = run(context);
    if (!(throwable instanceof TestAbortedException)) {
      String message = throwable.getMessage() != null ? throwable.getMessage() : throwable.getClass().getName();
      run.verdict(context.getUniqueId(), Judge.failedBeforeBody(message));
      throw throwable;
    }
    Evidence evidence = new Evidence(EvidenceKind.ABORTED, Messages.aborted("in @BeforeEach", throwable.getMessage()));
    String message = Messages.masked(guard.get().services(), List.of(evidence));
    run.verdict(context.getUniqueId(), Judge.maskedBeforeBody(List.of(), List.of(evidence), message));
    store(context).remove(Prepared.class);
    throw maskedAbort(run, message, throwable);
  }

  /** In {@code fail} mode an abort becomes a failure; in {@code report} mode it stays an abort. */
  private static Throwable maskedAbort(Run run, String message, Throwable abort) {
    return run.config().mode() == Mode.FAIL ? new MaskedTestException(message, abort) : abort;
  }
}
