package io.github.authenticity.core.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.authenticity.agent.boot.Ledger;
import org.junit.jupiter.api.Test;

class ServerAnswersTests {

  @Test
  void aSummarySaysHowManyAnswersOfEachKindInTheOrderFirstSeen() {
    assertThat(ServerAnswers.summary(Map.of("HTTP 200", 1L))).isEqualTo("1 answer (200 ×1)");
    assertThat(ServerAnswers.summary(Map.of("RESP -LOADING", 3L))).isEqualTo("3 answers (-LOADING ×3)");
    assertThat(ServerAnswers.summary(Map.of(Ledger.OTHER, 2L))).isEqualTo("2 answers (other ×2)");
    assertThat(ServerAnswers.summary(ordered("HTTP 200", 2L, "HTTP 404", 1L))).isEqualTo("3 answers (200 ×2, 404 ×1)");
    assertThat(ServerAnswers.summary(ordered(Ledger.OTHER, 1L, "WS 1011", 1L)))
        .isEqualTo("2 answers (close 1011 ×1, other ×1)");
  }

  @Test
  void stepsAreNoAnswers() {
    assertThat(ServerAnswers.summary(Map.of(Ledger.HANDSHAKE, 1L))).isNull();
    assertThat(ServerAnswers.summary(Map.of("HTTP 100", 1L))).isNull();
    assertThat(ServerAnswers.summary(ordered("HTTP 100", 1L, "HTTP 200", 1L))).isEqualTo("1 answer (200 ×1)");
  }

  @Test
  void mergingAddsTheCountsOfEachLabelAndKeepsTheOrderFirstSeen() {
    Map<String, Long> one = Map.of("HTTP 200", 1L);

    assertThat(ServerAnswers.merge(Map.of(), one)).isEqualTo(one);
    assertThat(ServerAnswers.merge(one, Map.of())).isEqualTo(one);
    assertThat(ServerAnswers.merge(ordered("HTTP 503", 1L, "HTTP 200", 1L), ordered("HTTP 200", 2L, "HTTP 404", 1L)))
        .containsExactly(Map.entry("HTTP 503", 1L), Map.entry("HTTP 200", 3L), Map.entry("HTTP 404", 1L));
  }

  private static Map<String, Long> ordered(String first, long firstCount, String second, long secondCount) {
    Map<String, Long> labels = new LinkedHashMap<>();
    labels.put(first, firstCount);
    labels.put(second, secondCount);
    return labels;
  }
}
