package io.github.authenticity.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The default fallback patterns catch the shapes real clients log, and leave honest lines alone. */
class FallbackPatternsTests {

  private static final List<Pattern> DEFAULTS = Detection.defaults().fallbackPatterns();

  private static boolean matches(String line) {
    return DEFAULTS.stream().anyMatch(p -> p.matcher(line).find());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Using MockWebSocketManager due to connection failure",
      "WARNING: using mock payment gateway",
      "Auth timed out, falling back to stub token",
      "Redis unreachable; falling back to InMemoryOrderStore",
      "fell back? no: Falls back to a fake clock",
      "Connection refused - using in-memory cache",
      "Using an in-memory repository for orders",
      "stub token instead of a real one",
      "FakeMailer used in place of SMTP",
      "backend 503: switching to offline mode",
      "Switched to mock responses after 3 failures"})
  void catchesFallbacks(String line) {
    assertThat(matches(line)).as(line).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Connected to ws://127.0.0.1:8080/events",
      "Mocking framework not on the classpath",
      "Using connection pool HikariPool-1",
      "GET /health answered 200 OK in 12 ms",
      "Falling back to the secondary replica db-2",
      "stubborn retry succeeded after 2 attempts",
      "Login ok for user alice"})
  void leavesHonestLinesAlone(String line) {
    assertThat(matches(line)).as(line).isFalse();
  }
}
