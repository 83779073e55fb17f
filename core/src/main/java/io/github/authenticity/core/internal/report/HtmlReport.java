package io.github.authenticity.core.internal.report;

import static io.github.authenticity.core.internal.redact.HtmlEscaping.html;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.github.authenticity.core.internal.model.AllowedMock;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.Report;
import io.github.authenticity.core.internal.model.ServiceStatus;
import io.github.authenticity.core.internal.model.SkipRuleUse;
import io.github.authenticity.core.internal.model.Summary;
import io.github.authenticity.core.internal.model.TestEntry;
import io.github.authenticity.core.internal.model.Verdict;
import io.github.authenticity.core.internal.redact.HtmlEscaping;

/**
 * {@code authenticity-report.html}: one self-contained page (inline CSS, JS and SVG, nothing fetched), every text
 * escaped ({@link HtmlEscaping}); the guarded tests are listed by its script from embedded JSON ({@link HtmlJson}),
 * 500 rows at a time; its stylesheet and script are resources ({@link HtmlAssets}).
 *
 * <p>Over 300 lines because it is the page's markup, one short method per section (header, counts, chart, services,
 * masked, not run, allowed mocks) in the order the page shows them; the CSS, the JS, the embedded JSON and the
 * escaping already live beside it.
 */
final class HtmlReport {

  /** Sections listing masked and not-run tests one by one show at most this many; the list below has all. */
  static final int MAX_CARDS = 50;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  /** The verdicts of guarded tests, in {@link Verdict} order: the chart's and the embedded data's names. */
  static final String[] VERDICTS = {"AUTHENTIC", "MASKED", "FAILED", "SERVICE_DOWN", "NOT_RUN"};
  private static final String[] COLORS = {"#1a7f37", "#c2410c", "#b91c1c", "#7c3aed", "#6b7280"};

  private HtmlReport() {
  }

  static String render(Report report) {
    List<TestEntry> guarded = report.guardedTests();
    StringBuilder out = new StringBuilder(16_384 + guarded.size() * 120);
    Summary s = report.summary();
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';")
        .append(" script-src 'unsafe-inline'; img-src data:\">\n")
        .append("<title>Authenticity report: ").append(report.verdict()).append("</title>\n<style>")
        .append(HtmlAssets.CSS).append("</style>\n</head>\n<body>\n");

    header(report, out);
    if (!report.complete()) {
      out.append("<div class=\"banner\" role=\"alert\"><strong>Incomplete run.</strong> This report may miss tests:<ul>");
      int n = 0;
      for (String reason : report.incompleteReasons()) {
        if (n++ == 20) {
          out.append("<li>... and ").append(report.incompleteReasons().size() - 20).append(" more</li>");
          break;
        }
        out.append("<li>").append(html(reason)).append("</li>");
      }
      out.append("</ul></div>\n");
    }
    if (!report.staleSkipRules().isEmpty()) {
      out.append("<div class=\"banner\" role=\"status\"><strong>Warning.</strong><ul>");
      for (SkipRuleUse rule : report.staleSkipRules()) {
        out.append("<li>").append(html(io.github.authenticity.core.internal.judge.VerdictMessages.staleSkipRule(rule.rule())))
            .append("</li>");
      }
      out.append("</ul></div>\n");
    }
    nav(report, out);
    counts(s, out);
    services(report, out);
    masked(guarded, out);
    notRun(guarded, out);
    allowedMocks(guarded, out);

    out.append("<section id=\"all\"><h2>All guarded tests <span class=\"n\">").append(guarded.size()).append("</span></h2>\n")
        .append("<div class=\"filters\"><input id=\"q\" type=\"search\" placeholder=\"Filter by class, test, service,")
        .append(" evidence...\" aria-label=\"Filter\"><span id=\"vb\"></span><span id=\"shown\" class=\"muted\"></span></div>\n")
        .append("<table class=\"list\"><thead><tr><th>Verdict</th><th>Test</th><th>Services</th><th class=\"r\">Time</th>")
        .append("<th>Evidence / proof</th></tr></thead><tbody id=\"rows\"></tbody></table>\n")
        .append("<noscript><p>Turn on JavaScript to see the list of every guarded test; the sections above list the")
        .append(" masked and not-run ones.</p></noscript>\n")
        .append("<button id=\"more\" type=\"button\" hidden>Show more</button>\n</section>\n");

    out.append("<footer>Authenticity report, schema ").append(report.schemaVersion()).append(". ")
        .append(s.discovered()).append(" tests discovered, ").append(s.executed()).append(" executed, ")
        .append(s.guarded()).append(" guarded. Merged from ").append(report.sources().size()).append(" events ")
        .append(report.sources().size() == 1 ? "file" : "files").append(".</footer>\n");

    out.append("<script type=\"application/json\" id=\"data\">");
    HtmlJson.data(guarded, out);
    out.append("</script>\n<script>").append(HtmlAssets.JS).append("</script>\n</body>\n</html>\n");
    return out.toString();
  }

