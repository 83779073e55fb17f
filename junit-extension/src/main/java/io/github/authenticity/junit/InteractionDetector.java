package io.github.authenticity.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.authenticity.core.config.Detection.Interaction;
import io.github.authenticity.core.config.Endpoint;
import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.detect.InteractionMonitor;
import io.github.authenticity.core.detect.TestScope;
import io.github.authenticity.core.report.EvidenceKind;

/**
 * {@code NO_INTERACTION}: the test exchanged no bytes with any endpoint of its required services; see
 * {@link InteractionMonitor} for the mechanism, its measurements and its attribution rules.
 */
final class InteractionDetector implements Detector {

  private final Map<String, InteractionMonitor.Watch> watches = new ConcurrentHashMap<>();

  @Override
  public void beforeTest(GuardedTest test) {
    if (test.config().detection().interaction() == Interaction.OFF) {
      return;
    }
    List<Endpoint> endpoints = endpoints(test);
    if (endpoints.isEmpty()) {
      return;
    }
    TestScope.enter(test.uniqueId());
    watches.put(test.uniqueId(), InteractionMonitor.start().watch(test.uniqueId(), endpoints));
  }

  @Override
  public void afterTest(GuardedTest test, TestOutcome outcome) {
    Interaction mode = test.config().detection().interaction();
    if (mode == Interaction.OFF) {
      return;
    }
    InteractionMonitor.Watch watch = watches.remove(test.uniqueId());
    if (watch == null) {
      // never started (no endpoint, or afterTest without beforeTest for a container-level judgement)
      if (!test.services().isEmpty() && endpoints(test).isEmpty()) {
        outcome.addWarning("interaction not checked: no endpoint (url, or host and port) is configured for "
            + names(test));
      }
      return;
    }
    TestScope scope = TestScope.find(test.uniqueId());
    try {
      InteractionMonitor.Result result = watch.finish(outcome.failure().isEmpty());
      if (result.proof() != null) {
        outcome.addProof(result.proof());
        return;
      }
      if (outcome.failure().isPresent()) {
        return;
      }
      String unavailable = InteractionMonitor.start().unavailableReason();
      if (unavailable != null) {
        outcome.addWarning("interaction with " + describe(test) + " not checked: " + unavailable);
        return;
      }
      if (result.unconfirmed()) {
        // the slow evidence did not have its chance: never a verdict on a guess
        outcome.addWarning("interaction with " + describe(test) + " not confirmed: JFR did not deliver the test end "
            + "within " + InteractionMonitor.MAX_WAIT.toMillis() + " ms (an overloaded JVM?)");
        return;
      }
      String detail = "no bytes exchanged with " + describe(test) + " while the test ran";
      if (mode == Interaction.WARN) {
        outcome.addWarning(detail);
      } else {
        outcome.addEvidence(EvidenceKind.NO_INTERACTION, detail);
      }
    } finally {
      if (scope != null) {
        scope.leave();
      }
    }
  }

  private static List<Endpoint> endpoints(GuardedTest test) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (ServiceDefinition service : test.services()) {
      for (Endpoint endpoint : service.endpoints()) {
        if (!endpoints.contains(endpoint)) {
          endpoints.add(endpoint);
        }
      }
    }
    return endpoints;
  }

  /** {@code backend (127.0.0.1:18080), websocket (localhost:8080)}. */
  private static String describe(GuardedTest test) {
    List<String> parts = new ArrayList<>();
    for (ServiceDefinition service : test.services()) {
      List<String> endpoints = service.endpoints().stream().map(Endpoint::toString).toList();
      parts.add(service.name() + (endpoints.isEmpty() ? "" : " (" + String.join(", ", endpoints) + ")"));
    }
    return String.join(", ", parts);
  }

  private static String names(GuardedTest test) {
    return String.join(", ", test.services().stream().map(ServiceDefinition::name).toList());
  }
}
