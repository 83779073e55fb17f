package io.github.authenticity.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SuggestionsTests {

  private static final List<String> SERVICES = List.of("backend", "postgres", "redis", "websocket");

  @Test
  void typosFindTheirName() {
    assertThat(Suggestions.closest("bakend", SERVICES)).contains("backend");
    assertThat(Suggestions.closest("Backend", SERVICES)).as("case").contains("backend");
    assertThat(Suggestions.closest("reids", SERVICES)).as("transposition").contains("redis");
    assertThat(Suggestions.closest("postgress", SERVICES)).contains("postgres");
  }

  @Test
  void farNamesAndExactNamesSuggestNothing() {
    assertThat(Suggestions.closest("kafka", SERVICES)).isEmpty();
    assertThat(Suggestions.closest("db", List.of("pg"))).isEmpty();
    assertThat(Suggestions.closest("redis", SERVICES)).isEmpty();
    assertThat(Suggestions.closest("x", List.of())).isEmpty();
  }

  @Test
  void distanceCountsEdits() {
    assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Suggestions.distance("ab", "ba")).isEqualTo(1);
    assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
  }
}
