package io.github.authenticity.core.internal.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.github.authenticity.core.internal.events.Event.Outcome;
import io.github.authenticity.core.internal.events.Event.TestFinished;
import io.github.authenticity.core.internal.events.Event.TestPlanned;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import io.github.authenticity.core.internal.model.NotRunReason;
import io.github.authenticity.core.internal.report.TestEntries;
import io.github.authenticity.core.internal.model.TestEntry;
import io.github.authenticity.core.internal.model.Verdict;
import org.junit.jupiter.api.Test;
import io.github.authenticity.core.internal.model.Judgement;

/** The rules of {@link Judge}, one by one, without JUnit or Maven. */
class JudgeTests {

  private static final String UID = "[engine:junit-jupiter]/[class:a.OrderE2E]/[method:places()]";
  private static final TestPlanned GUARDED = new TestPlanned("r", 1, UID, null, "a.OrderE2E", "places",
      "OrderE2E > places()", List.of(), true, List.of("backend"), false, null, null);
  private static final Evidence FALLBACK = new Evidence(EvidenceKind.FALLBACK_LOG,
      "in @BeforeEach logIn(): WARN c.e.Auth: \"Auth timed out after 5000 ms, falling back to stub token\"");

  private static Findings findings(List<Evidence> evidence, String failure, String cannotJudge, List<String> proof,
      String unproven) {
    return new Findings(List.of("backend"), evidence, false, failure, cannotJudge, null, proof, unproven, List.of(),
        List.of(), 12);
  }

  @Test
  void aTestThatRanIsAuthenticWithItsProofOrSaysWhyThereIsNone() {
    Judgement proven = Judge.ran(findings(List.of(), null, null, List.of("backend: 2 exchanges"), null));
    assertThat(proven.verdict()).isEqualTo(Verdict.AUTHENTIC);
    assertThat(proven.proof()).isEqualTo("backend: 2 exchanges");
    assertThat(proven.unproven()).isNull();

    Judgement unproven = Judge.ran(findings(List.of(), null, null, List.of(), "detection.interaction is off"));
    assertThat(unproven.proof()).isNull();
    assertThat(unproven.unproven()).isEqualTo("detection.interaction is off");
    assertThat(Judge.ran(findings(List.of(), null, null, List.of(), null)).unproven())
        .isEqualTo("no exchange was observed");
  }

  @Test
  void evidenceMasksItsOwnFailureFailsAndAnUnobservableJvmFailsWithWhy() {
    Judgement masked = Judge.ran(findings(List.of(FALLBACK), null, null, List.of("backend: 1 exchange"), null));
    assertThat(masked.verdict()).isEqualTo(Verdict.MASKED);
    assertThat(masked.proof()).as("a masked test is never proven").isNull();
    assertThat(masked.message()).startsWith("MASKED: this guarded test requires the real service [backend], but 1"
        + " finding shows that it did not really use it:\n  FALLBACK_LOG: in @BeforeEach logIn(): WARN c.e.Auth:");

    assertThat(Judge.ran(findings(List.of(FALLBACK), "expected: <1> but was: <2>", null, List.of(), null)))
        .extracting(Judgement::verdict, Judgement::message)
        .containsExactly(Verdict.FAILED, "expected: <1> but was: <2>");
    assertThat(Judge.ran(findings(List.of(), null, "the JVM cannot observe its sockets", List.of(), null)))
        .extracting(Judgement::verdict, Judgement::message)
        .containsExactly(Verdict.FAILED, "the JVM cannot observe its sockets");
  }

  @Test
  void aMaskingContainerVerdictMasksATestThatWasAuthenticOnItsOwn() {
    Judgement own = Judge.ran(findings(List.of(), null, null, List.of("backend: 2 exchanges"), null));
    Judgement container = Judge.maskedBeforeBody(List.of("backend"), List.of(FALLBACK), null);
    TestEntry entry = TestEntries.entry(GUARDED, true, new TestFinished("r", 2, UID, Outcome.SUCCESSFUL, 12, null, null,
        false), own, container, false);

    assertThat(entry.verdict()).isEqualTo(Verdict.MASKED);
    assertThat(entry.evidence()).containsExactly(FALLBACK);
    assertThat(entry.proof()).isNull();
  }

