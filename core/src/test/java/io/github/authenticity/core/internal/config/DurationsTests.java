package io.github.authenticity.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTests {

  @ParameterizedTest
  @CsvSource({
      "2s, PT2S", "500ms, PT0.5S", "1.5s, PT1.5S", "2m, PT2M", "1h, PT1H", "PT2M, PT2M", "pt2m, PT2M",
      "' 2 s ', PT2S", "2S, PT2S", "0s, PT0S", "PT0.25S, PT0.25S", "0.5ms, PT0.0005S", "90M, PT1H30M"
  })
  void parsesWhatUsersWrite(String text, String expected) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2 seconds", "", "abc", "2d", "PT", "1.s", "2 s s"})
  void rejectsWhatIsNotADuration(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("[" + text + "] is not a duration; use e.g. 2s, 500ms, 1m or PT2M");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-2s", "PT-2S", "-PT2S"})
  void rejectsNegativeDurations(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("[" + text + "] is negative; use e.g. 2s, 500ms, 1m or PT2M");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2", "1.5"})
  void rejectsANumberWithoutUnit(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("[" + text + "] has no unit; use e.g. 2s, 500ms, 1m or PT2M");
  }

  @ParameterizedTest
  @CsvSource({
      "PT0S, 0 ms", "PT0.000312S, 0.312 ms", "PT0.312S, 312 ms", "PT2.73S, 2.7 s", "PT2S, 2 s", "PT59.9S, 59.9 s",
      "PT2M3S, 2 min 3 s", "PT2M, 2 min", "PT1H5M, 1 h 5 min", "PT3H, 3 h"
  })
  void formatsForPeople(String duration, String expected) {
    assertThat(Durations.format(Duration.parse(duration))).isEqualTo(expected);
  }
}
