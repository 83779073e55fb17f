package io.github.authenticity.junit;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.internal.config.Detection;
import io.github.authenticity.core.internal.config.Mode;

/** Runs the detectors around a body exactly as the extension does, with a configuration built directly. */
final class DetectorHarness {

  interface Body {
    void run() throws Exception;
  }

  private DetectorHarness() {
  }

  static ServiceDefinition service(String name, String probe, Map<String, Object> settings) {
    return new ServiceDefinition(name, probe, settings, Duration.ofSeconds(2), null, "test");
  }

  static ServiceDefinition http(String name, String url) {
    return service(name, "http", Map.of("url", url));
  }

  static AuthenticityConfig config(Detection detection, Path history, ServiceDefinition... services) {
    Map<String, ServiceDefinition> byName = new LinkedHashMap<>();
    for (ServiceDefinition service : services) {
      byName.put(service.name(), service);
    }
    return new AuthenticityConfig("local", false, byName, detection, Mode.FAIL, Optional.empty(),
        history.getParent(), history, "test");
  }

  static Detection detection(Detection.Interaction interaction) {
    Detection defaults = Detection.defaults();
    return new Detection(defaults.fallbackPatterns(), interaction, defaults.tooFastFactor(), defaults.tooFastMinRuns());
  }

  static GuardedTest test(String name, AuthenticityConfig config, List<Object> instances, Duration minDuration) {
    return new GuardedTest("[engine:junit-jupiter]/[class:Fixture]/[method:" + name + "()]#" + UUID.randomUUID(),
        instances.isEmpty() ? DetectorHarness.class : instances.get(0).getClass(), method(),
        instances, List.copyOf(config.services().values()), minDuration, false, config);
  }

  static GuardedTest test(String name, AuthenticityConfig config, Object... instances) {
    return test(name, config, Arrays.asList(instances), null);
  }

  static TestOutcome run(GuardedTest test, Body body) {
    for (Detector detector : Detectors.all()) {
      detector.beforeTest(test);
    }
    long start = System.nanoTime();
    Throwable failure = null;
    try {
      body.run();
    } catch (Throwable ex) {
      failure = ex;
    }
    TestOutcome outcome = new TestOutcome(Duration.ofNanos(System.nanoTime() - start), failure);
    for (Detector detector : Detectors.all()) {
      detector.afterTest(test, outcome);
    }
    return outcome;
  }

  private static Method method() {
    try {
      return DetectorHarness.class.getDeclaredMethod("placeholder");
    } catch (NoSuchMethodException ex) {
      throw new IllegalStateException(ex);
    }
  }

  @SuppressWarnings("unused")
  private static void placeholder() {
  }
}
