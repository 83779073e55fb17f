package io.github.authenticity.core.internal.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apiguardian.api.API;

/**
 * Parses durations as users write them: {@code 2s}, {@code 500ms}, {@code 1.5s}, {@code 1m}, {@code 1h},
 * ISO-8601 {@code PT2M} (any case); whitespace between number and unit is allowed.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Durations {

  /** The accepted forms, as shown in messages. */
  static final String ACCEPTED = "use e.g. 2s, 500ms, 1m or PT2M";

  private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)", Pattern.CASE_INSENSITIVE);

  private Durations() {
  }

  /**
   * Parses {@code text}: a non-negative number with unit {@code ms}, {@code s}, {@code m} or {@code h},
   * or an ISO-8601 duration such as {@code PT2M}. Zero is accepted; callers that need a positive
   * duration check it themselves.
   *
   * @throws IllegalArgumentException naming the value and the accepted forms when it is not a duration
   *                                  or is negative
   */
  public static Duration parse(String text) {
    String trimmed = text == null ? "" : text.strip();
    if (trimmed.startsWith("-") || trimmed.matches("(?i)-?PT?-.*")) {
      throw new IllegalArgumentException("[" + text + "] is negative; " + ACCEPTED);
    }
    if (trimmed.matches("\\d+(\\.\\d+)?")) {
      throw new IllegalArgumentException("[" + text + "] has no unit; " + ACCEPTED);
    }
    Matcher simple = SIMPLE.matcher(trimmed);
    if (simple.matches()) {
      BigDecimal amount = new BigDecimal(simple.group(1));
      long nanosPerUnit = switch (simple.group(2).toLowerCase(Locale.ROOT)) {
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        default -> 3_600_000_000_000L;
      };
      try {
        return Duration.ofNanos(amount.multiply(BigDecimal.valueOf(nanosPerUnit)).longValueExact());
      } catch (ArithmeticException ex) {
        throw new IllegalArgumentException("[" + text + "] is too long or too precise; " + ACCEPTED, ex);
      }
    }
    if (trimmed.regionMatches(true, 0, "P", 0, 1)) {
      try {
        Duration duration = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
        if (duration.isNegative()) {
          throw new IllegalArgumentException("[" + text + "] is negative; " + ACCEPTED);
        }
        return duration;
      } catch (DateTimeParseException ex) {
        throw new IllegalArgumentException("[" + text + "] is not a duration; " + ACCEPTED, ex);
      }
    }
    throw new IllegalArgumentException("[" + text + "] is not a duration; " + ACCEPTED);
  }

  /**
   * {@code duration} for people: {@code 312 ms}, {@code 2.7 s}, {@code 2 min 3 s}, {@code 1 h 5 min}.
   */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      return "-" + format(duration.negated());
    }
    long millis = duration.toMillis();
    if (millis < 1) {
      long micros = duration.toNanos() / 1000;
      return micros == 0 ? "0 ms" : String.format(Locale.ROOT, "%.3f ms", duration.toNanos() / 1e6)
          .replaceAll("0+ ms$", " ms");
    }
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      long tenths = Math.round(millis / 100.0);
      return tenths % 10 == 0 ? (tenths / 10) + " s" : (tenths / 10) + "." + (tenths % 10) + " s";
    }
    long seconds = Math.round(millis / 1000.0);
    if (seconds < 3600) {
      long rest = seconds % 60;
      return (seconds / 60) + " min" + (rest == 0 ? "" : " " + rest + " s");
    }
    long minutes = Math.round(seconds / 60.0);
    long rest = minutes % 60;
    return (minutes / 60) + " h" + (rest == 0 ? "" : " " + rest + " min");
  }
}