  private static void header(Report report, StringBuilder out) {
    Summary s = report.summary();
    int percent = s.authenticPercent();
    String verdict = report.verdict().name();
    out.append("<header class=\"top o-").append(verdict).append("\">\n<div><div class=\"label\">Authenticity verdict</div>")
        .append("<div class=\"verdict\">").append(verdict).append("</div><div class=\"why\">")
        .append(html(explain(report))).append("</div></div>\n<div class=\"score\"><div class=\"label\">Authenticity score</div>")
        .append("<div class=\"pct\">").append(percent < 0 ? "&ndash;" : percent + "%").append("</div><div class=\"why\">")
        .append(percent < 0 ? "no guarded test executed" : s.authentic() + " of " + s.guardedExecuted()
            + " executed guarded tests authentic").append("</div></div>\n")
        .append("<div class=\"meta\"><div><span class=\"label\">Environment</span> ")
        .append(html(report.environment() == null || report.environment().isEmpty() ? "(unknown)" : report.environment()))
        .append("</div><div><span class=\"label\">Generated</span> ")
        .append(report.generatedAt() == null ? "" : TIME.format(report.generatedAt()))
        .append("</div><div><span class=\"label\">Complete</span> ").append(report.complete() ? "yes" : "<b>no</b>")
        .append("</div></div>\n</header>\n");
  }

  private static void nav(Report report, StringBuilder out) {
    Summary s = report.summary();
    out.append("<nav><a href=\"#services\">Services</a>");
    if (s.masked() > 0) {
      out.append(" &middot; <a href=\"#masked\">Masked (").append(s.masked()).append(")</a>");
    }
    if (s.notRun() > 0) {
      out.append(" &middot; <a href=\"#not-run\">Not run (").append(s.notRun()).append(")</a>");
    }
    out.append(" &middot; <a href=\"#all\">All guarded tests (").append(s.guarded()).append(")</a></nav>\n");
  }

  private static String explain(Report report) {
    Summary s = report.summary();
    return switch (report.verdict()) {
      case AUTHENTIC -> s.guarded() == 0 ? "No guarded tests in this run."
          : "Every executed guarded test ran against its real services.";
      case MASKED -> ConsoleSummary.maskedHeadline(report);
      case FAILED -> (s.failed() + s.serviceDown()) + " guarded " + ConsoleSummary.plural(s.failed() + s.serviceDown(),
          "test") + " failed or met a service that was down; none was masked.";
      case NO_TESTS -> s.guarded() + " guarded " + ConsoleSummary.plural(s.guarded(), "test")
          + ", none executed.";
    };
  }

  private static void counts(Summary s, StringBuilder out) {
    out.append("<section class=\"overview\"><div class=\"cards\">");
    card(out, "Discovered", s.discovered(), "");
    card(out, "Executed", s.executed(), "");
    card(out, "Guarded", s.guarded(), "");
    card(out, "Authentic", s.authentic(), "c-AUTHENTIC");
    card(out, "Masked", s.masked(), "c-MASKED");
    card(out, "Failed", s.failed(), "c-FAILED");
    card(out, "Service down", s.serviceDown(), "c-SERVICE_DOWN");
    card(out, "Not run", s.notRun(), "c-NOT_RUN");
    out.append("</div>");
    chart(s, out);
    out.append("</section>\n");
  }

  private static void card(StringBuilder out, String label, int value, String cls) {
    out.append("<div class=\"card ").append(value > 0 ? cls : "").append("\"><div class=\"num\">").append(value)
        .append("</div><div class=\"label\">").append(label).append("</div></div>");
  }

