package io.github.authenticity.core.internal.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class TooFastRuleTests {

  @Test
  void underMinDurationIsTooFast() {
    assertThat(TooFastRule.judge(Duration.ofMillis(12), Duration.ofSeconds(2), List.of(), 10, 3))
        .hasValue("ran in 12 ms, under minDuration 2 s");
  }

  @Test
  void atMinDurationIsNot() {
    assertThat(TooFastRule.judge(Duration.ofSeconds(2), Duration.ofSeconds(2), List.of(), 10, 3)).isEmpty();
  }

  @Test
  void farFasterThanTheMedianOfEnoughAuthenticRunsIsTooFast() {
    assertThat(TooFastRule.judge(Duration.ofMillis(230), null, List.of(2400L, 2500L, 120_000L, 2300L, 2600L), 10, 3))
        .hasValue("ran in 230 ms, more than 10 times faster than the median 2.5 s of its last 5 authentic runs");
  }

  @Test
  void justUnderTheFactorIsNot() {
    assertThat(TooFastRule.judge(Duration.ofMillis(250), null, List.of(2400L, 2500L, 2600L), 10, 3)).isEmpty();
  }

  @Test
  void tooFewRunsAreNoHistory() {
    assertThat(TooFastRule.judge(Duration.ofMillis(1), null, List.of(2400L, 2500L), 10, 3)).isEmpty();
  }

  @Test
  void aFractionalFactorAndLongDurationsAreShownPlainly() {
    assertThat(TooFastRule.judge(Duration.ofSeconds(40), null, List.of(120_000L, 125_000L, 118_000L, 121_000L), 2.5, 3))
        .hasValue("ran in 40 s, more than 2.5 times faster than the median 120.5 s of its last 4 authentic runs");
  }

  @Test
  void aHistoryOfQuickRunsIsNotJudgedByItsRatio() {
    // a warm loopback call can take 0 ms after cold runs of 4 ms: no factor tells a mask from that
    assertThat(TooFastRule.judge(Duration.ZERO, null, List.of(4L, 5L, 3L), 10, 3)).isEmpty();
    assertThat(TooFastRule.judge(Duration.ofMillis(9), null, List.of(100L, 100L, 100L), 10, 3))
        .hasValue("ran in 9 ms, more than 10 times faster than the median 100 ms of its last 3 authentic runs");
  }
}
