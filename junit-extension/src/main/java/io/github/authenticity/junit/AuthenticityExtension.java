package io.github.authenticity.junit;

import static io.github.authenticity.junit.Contexts.displayName;
import static io.github.authenticity.junit.Contexts.guard;
import static io.github.authenticity.junit.Contexts.instances;
import static io.github.authenticity.junit.Contexts.run;
import static io.github.authenticity.junit.Contexts.store;
import static io.github.authenticity.junit.Contexts.usedBy;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.authenticity.core.config.AllowedSkip;
import io.github.authenticity.core.config.AuthenticityConfig;
import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.detect.TestScope;
import io.github.authenticity.core.detect.Where;
import io.github.authenticity.core.judge.Judge;
import io.github.authenticity.core.judge.Judgement;
import io.github.authenticity.core.judge.LoopbackRule;
import io.github.authenticity.core.judge.Messages;
import io.github.authenticity.core.redact.RedactedThrowable;
import io.github.authenticity.core.report.Evidence;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
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
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.junit.jupiter.api.extension.TestInstancePreDestroyCallback;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

/**
 * The Jupiter extension behind {@link RequiresRealService} and {@link StagingOnly}.
 *
 * <p>Before a guarded class or test runs it checks the configuration, the required environment and the
 * preflight result of every required service, and fails at once when one is {@code DOWN} (before any user
 * {@code @BeforeAll}/{@code @BeforeEach}). It runs the {@link Detectors} and judges the test; an assumption
 * that aborts a guarded test or class is {@code MASKED} ({@code ABORTED}), not a skip.
 *
 * <p>Set-up is part of the test. A test's window opens before its instance is constructed
 * ({@code preConstructTestInstance}; in {@code beforeEach} with a {@code PER_CLASS} instance) and closes in
 * {@code afterEach}, after the user's {@code @AfterEach} methods, where the test is judged (a masked test
 * fails there, on the test). So its constructor, {@code @BeforeEach}/{@code @AfterEach} methods and the
 * callbacks of extensions registered after this one count for it, and those of extensions registered
 * before it too, except their {@code preConstructTestInstance} and {@code afterEach} (which run before and
 * after ours). A class's window opens in {@code beforeAll} (with {@code PER_CLASS}, before the instance is
 * constructed) and closes in {@code afterAll}: its static initialisation, {@code @BeforeAll} methods and the
 * threads started there count for every guarded test judged in it; what it sees after its last test was
 * judged ({@code @AfterAll}) is a finding on the class, which then fails. The interceptors only say where a
 * line was seen ({@link Where}).
 *
 * <p>Containers: when a whole guarded class cannot run (a class-level service {@code DOWN}, bad configuration,
 * an aborting {@code @BeforeAll}, a Testcontainers skip, {@code @StagingOnly} outside staging), the class
 * fails (or is skipped) once, as JUnit reports it, and the verdict is remembered for the container; the
 * listener then expands the container to every test under it, writing that verdict and a {@code finished}
 * event with {@code via} for each, so every test is still counted and judged one by one.
 */
