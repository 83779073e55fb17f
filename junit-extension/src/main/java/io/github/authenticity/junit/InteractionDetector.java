package io.github.authenticity.junit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.authenticity.core.internal.config.Detection.Interaction;
import io.github.authenticity.core.config.Endpoint;
import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.detect.InteractionMonitor;
import io.github.authenticity.core.internal.detect.TestScope;
import io.github.authenticity.core.internal.judge.InteractionRule;

/**
 * Watches each required service's exchanges while a guarded test runs and is set up, and reports what it saw (one
 * finding per watched service) for the judge: {@link InteractionMonitor} is the mechanism, {@link InteractionRule}
 * the rule ({@code NO_INTERACTION}, {@code SERVER_ERRORS}, proof, unproven, cannot judge).
 */
final class InteractionDetector implements Detector {

  private final Map<String, InteractionMonitor.Watch> watches = new ConcurrentHashMap<>();
  /** The set-up window of each guarded class now running: from before its {@code @BeforeAll} to its first test. */
  private final Map<Class<?>, InteractionMonitor.Watch> classes = new ConcurrentHashMap<>();

  @Override
  public void beforeClass(GuardedClass guarded) {
    if (guarded.config().detection().interaction() == Interaction.OFF || isFactory(guarded)) {
      return;
    }
    Map<String, List<Endpoint>> watched = watched(guarded.services(), guarded.config());
    if (!watched.isEmpty()) {
      classes.put(guarded.testClass(), InteractionMonitor.start().watch(guarded.uniqueId(), watched));
    }
  }

  @Override
  public void afterClass(GuardedClass guarded, TestOutcome outcome) {
    if (isFactory(guarded)) {
      return;
    }
    InteractionMonitor.Watch watch = classes.remove(guarded.testClass());
    if (watch != null) {
      watch.close();
    }
  }

  /** A {@code @TestFactory}'s window around its dynamic tests: their own watches see its exchanges, not a class's. */
  private static boolean isFactory(GuardedClass guarded) {
    return TestWindow.isTestFactory(guarded.uniqueId());
  }

