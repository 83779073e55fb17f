package io.github.authenticity.core.internal.report;

import java.util.List;

import io.github.authenticity.core.internal.judge.VerdictMessages;
import io.github.authenticity.core.internal.model.NotRunReason;
import io.github.authenticity.core.internal.model.Report;
import io.github.authenticity.core.internal.model.ServiceStatus;
import io.github.authenticity.core.internal.model.SkipRuleUse;
import io.github.authenticity.core.internal.model.Summary;
import io.github.authenticity.core.internal.model.TestEntry;
import io.github.authenticity.core.internal.model.Verdict;
import io.github.authenticity.core.internal.model.Unproven;

/** {@code authenticity-report.md}: short, for CI job summaries such as GitHub's {@code $GITHUB_STEP_SUMMARY}. */
final class MarkdownReport {

  /** Masked and not-run lists show at most this many tests, then {@code ... and N more}. */
  static final int MAX_ITEMS = 50;

  private MarkdownReport() {
  }

  static String render(Report report, String htmlName) {
    Summary s = report.summary();
    StringBuilder out = new StringBuilder(4096);
    out.append("## Authenticity: ").append(report.verdict()).append("\n\n");
    int percent = s.authenticPercent();
    out.append(percent < 0 ? "No guarded test executed" : "**" + percent + "%** of executed guarded tests authentic ("
        + s.authentic() + " of " + s.guardedExecuted() + ")");
    if (report.environment() != null && !report.environment().isEmpty()) {
      out.append(", environment ").append(md(report.environment()));
    }
    out.append(".\n\n");
    if (!report.complete()) {
      out.append("> **Incomplete run.** This report may miss tests:\n");
      int n = 0;
      for (String reason : report.incompleteReasons()) {
        if (n++ == 5) {
          out.append("> - ... and ").append(report.incompleteReasons().size() - 5).append(" more\n");
          break;
        }
        out.append("> - ").append(md(reason)).append('\n');
      }
      out.append('\n');
    }
    out.append("| Discovered | Executed | Guarded | Authentic | Unproven | Masked | Failed | Service down | Not run |\n")
        .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
        .append("| ").append(s.discovered()).append(" | ").append(s.executed()).append(" | ").append(s.guarded())
        .append(" | ").append(s.authentic()).append(" | ").append(s.unproven()).append(" | ").append(s.masked()).append(" | ").append(s.failed())
        .append(" | ").append(s.serviceDown()).append(" | ").append(s.notRun()).append(" |\n\n");
    if (!report.services().isEmpty()) {
      out.append("| Service | Endpoint | Status | Latency | Cause |\n|---|---|---|---:|---|\n");
      for (ServiceStatus service : report.services()) {
        out.append("| ").append(md(service.name())).append(" | ").append(md(service.endpoint())).append(" | ")
            .append("DOWN".equals(service.status()) ? "**DOWN**" : md(service.status())).append(" | ")
            .append(service.latencyMillis()).append(" ms | ").append(md(service.detail())).append(" |\n");
      }
      out.append('\n');
    }
    List<TestEntry> guarded = report.guardedTests();
    list(out, "Masked", guarded.stream().filter(t -> t.verdict() == Verdict.MASKED).toList());
    list(out, "Not run", guarded.stream().filter(t -> t.verdict() == Verdict.NOT_RUN
        && t.reason() != NotRunReason.ALLOWED_SKIP).toList());
    list(out, "Skipped as allowed by a declared rule", guarded.stream().filter(t -> t.verdict() == Verdict.NOT_RUN
        && t.reason() == NotRunReason.ALLOWED_SKIP).toList());
    if (!report.staleSkipRules().isEmpty()) {
      out.append("### Warnings\n\n");
      for (SkipRuleUse rule : report.staleSkipRules()) {
        out.append("- ").append(md(VerdictMessages.staleSkipRule(rule.rule()))).append('\n');
      }
      out.append('\n');
    }
    if (htmlName != null) {
      out.append("The full report is `").append(htmlName).append("` next to this file.\n");
    }
    return out.toString();
  }

  private static void list(StringBuilder out, String title, List<TestEntry> tests) {
    if (tests.isEmpty()) {
      return;
    }
    out.append("### ").append(title).append(" (").append(tests.size()).append(")\n\n");
    int n = 0;
    for (TestEntry test : tests) {
      if (n++ == MAX_ITEMS) {
        out.append("- ... and ").append(tests.size() - MAX_ITEMS).append(" more\n");
        break;
      }
      String why = test.verdict() == Verdict.NOT_RUN
          ? test.reason() + (test.message() == null ? "" : ": " + test.message())
          : ConsoleSummary.evidence(test);
      out.append("- **").append(md(test.shortName())).append("**: ").append(md(why)).append('\n');
    }
    out.append('\n');
  }

  /** Escapes text for Markdown (and the HTML GitHub allows in it), on one line. */
  static String md(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '\r', '\n', '\t' -> out.append(' ');
        case '\\', '`', '*', '_', '[', ']', '|', '~', '#', '!', '{', '}' -> out.append('\\').append(c);
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
