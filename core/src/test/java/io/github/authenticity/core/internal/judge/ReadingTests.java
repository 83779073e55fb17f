package io.github.authenticity.core.internal.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.internal.config.Detection;
import io.github.authenticity.core.internal.config.Detection.Interaction;
import io.github.authenticity.core.internal.config.Mode;
import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.detect.InteractionMonitor.Finding;
import io.github.authenticity.core.internal.detect.MockInspector;
import io.github.authenticity.core.internal.detect.InteractionMonitor.Status;
import io.github.authenticity.core.internal.model.AllowedMock;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import io.github.authenticity.core.internal.model.Verdict;
import org.junit.jupiter.api.Test;
import io.github.authenticity.core.internal.model.Judgement;

/** The judge's reading of what the detectors saw ({@link Judge#read}), its mode switch, and the rules of aborts, mocks, container skips and loopback. */
class ReadingTests {

  private static final Evidence FALLBACK = new Evidence(EvidenceKind.FALLBACK_LOG, "WARN c.e.Auth: \"using mock\"");
  private static final Finding BACKEND = new Finding("backend", Status.PROVEN, "2 exchanges with 127.0.0.1:8080");
  private static final Finding REDIS_NONE = new Finding("redis", Status.NONE, "127.0.0.1:6379");

  private static InteractionRule.Seen seen(Interaction mode, List<Finding> findings, String... required) {
    return new InteractionRule.Seen(mode, findings, Map.of(), List.of(required), false);
  }

  @Test
  void whatWasSeenComesFirstThenTheInteractionRulesThenTooFast() {
    Reading reading = Judge.read(List.of(FALLBACK), List.of(), List.of("a bridge problem"), null, null,
        seen(Interaction.REQUIRED, List.of(BACKEND, REDIS_NONE), "backend", "redis"),
        new TooFastRule.Seen(Duration.ofSeconds(2), List.of(), 10, 3), Duration.ofMillis(12), false);

    assertThat(reading.evidence()).extracting(Evidence::kind).containsExactly(EvidenceKind.FALLBACK_LOG,
        EvidenceKind.NO_INTERACTION, EvidenceKind.TOO_FAST);
    assertThat(reading.evidence().get(2).detail()).isEqualTo("ran in 12 ms, under minDuration 2 s");
    assertThat(reading.proof()).containsExactly("backend: 2 exchanges with 127.0.0.1:8080");
    assertThat(reading.warnings()).containsExactly("a bridge problem");
    assertThat(reading.unproven()).isNull();
  }

  @Test
  void aFailedTestIsNeitherTooFastNorHeldToItsInteraction() {
    Reading reading = Judge.read(List.of(), List.of(), List.of(), null, null,
        seen(Interaction.REQUIRED, List.of(REDIS_NONE), "redis"),
        new TooFastRule.Seen(Duration.ofSeconds(2), List.of(), 10, 3), Duration.ofMillis(12), true);

    assertThat(reading.evidence()).isEmpty();
  }

  @Test
  void underInteractionOffATestWithServicesIsUnprovenAndOneWithoutSaysNothing() {
    assertThat(Judge.read(List.of(), List.of(), List.of(), null, null, seen(Interaction.OFF, List.of(), "redis"),
        null, Duration.ZERO, false).unproven())
        .isEqualTo("detection.interaction is off: no socket evidence was gathered");
    assertThat(Judge.read(List.of(), List.of(), List.of(), null, null, seen(Interaction.OFF, List.of()), null,
        Duration.ZERO, false).unproven()).isNull();
  }

  @Test
  void aServiceWithoutAnEndpointIsNotCheckedAndSaysSo() {
    Reading reading = Judge.read(List.of(), List.of(), List.of(), "reported", null,
        seen(Interaction.REQUIRED, List.of(), "backend", "redis"), null, Duration.ZERO, false);

    String line = "interaction not checked: no endpoint (url, or host and port) is configured for backend, redis";
    assertThat(reading.warnings()).containsExactly(line);
    assertThat(reading.unproven()).isEqualTo("reported; " + line);
  }

