package io.github.authenticity.maven;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import io.github.authenticity.core.probe.ProbeResult;
import io.github.authenticity.core.probe.ProbeStatus;

/** The {@code probe} goal's health table and messages, aligned in columns. */
final class HealthTable {

  private static final String[] HEADER = {"SERVICE", "ENDPOINT", "STATUS", "LATENCY", "CAUSE"};

  private HealthTable() {
  }

  /** A header line and one line per service, columns padded to the widest cell. */
  static List<String> lines(Collection<ProbeResult> results) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (ProbeResult result : results) {
      rows.add(new String[] {result.service(), result.endpoint(), result.status().name(),
          result.latencyMillis() + " ms", oneLine(result.detail())});
    }
    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          line.append("  ");
        }
        boolean last = i == row.length - 1;
        // latency is right-aligned, like numbers in a table; the last column is not padded
        if (i == 3 && row != HEADER) {
          line.append(" ".repeat(widths[i] - row[i].length())).append(row[i]);
        } else {
          line.append(row[i]);
          if (!last) {
            line.append(" ".repeat(widths[i] - row[i].length()));
          }
        }
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }

  /** The failure message when services are {@code DOWN}, naming each one with its cause; null when none is. */
  static String downSummary(String environment, Collection<ProbeResult> results) {
    List<ProbeResult> down = results.stream().filter(r -> r.status() == ProbeStatus.DOWN).toList();
    if (down.isEmpty()) {
      return null;
    }
    String names = down.stream()
        .map(r -> r.service() + " (" + r.endpoint() + ": " + oneLine(r.detail()) + ")")
        .collect(Collectors.joining(", "));
    return down.size() + " of " + results.size() + " services of environment [" + environment + "] "
        + (down.size() == 1 ? "is" : "are") + " DOWN: " + names
        + ". Start " + (down.size() == 1 ? "it or fix its" : "them or fix their")
        + " configuration, then run mvn authenticity:probe again.";
  }

  /** One warning line per {@code DEGRADED} service. */
  static List<String> degradedWarnings(Collection<ProbeResult> results) {
    return results.stream().filter(r -> r.status() == ProbeStatus.DEGRADED)
        .map(r -> "Service [" + r.service() + "] is DEGRADED: " + oneLine(r.detail()) + " (" + r.endpoint()
            + " in " + r.latencyMillis() + " ms). Tests that require it still run.")
        .toList();
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
