package io.github.authenticity.core.internal.judge;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.apiguardian.api.API;

/** Decides {@code TOO_FAST}: under {@code minDuration}, or far faster than the authentic history. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TooFastRule {

  /**
   * Below this median the history is not judged: a test whose authentic runs take a few milliseconds
   * varies by more than any factor between a cold and a warm JVM (the benchmark's 5,000 loopback tests
   * had runs of 0 ms against a median of 4 ms); such a test states a {@code minDuration} instead.
   */
  public static final long MIN_JUDGED_MEDIAN_MILLIS = 100;

  private TooFastRule() {
  }

  /**
   * What was seen of a test's timing besides how long it ran: its {@code minDuration} and its authentic history.
   *
   * @param minDuration the test's {@code minDuration}, or {@code null}
   * @param history     durations in milliseconds of its last authentic runs
   * @param factor      {@code detection.tooFast.factor}
   * @param minRuns     {@code detection.tooFast.minRuns}
   */
  public record Seen(Duration minDuration, List<Long> history, double factor, int minRuns) {
  }

  /** The evidence detail, if a test that ran for {@code elapsed} is impossibly fast; a failed test never is. */
  public static Optional<String> judge(Seen seen, Duration elapsed, boolean failed) {
    return failed ? Optional.empty() : judge(elapsed, seen.minDuration(), seen.history(), seen.factor(), seen.minRuns());
  }

  /**
   * The evidence detail, if {@code elapsed} is impossibly fast: {@code ran in 12 ms, under minDuration 2 s}
   * or {@code ran in 12 ms, more than 10 times faster than the median 2.4 s of its last 5 authentic runs}.
   *
   * @param minDuration  the test's {@code minDuration}, or {@code null}
   * @param history      durations in milliseconds of its last authentic runs
   * @param factor       {@code detection.tooFast.factor}
   * @param minRuns      {@code detection.tooFast.minRuns}
   */
  public static Optional<String> judge(Duration elapsed, Duration minDuration, List<Long> history, double factor,
      int minRuns) {
    if (minDuration != null && elapsed.compareTo(minDuration) < 0) {
      return Optional.of("ran in " + format(elapsed) + ", under minDuration " + format(minDuration));
    }
    if (factor > 0 && history.size() >= Math.max(1, minRuns)) {
      long median = median(history);
      if (median >= MIN_JUDGED_MEDIAN_MILLIS && elapsed.toNanos() * factor < median * 1_000_000.0) {
        return Optional.of("ran in " + format(elapsed) + ", more than " + number(factor) + " times faster than the median "
            + format(Duration.ofMillis(median)) + " of its last " + history.size() + " authentic runs");
      }
    }
    return Optional.empty();
  }

  static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** {@code 12 ms}, {@code 2 s}, {@code 2.4 s}, {@code 125 s}. */
  static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + " ms";
    }
    return number(Math.round(millis / 100.0) / 10.0) + " s";
  }

  private static String number(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
