package io.github.authenticity.junit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.authenticity.core.config.Detection.Interaction;
import io.github.authenticity.core.config.Endpoint;
import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.detect.InteractionMonitor;
import io.github.authenticity.core.detect.InteractionVerdict;
import io.github.authenticity.core.detect.TestScope;
import io.github.authenticity.core.report.EvidenceKind;

/**
 * {@code NO_INTERACTION}: a required service of the test was never exchanged with; see
 * {@link InteractionMonitor} for the mechanism and {@link InteractionVerdict} for the rule.
 */
final class InteractionDetector implements Detector {

  private final Map<String, InteractionMonitor.Watch> watches = new ConcurrentHashMap<>();

  @Override
  public void beforeTest(GuardedTest test) {
    if (test.config().detection().interaction() == Interaction.OFF) {
      return;
    }
    Map<String, List<Endpoint>> watched = watched(test);
    if (watched.isEmpty()) {
      return;
    }
    TestScope.enter(test.uniqueId());
    watches.put(test.uniqueId(), InteractionMonitor.start().watch(test.uniqueId(), watched));
  }

  @Override
  public void afterTest(GuardedTest test, TestOutcome outcome) {
    Interaction mode = test.config().detection().interaction();
    if (mode == Interaction.OFF) {
      if (!test.services().isEmpty()) {
        outcome.unproven(InteractionVerdict.off().unproven());
      }
      return;
    }
    InteractionMonitor.Watch watch = watches.remove(test.uniqueId());
    if (watch == null) {
      // never started (no endpoint, or afterTest without beforeTest for a container-level judgement)
      if (!test.services().isEmpty() && watched(test).isEmpty()) {
        String line = "interaction not checked: no endpoint (url, or host and port) is configured for " + names(test);
        outcome.addWarning(line);
        outcome.unproven(line);
      }
      return;
    }
    TestScope scope = TestScope.find(test.uniqueId());
    try {
      boolean failed = outcome.failure().isPresent();
      List<InteractionMonitor.Finding> findings = watch.finish(!failed);
      InteractionVerdict verdict = InteractionVerdict.of(findings, via(test), names(test.services()), mode, failed);
      verdict.proofs().forEach(outcome::addProof);
      verdict.warnings().forEach(outcome::addWarning);
      if (verdict.noInteraction() != null) {
        outcome.addEvidence(EvidenceKind.NO_INTERACTION, verdict.noInteraction());
      }
      if (verdict.unproven() != null) {
        outcome.unproven(verdict.unproven());
      }
      if (verdict.cannotJudge() != null) {
        outcome.cannotJudge(verdict.cannotJudge());
      }
    } finally {
      if (scope != null) {
        scope.leave();
      }
    }
  }

  /** Per service whose traffic is watched (carriers of {@code via} services included), its endpoints. */
  private static Map<String, List<Endpoint>> watched(GuardedTest test) {
    Map<String, String> via = via(test);
    Map<String, List<Endpoint>> result = new LinkedHashMap<>();
    for (ServiceDefinition service : test.services()) {
      String carrier = InteractionVerdict.carrier(service.name(), via);
      ServiceDefinition definition = carrier.equals(service.name()) ? service : test.config().services().get(carrier);
      if (definition != null && !definition.endpoints().isEmpty()) {
        result.putIfAbsent(carrier, definition.endpoints());
      }
    }
    return result;
  }

  /** Every {@code via} of the configuration: service to carrier. */
  private static Map<String, String> via(GuardedTest test) {
    Map<String, String> result = new LinkedHashMap<>();
    for (ServiceDefinition service : test.config().services().values()) {
      service.via().ifPresent(carrier -> result.put(service.name(), carrier));
    }
    return result;
  }

  private static List<String> names(List<ServiceDefinition> services) {
    List<String> result = new ArrayList<>();
    for (ServiceDefinition service : services) {
      result.add(service.name());
    }
    return result;
  }

  private static String names(GuardedTest test) {
    return String.join(", ", names(test.services()));
  }
}
