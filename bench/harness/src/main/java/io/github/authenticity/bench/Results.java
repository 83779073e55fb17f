package io.github.authenticity.bench;

import java.time.Duration;
import java.util.List;

/** The results table in Markdown. */
final class Results {

  /** One row: configuration A against B, each as median (min–max, n). */
  record Row(String id, String what, String a, String b, String aValue, String bValue, String result, String goal,
      String met) {
  }

  private Results() {
  }

  static String met(boolean met) {
    return met ? "yes" : "**NO**";
  }

  static String markdown(String header, List<Row> rows, List<String> notes, Duration took) {
    StringBuilder out = new StringBuilder();
    out.append("# Authenticity benchmarks\n\n");
    out.append(header);
    out.append("- Whole run: ").append(took.toSeconds()).append(" s\n\n");
    out.append("Each row runs configuration A and B alternately (A B, then B A, ...), every run in a fresh JVM "
        + "unless it says otherwise; values are median (min–max, n = repetitions).\n\n");
    out.append("| # | Measure | A | B | A: median (min–max) | B: median (min–max) | Result | Goal | Met |\n");
    out.append("|---|---|---|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      out.append("| ").append(String.join(" | ", cell(row.id()), cell(row.what()), cell(row.a()), cell(row.b()),
          cell(row.aValue()), cell(row.bValue()), cell(row.result()), cell(row.goal()), cell(row.met())))
          .append(" |\n");
    }
    out.append("\nNotes:\n\n");
    for (String note : notes) {
      out.append("- ").append(note).append('\n');
    }
    return out.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