  private static void chart(Summary s, StringBuilder out) {
    int[] values = {s.authentic(), s.masked(), s.failed(), s.serviceDown(), s.notRun()};
    int total = s.guarded();
    out.append("<figure class=\"chart\"><svg viewBox=\"0 0 42 42\" width=\"150\" height=\"150\" role=\"img\"")
        .append(" aria-label=\"Guarded tests by verdict\"><circle cx=\"21\" cy=\"21\" r=\"15.915\" fill=\"none\"")
        .append(" stroke=\"#e5e7eb\" stroke-width=\"6\"/>");
    double offset = 25;
    for (int i = 0; i < values.length; i++) {
      if (values[i] == 0 || total == 0) {
        continue;
      }
      double part = 100.0 * values[i] / total;
      out.append(String.format(Locale.ROOT, "<circle cx=\"21\" cy=\"21\" r=\"15.915\" fill=\"none\" stroke=\"%s\""
          + " stroke-width=\"6\" stroke-dasharray=\"%.3f %.3f\" stroke-dashoffset=\"%.3f\"><title>%s: %d</title></circle>",
          COLORS[i], part, 100 - part, offset, VERDICTS[i], values[i]));
      offset -= part;
    }
    int digits = String.valueOf(total).length();
    String size = digits <= 3 ? "8" : digits == 4 ? "6.6" : digits == 5 ? "5.4" : "4.5";
    out.append("<text x=\"21\" y=\"22\" text-anchor=\"middle\" class=\"dn\" font-size=\"").append(size).append("\">")
        .append(total)
        .append("</text><text x=\"21\" y=\"26\" text-anchor=\"middle\" class=\"dl\">guarded</text></svg><figcaption>");
    for (int i = 0; i < values.length; i++) {
      out.append("<div><i style=\"background:").append(COLORS[i]).append("\"></i>").append(VERDICTS[i])
          .append(" <b>").append(values[i]).append("</b></div>");
    }
    out.append("</figcaption></figure>");
  }

  private static void services(Report report, StringBuilder out) {
    out.append("<section id=\"services\"><h2>Services <span class=\"n\">").append(report.services().size()).append("</span></h2>");
    if (report.services().isEmpty()) {
      out.append("<p class=\"muted\">No service was probed in this run.</p></section>\n");
      return;
    }
    out.append("<table><thead><tr><th>Service</th><th>Endpoint</th><th>Probe</th><th>Status</th>")
        .append("<th class=\"r\">Latency</th><th>Cause</th></tr></thead><tbody>");
    for (ServiceStatus service : report.services()) {
      String status = service.status() == null ? "" : service.status();
      out.append("<tr><td><b>").append(html(service.name())).append("</b></td><td class=\"mono\">")
          .append(html(service.endpoint())).append("</td><td>").append(html(service.probe()))
          .append("</td><td><span class=\"badge s-").append(status.matches("[A-Z]+") ? status : "X").append("\">")
          .append(html(status)).append("</span></td><td class=\"r\">").append(service.latencyMillis()).append(" ms</td><td>")
          .append(html(service.detail())).append("</td></tr>");
    }
    out.append("</tbody></table></section>\n");
  }

  private static void masked(List<TestEntry> guarded, StringBuilder out) {
    List<TestEntry> masked = guarded.stream().filter(t -> t.verdict() == Verdict.MASKED).toList();
    if (masked.isEmpty()) {
      return;
    }
    out.append("<section id=\"masked\"><h2 class=\"t-MASKED\">Masked tests <span class=\"n\">").append(masked.size())
        .append("</span></h2><p class=\"muted\">They passed (or were skipped, and a skip is not a pass), but the")
        .append(" evidence says they did not use the real service.</p>");
    int n = 0;
    for (TestEntry test : masked) {
      if (n++ == MAX_CARDS) {
        more(out, masked.size() - MAX_CARDS, "MASKED");
        break;
      }
      out.append("<div class=\"item b-MASKED\"><div class=\"name\" title=\"").append(html(test.uniqueId())).append("\">")
          .append(html(test.shortName())).append(" <span class=\"muted\">").append(html(subtitle(test)))
          .append("</span></div>");
      servicesLine(test, out);
      out.append("<ul>");
      for (Evidence evidence : test.evidence()) {
        out.append("<li><span class=\"kind\">").append(evidence.kind()).append("</span> <span class=\"mono\">")
            .append(html(evidence.detail())).append("</span></li>");
      }
      if (test.evidence().isEmpty()) {
        out.append("<li>").append(html(test.message() == null ? "no evidence recorded" : test.message())).append("</li>");
      }
      out.append("</ul></div>");
    }
    out.append("</section>\n");
  }