class AuthenticityExtension implements ExecutionCondition, BeforeAllCallback, AfterAllCallback,
    TestInstancePreConstructCallback, TestInstancePreDestroyCallback, BeforeEachCallback, AfterEachCallback, BeforeTestExecutionCallback,
    AfterTestExecutionCallback, TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler,
    InvocationInterceptor {

  /** The store key of a guarded test factory's preparation, found by its dynamic tests through their parent. */
  private static final String FACTORY = "factory";
  /** The store key prefix of a container's window, with the container's id (a store lookup also searches parents). */
  private static final String WINDOW = "window:";

  /**
   * A guarded test in its window: what the detectors get, with what was found before the body, the body's
   * start and end ({@code System.nanoTime}), and whether it was judged before its body (an early verdict).
   */
  private record Prepared(GuardedTest test, List<Evidence> early, List<Detector> detectors, long[] bodyNanos,
      List<Evidence> aborts, boolean[] judgedEarly) {
  }

  /** An open container window and the guarded tests judged in it so far. */
  private record Window(GuardedClass container, List<Detector> detectors, Set<String> judged) {
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return GuardCondition.evaluate(context);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    Optional<Guard> guard = Guards.of(context.getRequiredTestClass(), null);
    if (guard.isEmpty()) {
      return;
    }
    if (!ContainerSkip.startsContainers(context.getRequiredTestClass())) {
      // with @Testcontainers the service may be a container that Testcontainers' beforeAll, maybe after this
      // one, starts: each test is checked in beforeEach, once every beforeAll has run
      Run run = run(context);
      try {
        Preparation.check(run, guard.get(), usedBy(context), context.getUniqueId(), true,
            services -> ContainerServices.resolve(context, run.config(), services));
      } catch (ServiceDownException ex) {
        run.containerVerdict(context.getUniqueId(), Judge.serviceDown(ex.getMessage()));
        throw ex;
      } catch (RuntimeException ex) {
        run.containerVerdict(context.getUniqueId(), Judge.failedBeforeBody(ex.getMessage()));
        throw ex;
      }
    }
    openWindow(context, guard.get());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    closeWindow(context);
  }

  @Override
  public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
    if (context.getTestMethod().isEmpty()
        && context.getTestInstanceLifecycle().orElse(Lifecycle.PER_METHOD) == Lifecycle.PER_CLASS) {
      // the class's one instance, constructed before beforeAll: in the class window
      Guards.of(context.getRequiredTestClass(), null).ifPresent(guard -> openWindow(context, guard));
      return;
    }
    // in JUnit 5.10 to 5.14 (measured) the context is the class's, whichever test the instance is for: the
    // window opens on this thread and the test's beforeEach, on the same thread, claims it
    Detectors.openConstruction(context.getUniqueId(), factoryContext.getTestClass());
  }

  @Override
  public void preDestroyTestInstance(ExtensionContext context) {
    // a disabled test's instance is constructed too, but it gets no beforeEach to claim its window
    TestScope.discardConstruction();
  }

  @Override
  public <T> T interceptTestClassConstructor(Invocation<T> invocation,
      ReflectiveInvocationContext<Constructor<T>> invocationContext, ExtensionContext extensionContext)
      throws Throwable {
    TestScope own = TestScope.own();
    if (own == null) {
      return invocation.proceed();
    }
    Class<?> type = invocationContext.getExecutable().getDeclaringClass();
    // the class initialises now (its first instance) unless @BeforeAll did: that counts for the whole class
    initialise(type, windowOf(extensionContext, type).orElse(own.id()));
    own.mark(Where.CONSTRUCTOR);
    try {
      return invocation.proceed();
    } finally {
      own.mark(own.kind() == TestScope.Kind.CONTAINER ? Where.CLASS_CALLBACK : Where.SET_UP);
    }
  }

  @Override
  public void interceptBeforeAllMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
    Optional<String> window = windowOf(extensionContext, extensionContext.getRequiredTestClass());
    if (window.isPresent()) {
      initialise(extensionContext.getRequiredTestClass(), window.get());
    }
    proceedMarked(invocation, window.isPresent(), Where.method("BeforeAll", invocationContext.getExecutable().getName()),
        Where.CLASS_CALLBACK);
  }

  @Override
  public void interceptAfterAllMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
    proceedMarked(invocation, windowOf(extensionContext, extensionContext.getRequiredTestClass()).isPresent(),
        Where.method("AfterAll", invocationContext.getExecutable().getName()), Where.CLASS_CALLBACK);
  }

  @Override
  public void interceptBeforeEachMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
    proceedMarked(invocation, inWindow(extensionContext),
        Where.method("BeforeEach", invocationContext.getExecutable().getName()), Where.SET_UP);
  }

  @Override
  public void interceptAfterEachMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
    proceedMarked(invocation, inWindow(extensionContext),
        Where.method("AfterEach", invocationContext.getExecutable().getName()), Where.TEAR_DOWN);
  }

  @Override
  public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext extensionContext) throws Throwable {
    proceedMarked(invocation, inWindow(extensionContext), null, Where.TEAR_DOWN);
  }

  @Override
  public void interceptTestTemplateMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
    proceedMarked(invocation, inWindow(extensionContext), null, Where.TEAR_DOWN);
  }

  @Override
  public <T> T interceptTestFactoryMethod(Invocation<T> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
    TestScope own = inWindow(extensionContext) ? TestScope.own() : null;
    if (own != null) {
      // the factory's body, and the stream it returns (built lazily between its dynamic tests)
      own.mark(Where.method("TestFactory", invocationContext.getExecutable().getName()));
    }
    return invocation.proceed();
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
      List<ServiceDefinition> services = Preparation.check(run, guard.get(), usedBy(context), id, false,
          configured -> ContainerServices.resolve(context, run.config(), configured));
      AuthenticityConfig config = run.config();
      List<Evidence> early = LoopbackRule.evidence(config, services);
      GuardedTest test = new GuardedTest(id, displayName(context), context.getRequiredTestClass(),
          context.getRequiredTestMethod(), instances(context), services, guard.get().minDuration(),
          guard.get().stagingOnly(), config);
      if (!early.isEmpty()) {
        Judgement masked = Judge.maskedBeforeBody(guard.get().services(), early, null);
        if (Judge.failsInJUnit(masked, config.mode())) {
          // judged before its body; in report mode the evidence is judged with the body's
          run.verdict(id, masked);
          Failures.throwIfFails(masked, config.mode());
        }
      }
      Prepared prepared = new Prepared(test, early, new ArrayList<>(), new long[2],
          Collections.synchronizedList(new ArrayList<>()), new boolean[1]);
      if (AnnotationSupport.isAnnotated(context.getRequiredTestMethod(), TestFactory.class)) {
        // the factory only builds its dynamic tests: its own body proves nothing; it is a container whose
        // window spans them, and each dynamic test is judged in interceptDynamicTest (Jupiter runs them
        // without before/after callbacks)
        store(context).put(FACTORY, prepared);
        openWindow(context, new GuardedClass(id, context.getRequiredTestClass(), services, config));
        markSetUp();
        return;
      }
      prepared.detectors().addAll(Detectors.all());
      for (Detector detector : prepared.detectors()) {
        detector.beforeTest(test);
      }
      markSetUp();
      store(context).put(Prepared.class, prepared);
    } catch (ServiceDownException ex) {
      run.verdict(id, Judge.serviceDown(ex.getMessage()));
      throw ex;
    } catch (RuntimeException ex) {
      run.verdict(id, Judge.failedBeforeBody(ex.getMessage()));
      // the same exception, unless its message or a cause's holds a secret: then a redacted copy of the chain
      throw (RuntimeException) RedactedThrowable.of(ex);
    }
  }

  @Override
  public void beforeTestExecution(ExtensionContext context) {
    Prepared prepared = store(context).get(Prepared.class, Prepared.class);
    if (prepared != null) {
      prepared.bodyNanos()[0] = System.nanoTime();
    }
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    Prepared prepared = store(context).get(Prepared.class, Prepared.class);
    if (prepared == null) {
      return;
    }
    prepared.bodyNanos()[1] = System.nanoTime();
    for (Detector detector : prepared.detectors()) {
      detector.afterBody(prepared.test());
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (store(context).get(FACTORY, Prepared.class) != null && context.getTestMethod().isPresent()
        && AnnotationSupport.isAnnotated(context.getRequiredTestMethod(), TestFactory.class)) {
      store(context).remove(FACTORY);
      closeWindow(context);
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
      judgedIn(context, prepared.test());
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
      Optional<Judgement> allowed = SkipRules.allowed(run(context), AllowedSkip.Kind.ASSUMPTION, ex.getMessage(),
          template.testMethod(), template.testClass());
      if (allowed.isPresent()) {
        // a declared legitimate skip: NOT_RUN/ALLOWED_SKIP, and it stays a skip in JUnit
        Detectors.discard(test, detectors);
        run(context).verdict(test.uniqueId(), allowed.get());
        throw RedactedAbort.of(ex);
      }
      Judgement aborted = Judge.aborted(test.services().stream().map(ServiceDefinition::name).toList(), "body",
          ex.getMessage());
      aborts.addAll(aborted.evidence());
      failure = Failures.ofAbort(aborted, test.config().mode(), ex);
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
      judgedIn(context, test);
    }
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
    Optional<Judgement> allowed = SkipRules.allowed(run(context), AllowedSkip.Kind.ASSUMPTION, throwable.getMessage(),
        context.getRequiredTestMethod(), context.getRequiredTestClass());
    if (allowed.isPresent()) {
      // a declared legitimate skip: judged now (afterEach discards the detectors), and it stays a skip in JUnit
      prepared.judgedEarly()[0] = true;
      run(context).verdict(context.getUniqueId(), allowed.get());
      throw RedactedAbort.of(throwable);
    }
    Judgement aborted = Judge.aborted(prepared.test().services().stream().map(ServiceDefinition::name).toList(),
        "body", throwable.getMessage());
    prepared.aborts().addAll(aborted.evidence());
    throw Failures.ofAbort(aborted, run(context).config().mode(), throwable);
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
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

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    Optional<Guard> guard = guard(context);
    if (guard.isEmpty()) {
      throw throwable;
    }
    Run run = run(context);
    Prepared prepared = store(context).get(Prepared.class, Prepared.class);
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

  // --- windows ---

  /** Opens the window of the guarded class of {@code context} (once: with {@code PER_CLASS} before beforeAll). */
  private static void openWindow(ExtensionContext context, Guard guard) {
    if (store(context).get(WINDOW + context.getUniqueId(), Window.class) != null) {
      return;
    }
    AuthenticityConfig config;
    try {
      config = run(context).config();
    } catch (RuntimeException ex) {
      return; // the class fails on its configuration: nothing to observe
    }
    List<ServiceDefinition> services = guard.services().stream().map(config::service).flatMap(Optional::stream)
        .toList();
    openWindow(context, new GuardedClass(context.getUniqueId(), context.getRequiredTestClass(), services, config));
  }

  private static void openWindow(ExtensionContext context, GuardedClass container) {
    List<Detector> detectors = Detectors.all();
    for (Detector detector : detectors) {
      detector.beforeClass(container);
    }
    TestScope own = TestScope.own();
    if (own != null && own.id().equals(container.uniqueId())) {
      own.mark(Where.CLASS_CALLBACK);
    }
    store(context).put(WINDOW + container.uniqueId(), new Window(container, detectors, ConcurrentHashMap.newKeySet()));
  }

  /**
   * Closes the window of the container of {@code context}; what it saw after its last test was judged is a
   * finding on the container (when a guarded test was judged in it, and the container did not fail and was
   * not judged already).
   */
  private static void closeWindow(ExtensionContext context) {
    Window window = store(context).remove(WINDOW + context.getUniqueId(), Window.class);
    if (window == null) {
      return;
    }
    TestOutcome outcome = new TestOutcome(Duration.ZERO, context.getExecutionException().orElse(null));
    RuntimeException detectorFailure = null;
    for (Detector detector : window.detectors()) {
      try {
        detector.afterClass(window.container(), outcome);
      } catch (RuntimeException ex) {
        if (detectorFailure == null) {
          detectorFailure = ex;
        } else {
          detectorFailure.addSuppressed(ex);
        }
      }
    }
    if (detectorFailure != null) {
      throw detectorFailure;
    }
    if (outcome.evidence().isEmpty() || window.judged().isEmpty() || context.getExecutionException().isPresent()) {
      // nothing seen; or no guarded test ran its body in it (all disabled, or stopped before their body);
      // or the container failed (or was judged) already
      return;
    }
    recordContainerFinding(run(context), window, outcome.evidence());
  }

  /**
   * THE call site of a container-level finding: evidence seen in a guarded container after its last test was
   * judged (in {@code @AfterAll}; in a test factory's {@code @AfterEach}) counts for every guarded test in it.
   * Written as the container's verdict, which the judge applies to every guarded test under it (those judged
   * {@code AUTHENTIC} or {@code MASKED} already become {@code MASKED} with it; {@code FAILED} ones stay);
   * in {@code fail} mode the container fails with the masked message.
   */
  private static void recordContainerFinding(Run run, Window window, List<Evidence> evidence) {
    String message = Messages.masked(window.container().services().stream().map(ServiceDefinition::name).toList(),
        evidence);
    Judgement masked = Judge.maskedBeforeBody(List.of(), evidence, message);
    run.containerVerdict(window.container().uniqueId(), masked);
    Failures.throwIfFails(masked, run.config().mode());
  }

  /** Remembers {@code test} as judged in every window it sits in (its class, enclosing classes, factory). */
  private static void judgedIn(ExtensionContext context, GuardedTest test) {
    for (Optional<ExtensionContext> at = context.getParent(); at.isPresent(); at = at.get().getParent()) {
      Window window = store(at.get()).get(WINDOW + at.get().getUniqueId(), Window.class);
      if (window != null) {
        window.judged().add(test.uniqueId());
      }
    }
  }

  /** The id of the open window of the class {@code type} in or above {@code context}. */
  private static Optional<String> windowOf(ExtensionContext context, Class<?> type) {
    for (Optional<ExtensionContext> at = Optional.of(context); at.isPresent(); at = at.get().getParent()) {
      ExtensionContext candidate = at.get();
      if (candidate.getTestClass().filter(type::equals).isPresent() && candidate.getTestMethod().isEmpty()
          && store(candidate).get(WINDOW + candidate.getUniqueId(), Window.class) != null) {
        return Optional.of(candidate.getUniqueId());
      }
    }
    return Optional.empty();
  }

  /** Whether the test of {@code context} is observed (its own window, or its factory's, is open). */
  private static boolean inWindow(ExtensionContext context) {
    return store(context).get(Prepared.class, Prepared.class) != null
        || store(context).get(FACTORY, Prepared.class) != null;
  }

  /** Until its {@code @BeforeEach} methods run, a test's window sees other extensions' set-up callbacks. */
  private static void markSetUp() {
    TestScope own = TestScope.own();
    if (own != null) {
      own.mark(Where.SET_UP);
    }
  }

  /** Runs {@code invocation} with the current thread's window marked {@code where}, then {@code after}. */
  private static void proceedMarked(Invocation<Void> invocation, boolean observed, String where, String after)
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

  /**
   * Initialises {@code type} now, its output attributed to window {@code windowId} as static initialisation;
   * a no-op when it is initialised already. JUnit would initialise it in this same call (a static
   * {@code @BeforeAll} method, or the first constructor), so the moment does not change.
   */
  private static void initialise(Class<?> type, String windowId) {
    TestScope.runIn(windowId, Where.STATIC_INITIALISATION, () -> {
      try {
        Class.forName(type.getName(), true, type.getClassLoader());
      } catch (ClassNotFoundException ex) {
        throw new IllegalStateException("The test class [" + type.getName() + "] is running but cannot be found"
            + " by its own class loader", ex);
      }
    });
  }
}
