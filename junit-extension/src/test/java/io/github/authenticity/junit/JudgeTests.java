package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.internal.config.ConfigParameters;
import io.github.authenticity.core.internal.config.Detection;
import io.github.authenticity.core.internal.config.Mode;
import io.github.authenticity.core.internal.events.EventWriter;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgeTests {

  private final ServiceDefinition backend = new ServiceDefinition("backend", "http",
      Map.of("url", "http://127.0.0.1:1/health"), Duration.ofSeconds(1), null, "test");

  private GuardedTest test(Mode mode) {
    AuthenticityConfig config = new AuthenticityConfig("local", false, Map.of("backend", backend),
        Detection.defaults(), mode, Optional.empty(), dir, dir.resolve("history.json"), "test");
    return new GuardedTest("[test:1]", JudgeTests.class, null, List.of(), List.of(backend), null,
        false, config);
  }

  @TempDir
  Path dir;

  private Run run;
  private EventWriter log;

  @BeforeEach
  void openLog() {
    run = Run.standalone(ConfigParameters.of(Map.of()), getClass().getClassLoader());
    log = EventWriter.create(dir);
    run.attach(log);
  }

  @AfterEach
  void closeLog() {
    log.close();
  }

  private Map<String, Object> verdict() {
    List<Map<String, Object>> events = EventLines.read(log.file());
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  /** A real detector of this test: it reports what it is told to. */
  private static Detector finding(EvidenceKind kind, String detail) {
    return (test, outcome) -> outcome.addEvidence(kind, detail);
  }

  @Test
  void evidenceFromADetectorFailsAPassingTestInFailModeListingEachFindingAndHowToFixOrAllowIt() {
    assertThatThrownBy(() -> Judging.judge(run, test(Mode.FAIL), List.of(), List.of(),
        List.of(finding(EvidenceKind.FALLBACK_LOG, "WARN c.e.Client: \"Using MockWebSocketManager\""),
            finding(EvidenceKind.MOCK_OBJECT, "field [client] holds a Mockito mock")), 1_000_000, null))
        .isInstanceOf(MaskedTestException.class)
        .hasMessage("MASKED: this guarded test requires the real service [backend], but 2 findings show that it did"
            + " not really use it:\n"
            + "  FALLBACK_LOG: WARN c.e.Client: \"Using MockWebSocketManager\"\n"
            + "  MOCK_OBJECT: field [client] holds a Mockito mock\n"
            + "The client fell back to a stand-in (the finding says why): make 'backend' reachable for it; a"
            + " stand-in must not make a guarded test pass.\n"
            + "Give the test the real client; a deliberate mock field can be marked @AllowMock(reason = \"...\").\n"
            + "To report masked tests without failing them, run with -Dauthenticity.mode=report.");
  }

  @Test
  void evidenceDoesNotFailATestInReportModeButMasksIt() {
    Judging.judge(run, test(Mode.REPORT), List.of(), List.of(),
        List.of(finding(EvidenceKind.TOO_FAST, "ran 3 ms")), 3_000_000, null);

    assertThat(verdict()).containsEntry("type", "verdict").containsEntry("uniqueId", "[test:1]")
        .containsEntry("verdict", "MASKED").containsEntry("durationMillis", 3L)
        .containsEntry("evidence", List.of(Map.of("kind", "TOO_FAST", "detail", "ran 3 ms")));
  }

  @Test
  void aFailingBodyIsFailedAndIsNotFailedAgain() {
    Judging.judge(run, test(Mode.FAIL), List.of(), List.of(),
        List.of(finding(EvidenceKind.TOO_FAST, "ran 3 ms")), 1_000_000, new AssertionError("boom"));

    assertThat(verdict()).containsEntry("verdict", "FAILED").containsEntry("message", "boom");
  }

  @Test
  void withoutEvidenceATestIsAuthenticWithItsProof() {
    Judging.judge(run, test(Mode.FAIL), List.of(), List.of(), List.of((t, outcome) -> outcome.addProof("1 exchange")),
        1_000_000, null);

    assertThat(verdict()).containsEntry("verdict", "AUTHENTIC").containsEntry("proof", "1 exchange")
        .containsEntry("evidence", List.of());
  }

  @Test
  void everyDetectorIsStoppedEvenWhenOneFails() {
    boolean[] stopped = new boolean[1];
    Detector broken = (t, o) -> {
      throw new IllegalStateException("broken detector");
    };

    assertThatThrownBy(() -> Judging.judge(run, test(Mode.FAIL), List.of(), List.of(),
        List.of(broken, (t, o) -> stopped[0] = true), 1_000_000, null)).hasMessage("broken detector");
    assertThat(stopped[0]).isTrue();
  }

  @Test
  void earlyEvidenceIsJudgedWithTheRest() {
    assertThatThrownBy(() -> Judging.judge(run, test(Mode.FAIL),
        List.of(new Evidence(EvidenceKind.LOOPBACK_IN_STAGING, "on loopback")), List.of(), List.of(), 1, null))
        .isInstanceOf(MaskedTestException.class).hasMessageContaining("  LOOPBACK_IN_STAGING: on loopback\n");
  }

  @Test
  void aTestThatCannotBeJudgedFailsWithWhy() {
    assertThatThrownBy(() -> Judging.judge(run, test(Mode.FAIL), List.of(), List.of(),
        List.of((t, outcome) -> outcome.cannotJudge("Cannot judge this guarded test: no sockets")), 1_000_000, null))
        .isInstanceOf(org.opentest4j.AssertionFailedError.class).hasMessage("Cannot judge this guarded test: no sockets");

    assertThat(verdict()).containsEntry("verdict", "FAILED")
        .containsEntry("message", "Cannot judge this guarded test: no sockets");
  }

  @Test
  void anAuthenticTestWithoutProofCarriesWhyItIsUnproven() {
    Judging.judge(run, test(Mode.FAIL), List.of(), List.of(), List.of((t, outcome) -> outcome.unproven(
        "redis: a connection shared by 2 tests running at once")), 1_000_000, null);

    assertThat(verdict()).containsEntry("verdict", "AUTHENTIC").containsEntry("proof", null)
        .containsEntry("unproven", "redis: a connection shared by 2 tests running at once");
  }
}
