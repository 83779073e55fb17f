package io.github.authenticity.core.internal.detect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.authenticity.agent.boot.Ledger;

/**
 * What the answers a test got from one service say: one owner for the rule that tells a server error from an answer
 * (an HTTP 5xx, a Redis error reply, a PostgreSQL {@code FATAL} or {@code PANIC}, a WebSocket close 1011 to 1014 are
 * server errors; a 4xx, a PostgreSQL {@code ERROR} and every unclassified answer are answers; an HTTP 1xx and a login
 * step are no answer at all) and for how answers are written in the proof line and the {@code SERVER_ERRORS} detail.
 *
 * <p>The labels come from the agent's ledger ({@code HTTP 503}, {@code RESP -LOADING}, {@code PG FATAL}, {@code WS
 * 1011}, {@code ~} for a login step, {@code ?} for an answer whose protocol is not classified).
 */
final class ServerAnswers {

  /** Compile-time constants of the ledger (inlined: nothing links to the agent's class here). */
  private static final String OTHER = Ledger.OTHER;
  private static final String HANDSHAKE = Ledger.HANDSHAKE;

  private ServerAnswers() {
  }

  /**
   * The answers worth showing: empty when none was classified (the proof line then counts exchanges, as for a
   * protocol the agent does not read), else every label with its count.
   */
  static Map<String, Long> shown(Map<String, Long> labels) {
    for (String label : labels.keySet()) {
      if (!label.equals(OTHER) && !label.equals(HANDSHAKE) && !(isHttp(label) && status(label) < 200)) {
        return labels;
      }
    }
    return Map.of();
  }

  /** Whether {@code label} is a server error. */
  static boolean isServerError(String label) {
    if (isHttp(label)) {
      return status(label) >= 500;
    }
    if (label.startsWith("RESP -")) {
      return true;
    }
    if (label.equals("PG FATAL") || label.equals("PG PANIC")) {
      return true;
    }
    if (label.startsWith("WS ")) {
      int code = number(label.substring(3));
      return code >= 1011 && code <= 1014;
    }
    return false;
  }

  /** Whether {@code label} is no answer of the service (a login step, an HTTP 1xx before the real answer). */
  static boolean isStep(String label) {
    return label.equals(HANDSHAKE) || (isHttp(label) && status(label) < 200);
  }

  /** Whether every answer among {@code labels} was a server error (and there was at least one). */
  static boolean onlyServerErrors(Map<String, Long> labels) {
    boolean errors = false;
    for (Map.Entry<String, Long> entry : labels.entrySet()) {
      if (entry.getValue() <= 0 || isStep(entry.getKey())) {
        continue;
      }
      if (!isServerError(entry.getKey())) {
        return false;
      }
      errors = true;
    }
    return errors;
  }

  /** The answers (steps left out): {@code 3 answers (200 ×2, 404 ×1)}; {@code null} when there is none. */
  static String summary(Map<String, Long> labels) {
    long total = 0;
    // built as it goes, without a list to join: every proven test's proof line passes here
    StringBuilder parts = new StringBuilder();
    Long other = null;
    for (Map.Entry<String, Long> entry : labels.entrySet()) {
      if (isStep(entry.getKey())) {
        continue;
      }
      total += entry.getValue();
      if (entry.getKey().equals(OTHER)) {
        other = entry.getValue();
      } else {
        part(parts, shortName(entry.getKey()), entry.getValue());
      }
    }
    if (other != null) {
      part(parts, "other", other);
    }
    return total == 0 ? null : total + (total == 1 ? " answer (" : " answers (") + parts + ")";
  }

  private static void part(StringBuilder parts, String name, long count) {
    if (parts.length() > 0) {
      parts.append(", ");
    }
    parts.append(name).append(" ×").append(count);
  }

  /**
   * The {@code SERVER_ERRORS} wording of one service's errors: {@code 503 Service Unavailable (1 answer)}, several
   * joined with {@code ", "}.
   */
  static String errors(Map<String, Long> labels) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Long> entry : labels.entrySet()) {
      if (isServerError(entry.getKey())) {
        long count = entry.getValue();
        parts.add(longName(entry.getKey()) + " (" + count + (count == 1 ? " answer)" : " answers)"));
      }
    }
    return String.join(", ", parts);
  }

  /** Labels of several endpoints together, in the order first seen. */
  static Map<String, Long> merge(Map<String, Long> into, Map<String, Long> more) {
    // the common case, one connection per endpoint: the maps are read-only snapshots, so one can stand for the sum
    if (into.isEmpty()) {
      return more;
    }
    if (more.isEmpty()) {
      return into;
    }
    Map<String, Long> result = new LinkedHashMap<>(into);
    more.forEach((label, count) -> result.merge(label, count, Long::sum));
    return result;
  }

  /** {@code 503}, {@code -LOADING}, {@code FATAL}, {@code close 1011}. */
  static String shortName(String label) {
    if (isHttp(label)) {
      return label.substring(5);
    }
    if (label.startsWith("RESP ") || label.startsWith("PG ")) {
      return label.substring(label.indexOf(' ') + 1);
    }
    if (label.startsWith("WS ")) {
      return "close " + label.substring(3);
    }
    return label;
  }

  /** {@code 503 Service Unavailable}, {@code -LOADING}, {@code FATAL}, {@code close 1011 (internal error)}. */
  static String longName(String label) {
    if (isHttp(label)) {
      String reason = REASONS.get(status(label));
      return reason == null ? shortName(label) : shortName(label) + " " + reason;
    }
    if (label.startsWith("WS ")) {
      String reason = CLOSE_REASONS.get(number(label.substring(3)));
      return reason == null ? shortName(label) : shortName(label) + " (" + reason + ")";
    }
    return shortName(label);
  }

  private static boolean isHttp(String label) {
    return label.startsWith("HTTP ");
  }

  private static int status(String label) {
    return number(label.substring(5));
  }

  private static int number(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException ex) {
      return -1;
    }
  }

  private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(500, "Internal Server Error"),
      Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
      Map.entry(504, "Gateway Timeout"), Map.entry(505, "HTTP Version Not Supported"),
      Map.entry(507, "Insufficient Storage"), Map.entry(508, "Loop Detected"),
      Map.entry(511, "Network Authentication Required"));

  private static final Map<Integer, String> CLOSE_REASONS = Map.of(1011, "internal error", 1012, "service restart",
      1013, "try again later", 1014, "bad gateway");
}
