package io.github.authenticity.junit;

import static io.github.authenticity.junit.Contexts.guard;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Optional;

import io.github.authenticity.core.internal.detect.TestScope;
import io.github.authenticity.core.internal.detect.Where;
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

/**
 * The Jupiter extension behind {@link RequiresRealService} and {@link StagingOnly}: the one registered extension and
 * the one owner of the order of its callbacks, each of which hands its work to a delegate of one job.
 *
 * <p>Before a guarded class or test runs, the gate ({@link GuardCondition}, {@link Gate}) checks the configuration,
 * the required environment and the preflight result of every required service, and fails at once when one is
 * {@code DOWN} (before any user {@code @BeforeAll}/{@code @BeforeEach}). The test's window ({@link TestWindow}) runs
 * the {@link Detectors} and has it judged ({@link Judging}); an assumption that aborts a guarded test or class is
 * {@code MASKED} ({@code ABORTED}), not a skip ({@link Aborts}).
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
 * judged ({@code @AfterAll}) is a finding on the class, which then fails ({@link Windows}). The interceptors only
 * say where a line was seen ({@link Phases}, {@link Where}).
 *
 * <p>Containers: when a whole guarded class cannot run (a class-level service {@code DOWN}, bad configuration,
 * an aborting {@code @BeforeAll}, a Testcontainers skip, {@code @StagingOnly} outside staging), the class
 * fails (or is skipped) once, as JUnit reports it, and the verdict is remembered for the container; the
 * listener then expands the container to every test under it, writing that verdict and a {@code finished}
 * event with {@code via} for each, so every test is still counted and judged one by one.
 */
class AuthenticityExtension implements ExecutionCondition, BeforeAllCallback, AfterAllCallback,
    TestInstancePreConstructCallback, TestInstancePreDestroyCallback, BeforeEachCallback, AfterEachCallback,
    BeforeTestExecutionCallback, AfterTestExecutionCallback, TestExecutionExceptionHandler,
    LifecycleMethodExecutionExceptionHandler, InvocationInterceptor {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return GuardCondition.evaluate(context);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    Optional<Guard> guard = Guards.of(context.getRequiredTestClass(), null);
    if (guard.isPresent()) {
      Gate.checkClass(context, guard.get());
      Windows.open(context, guard.get());
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Windows.close(context);
  }

  @Override
  public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
    Windows.beforeConstruction(factoryContext, context);
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
    return Windows.construct(extensionContext, invocationContext.getExecutable().getDeclaringClass(),
        invocation);
  }

  @Override
  public void interceptBeforeAllMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
    Optional<String> window = Windows.windowOf(extensionContext, extensionContext.getRequiredTestClass());
    if (window.isPresent()) {
      Windows.initialise(extensionContext.getRequiredTestClass(), window.get());
    }
    Phases.proceedMarked(invocation, window.isPresent(),
        Where.method("BeforeAll", invocationContext.getExecutable().getName()), Where.CLASS_CALLBACK);
  }

  @Override
  public void interceptAfterAllMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
    Phases.proceedMarked(invocation,
        Windows.windowOf(extensionContext, extensionContext.getRequiredTestClass()).isPresent(),
        Where.method("AfterAll", invocationContext.getExecutable().getName()), Where.CLASS_CALLBACK);
  }

  @Override
  public void interceptBeforeEachMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
    Phases.proceedMarked(invocation, Prepared.observed(extensionContext),
        Where.method("BeforeEach", invocationContext.getExecutable().getName()), Where.SET_UP);
  }

  @Override
  public void interceptAfterEachMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
    Phases.proceedMarked(invocation, Prepared.observed(extensionContext),
        Where.method("AfterEach", invocationContext.getExecutable().getName()), Where.TEAR_DOWN);
  }

  @Override
  public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext extensionContext) throws Throwable {
    Phases.proceedMarked(invocation, Prepared.observed(extensionContext), null, Where.TEAR_DOWN);
  }

  @Override
  public void interceptTestTemplateMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
    Phases.proceedMarked(invocation, Prepared.observed(extensionContext), null, Where.TEAR_DOWN);
  }

  @Override
  public <T> T interceptTestFactoryMethod(Invocation<T> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
    if (Prepared.observed(extensionContext)) {
      // the factory's body, and the stream it returns (built lazily between its dynamic tests)
      Phases.mark(true, Where.method("TestFactory", invocationContext.getExecutable().getName()));
    }
    return invocation.proceed();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Optional<Guard> guard = guard(context);
    if (guard.isPresent()) {
      Gate.checkTest(context, guard.get(), TestWindow::open);
    }
  }

  @Override
  public void beforeTestExecution(ExtensionContext context) {
    TestWindow.bodyStarted(context);
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    TestWindow.bodyEnded(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TestWindow.close(context);
  }

  @Override
  public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext invocationContext,
      ExtensionContext context) throws Throwable {
    Prepared factory = Prepared.factory(context);
    if (factory == null) {
      invocation.proceed();
      return;
    }
    TestWindow.dynamicTest(invocation, invocationContext, context, factory);
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
    Aborts.inBody(context, throwable);
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    Aborts.inBeforeAll(context, throwable);
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    Aborts.inBeforeEach(context, throwable);
  }
}