  private static void notRun(List<TestEntry> guarded, StringBuilder out) {
    List<TestEntry> notRun = guarded.stream().filter(t -> t.verdict() == Verdict.NOT_RUN).toList();
    if (notRun.isEmpty()) {
      return;
    }
    out.append("<section id=\"not-run\"><h2 class=\"t-NOT_RUN\">Not run <span class=\"n\">").append(notRun.size())
        .append("</span></h2><p class=\"muted\">NOT_DISCOVERED: compiled, but in no test plan (Surefire includes,")
        .append(" tags, filters, or a missing JUnit engine). NOT_EXECUTED: discovered,")
        .append(" never started. CONDITION: switched off at run time by a condition (its reason is shown). DISABLED:")
        .append(" a literal @Disabled. ENVIRONMENT: not meant for this environment. ALLOWED_SKIP: skipped by an")
        .append(" assumption or condition that a declared rule allows (the rule is named).</p>");
    int n = 0;
    for (TestEntry test : notRun) {
      if (n++ == MAX_CARDS) {
        more(out, notRun.size() - MAX_CARDS, "NOT_RUN");
        break;
      }
      out.append("<div class=\"item b-NOT_RUN\"><div class=\"name\" title=\"").append(html(test.uniqueId())).append("\">")
          .append(html(test.shortName())).append(" <span class=\"badge r\">").append(test.reason())
          .append("</span> <span class=\"muted\">").append(html(subtitle(test))).append("</span></div>");
      servicesLine(test, out);
      if (test.message() != null) {
        out.append("<div class=\"mono\">").append(html(test.message())).append("</div>");
      }
      out.append("</div>");
    }
    out.append("</section>\n");
  }

  private static void allowedMocks(List<TestEntry> guarded, StringBuilder out) {
    List<TestEntry> with = guarded.stream().filter(t -> !t.allowedMocks().isEmpty()).toList();
    if (with.isEmpty()) {
      return;
    }
    out.append("<section><h2>Deliberate mocks (@AllowMock) <span class=\"n\">").append(with.size())
        .append("</span></h2><table><thead><tr><th>Test</th><th>Field</th><th>Type</th><th>Reason</th></tr></thead><tbody>");
    int n = 0;
    outer:
    for (TestEntry test : with) {
      for (AllowedMock mock : test.allowedMocks()) {
        if (n++ == MAX_CARDS) {
          out.append("<tr><td colspan=\"4\">... and more</td></tr>");
          break outer;
        }
        out.append("<tr><td>").append(html(test.shortName())).append("</td><td class=\"mono\">").append(html(mock.field()))
            .append("</td><td class=\"mono\">").append(html(mock.type())).append("</td><td>").append(html(mock.reason()))
            .append("</td></tr>");
      }
    }
    out.append("</tbody></table></section>\n");
  }

  /** The display name when it says more than {@code Class > method()}, else the full class name. */
  private static String subtitle(TestEntry test) {
    String trivial = test.simpleClassName().replace('.', ' ') + " > " + test.methodName() + "()";
    String display = test.displayName() == null ? "" : test.displayName();
    return display.isEmpty() || display.replace(" > ", " ").equals(trivial.replace(" > ", " ")) ? test.className() : display;
  }

  private static void servicesLine(TestEntry test, StringBuilder out) {
    if (!test.services().isEmpty()) {
      out.append("<div class=\"svc\">requires ").append(html(String.join(", ", test.services()))).append("</div>");
    }
  }

  private static void more(StringBuilder out, int count, String verdict) {
    out.append("<p class=\"muted\">... and ").append(count).append(" more: pick ").append(verdict)
        .append(" in the list of all guarded tests below.</p>");
  }
}
