package io.github.authenticity.junit;

import static io.github.authenticity.junit.Contexts.run;
import static io.github.authenticity.junit.Contexts.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.detect.TestScope;
import io.github.authenticity.core.internal.detect.Where;
import io.github.authenticity.core.internal.judge.Judge;
import io.github.authenticity.core.internal.model.Judgement;
import io.github.authenticity.core.internal.judge.VerdictMessages;
import io.github.authenticity.core.internal.model.Evidence;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;

/**
 * The construction and class windows: a test instance's construction window (opened before JUnit says which test
 * it is for, claimed by the test's {@code beforeEach}), and a guarded container's window (a class from its
 * {@code beforeAll} to its {@code afterAll}, a test factory around its dynamic tests) with its static
 * initialisation; what a container's window sees after its last test was judged is a finding on the container.
 */
final class Windows {

  /** The store key prefix of a container's window, with the container's id (a store lookup also searches parents). */
  private static final String WINDOW = "window:";

  /** An open container window and the guarded tests judged in it so far. */
  private record Window(GuardedClass container, List<Detector> detectors, Set<String> judged) {
  }

  private Windows() {
  }

  /**
   * Before a test instance is constructed: with {@code PER_CLASS}, the class's one instance (constructed before
   * {@code beforeAll}) is in the class window; otherwise the instance's construction window opens.
   */
  static void beforeConstruction(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
    if (context.getTestMethod().isEmpty()
        && context.getTestInstanceLifecycle().orElse(Lifecycle.PER_METHOD) == Lifecycle.PER_CLASS) {
      // the class's one instance, constructed before beforeAll: in the class window
      Guards.of(context.getRequiredTestClass(), null).ifPresent(guard -> open(context, guard));
      return;
    }
    // in JUnit 5.10 to 5.14 (measured) the context is the class's, whichever test the instance is for: the
    // window opens on this thread and the test's beforeEach, on the same thread, claims it
    Detectors.openConstruction(context.getUniqueId(), factoryContext.getTestClass());
  }

  /**
   * Constructs a test instance with the current thread's window marked {@link Where#CONSTRUCTOR}; the class
   * initialises first (its first instance) unless {@code @BeforeAll} did, which counts for the whole class.
   */
  static <T> T construct(ExtensionContext context, Class<?> type, Invocation<T> constructor) throws Throwable {
    TestScope own = TestScope.own();
    if (own == null) {
      return constructor.proceed();
    }
    if (!initialised(type)) {
      // the class's first instance (unless @BeforeAll initialised it): the search for its window only then
      initialise(type, windowOf(context, type).orElse(own.id()));
    }
    own.mark(Where.CONSTRUCTOR);
    try {
      return constructor.proceed();
    } finally {
      own.mark(own.kind() == TestScope.Kind.CONTAINER ? Where.CLASS_CALLBACK : Where.SET_UP);
    }
  }

  /** Opens the window of the guarded class of {@code context} (once: with {@code PER_CLASS} before beforeAll). */
  static void open(ExtensionContext context, Guard guard) {
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
    open(context, new GuardedClass(context.getUniqueId(), context.getRequiredTestClass(), services, config));
  }

  /** Opens the window of {@code container} (a guarded class, or a guarded test factory around its dynamic tests). */
  static void open(ExtensionContext context, GuardedClass container) {
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
  static void close(ExtensionContext context) {
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
    String message = VerdictMessages.masked(window.container().services().stream().map(ServiceDefinition::name).toList(),
        evidence);
    Judgement masked = Judge.maskedBeforeBody(List.of(), evidence, message);
    run.containerVerdict(window.container().uniqueId(), masked);
    Failures.throwIfFails(masked, run.config().mode());
  }

  /** Remembers {@code test} as judged in every window it sits in (its class, enclosing classes, factory). */
  static void judgedIn(ExtensionContext context, GuardedTest test) {
    for (Optional<ExtensionContext> at = context.getParent(); at.isPresent(); at = at.get().getParent()) {
      Window window = store(at.get()).get(WINDOW + at.get().getUniqueId(), Window.class);
      if (window != null) {
        window.judged().add(test.uniqueId());
      }
    }
  }

  /** The id of the open window of the class {@code type} in or above {@code context}. */
  static Optional<String> windowOf(ExtensionContext context, Class<?> type) {
    for (Optional<ExtensionContext> at = Optional.of(context); at.isPresent(); at = at.get().getParent()) {
      ExtensionContext candidate = at.get();
      if (candidate.getTestClass().filter(type::equals).isPresent() && candidate.getTestMethod().isEmpty()
          && store(candidate).get(WINDOW + candidate.getUniqueId(), Window.class) != null) {
        return Optional.of(candidate.getUniqueId());
      }
    }
    return Optional.empty();
  }

  /**
   * Initialises {@code type} now, its output attributed to window {@code windowId} as static initialisation;
   * a no-op when it is initialised already. JUnit would initialise it in this same call (a static
   * {@code @BeforeAll} method, or the first constructor), so the moment does not change.
   */
  static void initialise(Class<?> type, String windowId) {
    if (initialised(type)) {
      return; // initialised in an earlier window: nothing of it can happen in this one
    }
    TestScope.runIn(windowId, Where.STATIC_INITIALISATION, () -> {
      try {
        Class.forName(type.getName(), true, type.getClassLoader());
      } catch (ClassNotFoundException ex) {
        throw new IllegalStateException("The test class [" + type.getName() + "] is running but cannot be found"
            + " by its own class loader", ex);
      }
    });
    INITIALISED.get(type)[0] = true;
  }

  /** Whether {@code type} was initialised through {@link #initialise} already. */
  private static boolean initialised(Class<?> type) {
    return INITIALISED.get(type)[0];
  }

  /** Whether a test class was initialised through {@link #initialise} (a lookup instead of a class search per test). */
  private static final ClassValue<boolean[]> INITIALISED = new ClassValue<>() {
    @Override
    protected boolean[] computeValue(Class<?> type) {
      return new boolean[1];
    }
  };
}
