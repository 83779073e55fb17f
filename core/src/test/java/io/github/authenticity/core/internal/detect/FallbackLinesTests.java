package io.github.authenticity.core.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import io.github.authenticity.core.internal.config.Detection;
import org.junit.jupiter.api.Test;

class FallbackLinesTests {

  private static final List<Pattern> DEFAULTS = Detection.defaults().fallbackPatterns();

  @Test
  void theSameLineSeenThroughALoggerAndTheConsoleIsReportedOnceWithLevelAndLogger() {
    List<CapturedLine> lines = List.of(
        new CapturedLine("System.err", null, null, "Nov 22, 2026 4:35:00 AM com.example.Client connect"),
        new CapturedLine("jul", "WARNING", "com.example.Client", "Using MockWebSocketManager due to connection failure"),
        new CapturedLine("System.err", null, null, "WARNING: Using MockWebSocketManager due to connection failure"),
        new CapturedLine("System.out", null, null, "falling back to in-memory store"),
        new CapturedLine("System.out", null, null, "falling back to in-memory store"));

    assertThat(FallbackLines.evidence(lines, DEFAULTS)).containsExactly(
        "WARNING com.example.Client: \"Using MockWebSocketManager due to connection failure\"",
        "System.out: \"falling back to in-memory store\"");
  }

  @Test
  void theDefaultPatternsMatchTheShapesTeamsWriteAndNotOrdinaryLines() {
    List<String> fallbacks = List.of("Using MockWebSocketManager due to connection failure", "using mock data",
        "Falling back to a stub", "falls back to in-memory cache", "fallback to mock broker", "Fallback to dummy sender");
    List<String> ordinary = List.of("mocking is not what we do", "connected to backend", "fallback disabled");

    for (String text : fallbacks) {
      assertThat(FallbackLines.evidence(List.of(new CapturedLine("System.out", null, null, text)), DEFAULTS))
          .as(text).hasSize(1);
    }
    for (String text : ordinary) {
      assertThat(FallbackLines.evidence(List.of(new CapturedLine("System.out", null, null, text)), DEFAULTS))
          .as(text).isEmpty();
    }
  }

  @Test
  void secretsInAQuotedLineAreRedacted() {
    List<CapturedLine> lines = List.of(new CapturedLine("System.out", null, null,
        "falling back to in-memory store: cannot reach https://admin:hunter22@db.example.com/ (password=hunter22)"));

    assertThat(FallbackLines.evidence(lines, DEFAULTS)).containsExactly(
        "System.out: \"falling back to in-memory store: cannot reach https://****@db.example.com/ (password=****)\"");
  }

  @Test
  void aVeryLongLineIsCutInTheEvidence() {
    String text = "Using MockBackend " + "x".repeat(400);

    assertThat(FallbackLines.evidence(List.of(new CapturedLine("System.out", null, null, text)), DEFAULTS))
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

    assertThat(FallbackLines.evidenceSeen(lines, DEFAULTS)).containsExactly(
        "in @BeforeEach logIn(): WARNING com.example.Auth: \"" + timeout + "\"",
        "System.out: \"falling back to in-memory store\"",
        "in @AfterEach logOut(): System.out: \"falling back to in-memory store\"");
  }
}
