package io.github.authenticity.core.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.github.authenticity.core.internal.config.Detection;
import org.junit.jupiter.api.Test;

class FallbackLinesTests {

  private static final List<Pattern> DEFAULTS = Detection.defaults().fallbackPatterns();

  @Test
  void theDefaultPatternsMatchTheShapesTeamsWriteAndNotOrdinaryLines() {
    List<String> fallbacks = List.of("Using MockWebSocketManager due to connection failure", "using mock data",
        "Falling back to a stub", "falls back to in-memory cache", "fallback to mock broker", "Fallback to dummy sender");
    List<String> ordinary = List.of("mocking is not what we do", "connected to backend", "fallback disabled");

    for (String text : fallbacks) {
      assertThat(FallbackLines.matches(new CapturedLine("System.out", null, null, text), DEFAULTS)).as(text).isTrue();
    }
    for (String text : ordinary) {
      assertThat(FallbackLines.matches(new CapturedLine("System.out", null, null, text), DEFAULTS)).as(text).isFalse();
    }
  }

  @Test
  void onlyTheMatchingLinesAreReportedInOrderWithWhereTheyWereSeen() {
    List<TestScope.Seen<CapturedLine>> lines = new ArrayList<>();
    TestScope.Seen<CapturedLine> fallback =
        new TestScope.Seen<>(new CapturedLine("System.out", null, null, "using mock data"), "in the constructor");
    TestScope.Seen<CapturedLine> ordinary =
        new TestScope.Seen<>(new CapturedLine("System.out", null, null, "connected to backend"), null);
    TestScope.Seen<CapturedLine> stub =
        new TestScope.Seen<>(new CapturedLine("jul", "WARNING", "com.example.A", "Falling back to a stub"), null);

    FallbackLines.addMatching(lines, List.of(fallback, ordinary, stub), DEFAULTS);

    assertThat(lines).containsExactly(fallback, stub);
  }
}