  @Test
  void onlyAMaskedJudgementFailsInJUnitAndOnlyInFailMode() {
    Judgement masked = Judge.maskedBeforeBody(List.of("backend"), List.of(FALLBACK), null);
    Judgement failed = Judge.failedBeforeBody("bad configuration");

    assertThat(Judge.failsInJUnit(masked, Mode.FAIL)).isTrue();
    assertThat(Judge.failsInJUnit(masked, Mode.REPORT)).isFalse();
    assertThat(Judge.failsInJUnit(failed, Mode.FAIL)).as("a failure fails on its own").isFalse();
  }

  @Test
  void anAbortIsMaskedAndSaysWhere() {
    Judgement aborted = Judge.aborted(List.of("backend"), "in @BeforeEach", "backend not reachable");

    assertThat(aborted.verdict()).isEqualTo(Verdict.MASKED);
    assertThat(aborted.evidence()).extracting(Evidence::kind).containsExactly(EvidenceKind.ABORTED);
    assertThat(aborted.message()).isEqualTo(VerdictMessages.masked(List.of("backend"), aborted.evidence()));
  }

  @Test
  void aMockIsEvidenceUnlessAllowedWithAReason() throws NoSuchFieldException {
    MockInspector.Hit hit = new MockInspector.Hit(Fixture.class.getDeclaredField("payments"), "payments",
        "a Mockito mock of [PaymentClient]", "PaymentClient");

    assertThat(MockRule.evidence(hit, null)).isEqualTo(new Evidence(EvidenceKind.MOCK_OBJECT, hit.detail()));
    assertThat(MockRule.evidence(hit, " ").detail()).isEqualTo("field [payments] holds a Mockito mock of "
        + "[PaymentClient] and is marked @AllowMock with a blank reason; say why the mock is deliberate: "
        + "@AllowMock(reason = \"...\")");
    assertThat(MockRule.evidence(hit, "the sandbox has no payments")).isNull();
    assertThat(MockRule.allowed(hit, " the sandbox has no payments ")).isEqualTo(new AllowedMock("payments",
        "PaymentClient", "the sandbox has no payments"));
  }

  @Test
  void aContainerSkipIsMaskedWithItsEvidence() {
    Judgement skipped = Judge.containerSkip("Testcontainers skips the class", "the class fails");

    assertThat(skipped).extracting(Judgement::verdict, Judgement::message).containsExactly(Verdict.MASKED,
        "the class fails");
    assertThat(skipped.evidence()).containsExactly(new Evidence(EvidenceKind.CONTAINER_SKIP,
        "Testcontainers skips the class"));
  }

  static final class Fixture {
    Object payments;
  }

  @Test
  void aServiceOnLoopbackIsLoopbackInStagingOnlyInStaging() {
    ServiceDefinition backend = new ServiceDefinition("backend", "http",
        Map.of("url", "http://127.0.0.1:8080/health"), Duration.ofSeconds(2), null, "test");
    Path history = Path.of("target", "history.json");

    AuthenticityConfig staging = new AuthenticityConfig("staging", true, Map.of("backend", backend),
        Detection.defaults(), Mode.FAIL, Optional.empty(), history.getParent(), history, "test");
    AuthenticityConfig local = new AuthenticityConfig("local", false, Map.of("backend", backend),
        Detection.defaults(), Mode.FAIL, Optional.empty(), history.getParent(), history, "test");

    assertThat(LoopbackRule.evidence(staging, List.of(backend))).containsExactly(new Evidence(
        EvidenceKind.LOOPBACK_IN_STAGING, VerdictMessages.loopback("backend", "127.0.0.1", "127.0.0.1", "staging")));
    assertThat(LoopbackRule.evidence(local, List.of(backend))).isEmpty();
  }
}
