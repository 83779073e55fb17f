package io.github.authenticity.core.internal.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.github.authenticity.core.internal.config.Detection;
import io.github.authenticity.core.internal.detect.CapturedLine;
import io.github.authenticity.core.internal.detect.FallbackLines;
import io.github.authenticity.core.internal.detect.TestScope;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import org.junit.jupiter.api.Test;

class FallbackRuleTests {

  private static final List<Pattern> DEFAULTS = Detection.defaults().fallbackPatterns();

  @Test
  void theSameLineSeenThroughALoggerAndTheConsoleIsReportedOnceWithLevelAndLogger() {
    List<CapturedLine> lines = List.of(
        new CapturedLine("System.err", null, null, "Nov 22, 2026 4:35:00 AM com.example.Client connect"),
        new CapturedLine("jul", "WARNING", "com.example.Client", "Using MockWebSocketManager due to connection failure"),
        new CapturedLine("System.err", null, null, "WARNING: Using MockWebSocketManager due to connection failure"),
        new CapturedLine("System.out", null, null, "falling back to in-memory store"),
        new CapturedLine("System.out", null, null, "falling back to in-memory store"));

    assertThat(logged(lines)).containsExactly(
        "WARNING com.example.Client: \"Using MockWebSocketManager due to connection failure\"",
        "System.out: \"falling back to in-memory store\"");
  }

  @Test
  void secretsInAQuotedLineAreRedacted() {
    List<CapturedLine> lines = List.of(new CapturedLine("System.out", null, null,
        "falling back to in-memory store: cannot reach https://admin:hunter22@db.example.com/ (password=hunter22)"));

    assertThat(logged(lines)).containsExactly(
        "System.out: \"falling back to in-memory store: cannot reach https://****@db.example.com/ (password=****)\"");
  }

  @Test
  void aVeryLongLineIsCutInTheEvidence() {
    String text = "Using MockBackend " + "x".repeat(400);

    assertThat(logged(List.of(new CapturedLine("System.out", null, null, text))))
        .containsExactly("System.out: \"" + text.substring(0, 297) + "...\"");
  }

  @Test
  void evidenceSaysWhereEachLineWasSeenAndTheConsoleEchoOfALoggedLineStaysOneFinding() {
    String timeout = "Auth timed out after 5000 ms, falling back to stub token";
    List<TestScope.Seen<CapturedLine>> lines = List.of(
        new TestScope.Seen<>(new CapturedLine("jul", "WARNING", "com.example.Auth", timeout), "in @BeforeEach logIn()"),
        new TestScope.Seen<>(new CapturedLine("System.err", null, null, "WARNING: " + timeout), "in @BeforeEach logIn()"),
        new TestScope.Seen<>(new CapturedLine("System.out", null, null, "falling back to in-memory store"), null),
        new TestScope.Seen<>(new CapturedLine("System.out", null, null, "falling back to in-memory store"),
            "in @AfterEach logOut()"));

    assertThat(loggedSeen(lines)).containsExactly(
        "in @BeforeEach logIn(): WARNING com.example.Auth: \"" + timeout + "\"",
        "System.out: \"falling back to in-memory store\"",
        "in @AfterEach logOut(): System.out: \"falling back to in-memory store\"");
  }

  @Test
  void reportsSayWhereEachWasSeenEachOnceInOrder() {
    List<TestScope.Seen<String>> reports = List.of(
        new TestScope.Seen<>("auth replaced by StubLogin", "in @BeforeEach logIn()"),
        new TestScope.Seen<>("backend replaced by StubBackend", null),
        new TestScope.Seen<>("backend replaced by StubBackend", null));

    assertThat(FallbackRule.reported(reports)).extracting(Evidence::kind).containsOnly(EvidenceKind.FALLBACK_REPORTED);
    assertThat(details(FallbackRule.reported(reports))).containsExactly(
        "in @BeforeEach logIn(): auth replaced by StubLogin", "backend replaced by StubBackend");
  }

  @Test
  void nothingSeenIsNoEvidence() {
    assertThat(FallbackRule.logged(List.of())).isEmpty();
    assertThat(FallbackRule.reported(List.of())).isEmpty();
  }

  /** The details of the lines that match the default patterns, seen in the test body, as the detector reports them. */
  private static List<String> logged(List<CapturedLine> lines) {
    List<TestScope.Seen<CapturedLine>> seen = new ArrayList<>();
    for (CapturedLine line : lines) {
      seen.add(new TestScope.Seen<>(line, null));
    }
    return loggedSeen(seen);
  }

  private static List<String> loggedSeen(List<TestScope.Seen<CapturedLine>> lines) {
    List<TestScope.Seen<CapturedLine>> matching = new ArrayList<>();
    FallbackLines.addMatching(matching, lines, DEFAULTS);
    List<Evidence> evidence = FallbackRule.logged(matching);
    assertThat(evidence).extracting(Evidence::kind).containsOnly(EvidenceKind.FALLBACK_LOG);
    return details(evidence);
  }

  private static List<String> details(List<Evidence> evidence) {
    List<String> details = new ArrayList<>();
    for (Evidence e : evidence) {
      details.add(e.detail());
    }
    return details;
  }
}