  @Test
  void aContainerVerdictStandsForTheTestsItStoppedNotForATestDisabledOnItsOwn() {
    Judgement afterAll = Judge.maskedBeforeBody(List.of("backend"), List.of(FALLBACK), null);
    TestFinished disabled = new TestFinished("r", 2, UID, Outcome.SKIPPED, 0, "JIRA-12", null, true);
    TestFinished stopped = new TestFinished("r", 2, UID, Outcome.FAILED, 0, "Real service 'backend' is DOWN",
        "[engine:junit-jupiter]/[class:a.OrderE2E]", false);
    Judgement down = Judge.serviceDown("Real service 'backend' is DOWN");

    assertThat(TestEntries.entry(GUARDED, false, disabled, null, afterAll, false).reason()).isEqualTo(NotRunReason.DISABLED);
    assertThat(TestEntries.entry(GUARDED, false, stopped, null, down, false).verdict()).isEqualTo(Verdict.SERVICE_DOWN);
    assertThat(TestEntries.entry(GUARDED, false, null, null, down, false).verdict()).isEqualTo(Verdict.SERVICE_DOWN);
  }

  @Test
  void withoutTheExtensionsVerdictJunitsOutcomeDecides() {
    TestFinished condition = new TestFinished("r", 2, UID, Outcome.SKIPPED, 0,
        "Environment variable [AUTH_CLIENT_SECRET] does not exist", null, false);
    TestFinished disabled = new TestFinished("r", 2, UID, Outcome.SKIPPED, 0, "JIRA-12", null, true);
    TestFinished docker = new TestFinished("r", 2, UID, Outcome.SKIPPED, 0,
        "disabledWithoutDocker is true and Docker is not available", null, false);
    TestFinished passed = new TestFinished("r", 2, UID, Outcome.SUCCESSFUL, 5, null, null, false);

    assertThat(TestEntries.entry(GUARDED, false, condition, null, null, false)).extracting(TestEntry::verdict,
        TestEntry::reason, TestEntry::message).containsExactly(Verdict.NOT_RUN, NotRunReason.CONDITION,
        "Environment variable [AUTH_CLIENT_SECRET] does not exist");
    assertThat(TestEntries.entry(GUARDED, false, disabled, null, null, false).reason()).isEqualTo(NotRunReason.DISABLED);
    assertThat(TestEntries.entry(GUARDED, false, docker, null, null, false).evidence()).extracting(Evidence::kind)
        .containsExactly(EvidenceKind.CONTAINER_SKIP);
    assertThat(TestEntries.entry(GUARDED, true, passed, null, null, false).evidence()).containsExactly(
        new Evidence(EvidenceKind.NOT_JUDGED, VerdictMessages.notJudged()));
    assertThat(TestEntries.entry(GUARDED, true, null, null, null, false)).extracting(TestEntry::reason, TestEntry::message)
        .containsExactly(NotRunReason.NOT_EXECUTED, "started, but never finished (did its test JVM die?)");
  }

  @Test
  void aDeclaredSkipIsNotRunNamingItsRuleNeverCountsAndNeverAllowsADockerSkip() {
    io.github.authenticity.core.internal.config.AllowedSkip anything = new io.github.authenticity.core.internal.config.AllowedSkip(
        java.util.regex.Pattern.compile("."), null, "a careless rule", "test");
    io.github.authenticity.core.internal.config.AllowedSkip.Kind assumption =
        io.github.authenticity.core.internal.config.AllowedSkip.Kind.ASSUMPTION;

    Judgement allowed = Judge.allowedSkip(anything, assumption, "requires Redis 8.8");
    assertThat(allowed).extracting(Judgement::verdict, Judgement::reason, Judgement::allowedBy, Judgement::message)
        .containsExactly(Verdict.NOT_RUN, NotRunReason.ALLOWED_SKIP, "reason /./", "an assumption skipped it:"
            + " \"requires Redis 8.8\"; allowed by rule [reason /./] because a careless rule");
    assertThat(Judge.allowing(List.of(anything), assumption, "disabledWithoutDocker is true and Docker is not"
        + " available", List.of())).as("CONTAINER_SKIP is never a declared skip").isEmpty();
    assertThat(Judge.counts(NotRunReason.ALLOWED_SKIP, io.github.authenticity.core.internal.model.CheckSettings.defaults()))
        .isFalse();
    assertThat(Judge.expected(NotRunReason.ALLOWED_SKIP, io.github.authenticity.core.internal.model.CheckSettings.defaults()))
        .as("all guarded tests skipped as declared is not NO_TESTS").isFalse();
  }
}
