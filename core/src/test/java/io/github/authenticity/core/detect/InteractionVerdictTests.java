package io.github.authenticity.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.github.authenticity.core.config.Detection.Interaction;
import io.github.authenticity.core.detect.InteractionMonitor.Finding;
import io.github.authenticity.core.detect.InteractionMonitor.Status;
import org.junit.jupiter.api.Test;

/** The rule that turns per-service findings into proof, unproven, NO_INTERACTION or "cannot judge". */
class InteractionVerdictTests {

  private static final Finding BACKEND = new Finding("backend", Status.PROVEN,
      "2 exchanges, 91 B in, 92 B out with 127.0.0.1:8080");
  private static final Finding REDIS_NONE = new Finding("redis", Status.NONE, "127.0.0.1:6379");

  @Test
  void eachServiceIsProvenOnItsOwn() {
    InteractionVerdict verdict = InteractionVerdict.of(List.of(BACKEND, REDIS_NONE), Map.of(),
        List.of("backend", "redis"), Interaction.REQUIRED, false);

    assertThat(verdict.proofs()).containsExactly(Map.entry("backend", BACKEND.line()));
    assertThat(verdict.noInteraction()).isEqualTo("no bytes exchanged with redis (127.0.0.1:6379) while the test ran:"
        + " exchanged with backend, never with redis. If the test does not use redis itself, require it only on the"
        + " tests that do, or declare it `via: backend` in authenticity.yaml when backend reaches it");
    assertThat(verdict.cannotJudge()).isNull();
  }

  @Test
  void aViaServiceIsProvenByItsCarrier() {
    InteractionVerdict verdict = InteractionVerdict.of(List.of(BACKEND), Map.of("postgres", "backend"),
        List.of("backend", "postgres"), Interaction.REQUIRED, false);

    assertThat(verdict.proofs()).containsExactly(Map.entry("backend", BACKEND.line()),
        Map.entry("postgres", "via backend: " + BACKEND.line()));
    assertThat(verdict.noInteraction()).isNull();
    assertThat(verdict.unproven()).isNull();
  }

  @Test
  void sharedTrafficIsNeitherProofNorEvidence() {
    InteractionVerdict verdict = InteractionVerdict.of(List.of(new Finding("redis", Status.SHARED,
        "traffic with 127.0.0.1:6379 while the test ran cannot be attributed to it: a connection shared by 2 tests "
            + "running at once")), Map.of(), List.of("redis"), Interaction.REQUIRED, false);

    assertThat(verdict.proofs()).isEmpty();
    assertThat(verdict.noInteraction()).isNull();
    assertThat(verdict.unproven()).isEqualTo("redis: traffic with 127.0.0.1:6379 while the test ran cannot be "
        + "attributed to it: a connection shared by 2 tests running at once");
  }

  @Test
  void whatCannotBeObservedFailsUnderRequiredAndIsUnprovenUnderWarn() {
    List<Finding> findings = List.of(new Finding("redis", Status.UNCONFIRMED, "hook sun.nio.ch.SocketDispatcher.read could "
        + "not be applied on Acme 99"));

    assertThat(InteractionVerdict.of(findings, Map.of(), List.of("redis"), Interaction.REQUIRED, false).cannotJudge())
        .startsWith("Cannot judge this guarded test: its interaction with its required services cannot be observed "
            + "in this JVM (redis: hook sun.nio.ch.SocketDispatcher.read");
    InteractionVerdict warn = InteractionVerdict.of(findings, Map.of(), List.of("redis"), Interaction.WARN, false);
    assertThat(warn.cannotJudge()).isNull();
    assertThat(warn.unproven()).isEqualTo("interaction not confirmed: redis: hook "
        + "sun.nio.ch.SocketDispatcher.read could not be applied on Acme 99");
    assertThat(InteractionVerdict.of(findings, Map.of(), List.of("redis"), Interaction.REQUIRED, true).cannotJudge())
        .as("a test that failed on its own").isNull();
  }

  @Test
  void twoServicesOnOneEndpointSayOneExchangeProvedBoth() {
    Finding api = new Finding("api", Status.PROVEN, "1 exchange, 91 B in, 92 B out with 127.0.0.1:8080");
    Finding events = new Finding("events", Status.PROVEN, api.line());

    InteractionVerdict verdict = InteractionVerdict.of(List.of(api, events), Map.of(), List.of("api", "events"),
        Interaction.REQUIRED, false);

    assertThat(verdict.proofs().values()).containsExactly(
        api.line() + " (one exchange proved api and events: they share the endpoint)",
        api.line() + " (one exchange proved api and events: they share the endpoint)");
  }
}