  /**
   * A class and the classes enclosing it, innermost first: asked twice per guarded test, and
   * {@code Class.getEnclosingClass} is two native calls each time.
   */
  private static final ClassValue<List<Class<?>>> ENCLOSING = new ClassValue<>() {
    @Override
    protected List<Class<?>> computeValue(Class<?> testClass) {
      List<Class<?>> chain = new ArrayList<>();
      for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
        chain.add(type);
      }
      return List.copyOf(chain);
    }
  };

  /** The set-up windows of the test's class and its enclosing classes, each closed once its first test starts. */
  private List<InteractionMonitor.Watch> setUp(GuardedTest test) {
    if (classes.isEmpty()) {
      return List.of();
    }
    List<InteractionMonitor.Watch> result = new ArrayList<>(2);
    for (Class<?> type : ENCLOSING.get(test.testClass())) {
      InteractionMonitor.Watch watch = classes.get(type);
      if (watch != null) {
        watch.close();
        result.add(watch);
      }
    }
    return result;
  }

  @Override
  public void beforeTest(GuardedTest test) {
    if (test.config().detection().interaction() == Interaction.OFF) {
      return;
    }
    Map<String, List<Endpoint>> watched = watched(test);
    if (watched.isEmpty()) {
      return;
    }
    setUp(test);
    TestScope.enter(test.uniqueId());
    watches.put(test.uniqueId(), InteractionMonitor.start().watch(test.uniqueId(), watched));
  }

  @Override
  public void afterTest(GuardedTest test, TestOutcome outcome) {
    Interaction mode = test.config().detection().interaction();
    if (mode == Interaction.OFF) {
      outcome.interaction(new InteractionRule.Seen(mode, List.of(), Map.of(), names(test.services()), false));
      return;
    }
    InteractionMonitor.Watch watch = watches.remove(test.uniqueId());
    if (watch == null) {
      // never started: no endpoint (then nothing was watched for any service: the rule says so), or afterTest
      // without beforeTest for a container-level judgement (nothing to say)
      if (!test.services().isEmpty() && watched(test).isEmpty()) {
        outcome.interaction(new InteractionRule.Seen(mode, List.of(), Map.of(), names(test.services()), false));
      }
      return;
    }
    TestScope scope = TestScope.find(test.uniqueId());
    try {
      List<InteractionMonitor.Finding> findings = withSetUp(watch.finish(), setUp(test));
      outcome.interaction(new InteractionRule.Seen(mode, findings, via(test), names(test.services()),
          expectsErrors(test)));
    } finally {
      if (scope != null) {
        scope.leave();
      }
    }
  }

  /** Whether {@code @RequiresRealService(expectErrors = true)} applies to the test (its method or its class). */
  private static boolean expectsErrors(GuardedTest test) {
    return Guards.of(test.testClass(), test.testMethod()).map(Guard::expectErrors).orElse(false);
  }

  /**
   * A test is proven by its own exchanges only: a service it never exchanged with is not proven by an exchange in its
   * class's set-up ({@code @BeforeAll}), which would prove a stand-in beside honest tests on a client connected there,
   * and every test of a class whose service went down after its {@code @BeforeAll} connected. Its
   * {@code NO_INTERACTION} says that the set-up reached the service, so that a test that only checks what
   * {@code @BeforeAll} fetched is told why it is not proven.
   */
  private static List<InteractionMonitor.Finding> withSetUp(List<InteractionMonitor.Finding> findings,
      List<InteractionMonitor.Watch> setUps) {
    if (setUps.isEmpty()) {
      return findings;
    }
    List<InteractionMonitor.Finding> result = new ArrayList<>();
    for (InteractionMonitor.Finding finding : findings) {
      String setUpProof = finding.status() == InteractionMonitor.Status.NONE ? setUpProof(finding.service(), setUps)
          : null;
      result.add(setUpProof == null ? finding : new InteractionMonitor.Finding(finding.service(),
          InteractionMonitor.Status.NONE, InteractionRule.reachedOnlyInSetUp(finding.line(), setUpProof)));
    }
    return result;
  }

  /** The proof line of {@code service} in the set-up windows (the outermost class's when several), or {@code null}. */
  private static String setUpProof(String service, List<InteractionMonitor.Watch> setUps) {
    String proof = null;
    for (InteractionMonitor.Watch setUp : setUps) {
      for (InteractionMonitor.Finding before : setUp.finish()) {
        if (before.service().equals(service) && before.status() == InteractionMonitor.Status.PROVEN) {
          proof = before.line();
        }
      }
    }
    return proof;
  }

  /** Per service whose traffic is watched (carriers of {@code via} services included), its endpoints. */
  private static Map<String, List<Endpoint>> watched(GuardedTest test) {
    return watched(test.services(), test.config());
  }

  /**
   * The endpoints watched per set of required services, for the configuration seen last (one per run):
   * parsing a service's url for every test was about a fifth of this detector's samples in a profile.
   */
  private static volatile Watched cache = new Watched(null, new ConcurrentHashMap<>(), Map.of());

  private record Watched(io.github.authenticity.core.internal.config.AuthenticityConfig config,
      Map<List<String>, Map<String, List<Endpoint>>> byServices, Map<String, String> via) {
  }

  /** What is cached for {@code config}: made afresh when the configuration is another. */
  private static Watched cached(io.github.authenticity.core.internal.config.AuthenticityConfig config) {
    Watched known = cache;
    if (known.config() != config) {
      known = new Watched(config, new ConcurrentHashMap<>(), config == null ? Map.of() : via(config));
      cache = known;
    }
    return known;
  }

  private static Map<String, List<Endpoint>> watched(List<ServiceDefinition> services,
      io.github.authenticity.core.internal.config.AuthenticityConfig config) {
    Watched known = cached(config);
    List<String> names = new ArrayList<>(services.size());
    for (ServiceDefinition service : services) {
      // a service of the same name is the same definition within one configuration, unless a test built its own
      if (config.services().get(service.name()) != service) {
        return endpoints(services, config);
      }
      names.add(service.name());
    }
    return known.byServices().computeIfAbsent(names, key -> endpoints(services, config));
  }

  private static Map<String, List<Endpoint>> endpoints(List<ServiceDefinition> services,
      io.github.authenticity.core.internal.config.AuthenticityConfig config) {
    Map<String, String> via = cached(config).via();
    Map<String, List<Endpoint>> result = new LinkedHashMap<>();
    for (ServiceDefinition service : services) {
      String carrier = InteractionRule.carrier(service.name(), via);
      ServiceDefinition definition = carrier.equals(service.name()) ? service : config.services().get(carrier);
      if (definition != null && !definition.endpoints().isEmpty()) {
        result.putIfAbsent(carrier, List.copyOf(definition.endpoints()));
      }
    }
    return java.util.Collections.unmodifiableMap(result);
  }

  /** Every {@code via} of the test's configuration: service to carrier (made once per configuration). */
  private static Map<String, String> via(GuardedTest test) {
    return cached(test.config()).via();
  }

  private static Map<String, String> via(io.github.authenticity.core.internal.config.AuthenticityConfig config) {
    Map<String, String> result = new LinkedHashMap<>();
    for (ServiceDefinition service : config.services().values()) {
      service.via().ifPresent(carrier -> result.put(service.name(), carrier));
    }
    return java.util.Collections.unmodifiableMap(result);
  }

  private static List<String> names(List<ServiceDefinition> services) {
    List<String> result = new ArrayList<>();
    for (ServiceDefinition service : services) {
      result.add(service.name());
    }
    return result;
  }

}
