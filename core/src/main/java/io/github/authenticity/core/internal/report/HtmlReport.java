package io.github.authenticity.core.internal.report;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.authenticity.core.internal.model.AllowedMock;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.Report;
import io.github.authenticity.core.internal.model.ServiceStatus;
import io.github.authenticity.core.internal.model.SkipRuleUse;
import io.github.authenticity.core.internal.model.Summary;
import io.github.authenticity.core.internal.model.TestEntry;
import io.github.authenticity.core.internal.model.Verdict;

/**
 * {@code authenticity-report.html}: one self-contained page (inline CSS, JS and SVG, nothing fetched), every text
 * escaped; the list of guarded tests is rendered in the browser from embedded JSON, 500 rows at a time.
 */
final class HtmlReport {

  /** Sections listing masked and not-run tests one by one show at most this many; the list below has all. */
  static final int MAX_CARDS = 50;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private static final String[] VERDICTS = {"AUTHENTIC", "MASKED", "FAILED", "SERVICE_DOWN", "NOT_RUN"};
  /** The list shows MASKED first, then NOT_RUN, SERVICE_DOWN, FAILED, AUTHENTIC (indexed by Verdict ordinal). */
  private static final int[] LIST_ORDER = {4, 0, 3, 2, 1};
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
        .append(CSS).append("</style>\n</head>\n<body>\n");

    header(report, out);
    if (!report.complete()) {
      out.append("<div class=\"banner\" role=\"alert\"><strong>Incomplete run.</strong> This report may miss tests:<ul>");
      int n = 0;
      for (String reason : report.incompleteReasons()) {
        if (n++ == 20) {
          out.append("<li>... and ").append(report.incompleteReasons().size() - 20).append(" more</li>");
          break;
        }
        out.append("<li>").append(esc(reason)).append("</li>");
      }
      out.append("</ul></div>\n");
    }
    if (!report.staleSkipRules().isEmpty()) {
      out.append("<div class=\"banner\" role=\"status\"><strong>Warning.</strong><ul>");
      for (SkipRuleUse rule : report.staleSkipRules()) {
        out.append("<li>").append(esc(io.github.authenticity.core.internal.judge.VerdictMessages.staleSkipRule(rule.rule())))
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
    data(guarded, out);
    out.append("</script>\n<script>").append(JS).append("</script>\n</body>\n</html>\n");
    return out.toString();
  }

  private static void header(Report report, StringBuilder out) {
    Summary s = report.summary();
    int percent = s.authenticPercent();
    String verdict = report.verdict().name();
    out.append("<header class=\"top o-").append(verdict).append("\">\n<div><div class=\"label\">Authenticity verdict</div>")
        .append("<div class=\"verdict\">").append(verdict).append("</div><div class=\"why\">")
        .append(esc(explain(report))).append("</div></div>\n<div class=\"score\"><div class=\"label\">Authenticity score</div>")
        .append("<div class=\"pct\">").append(percent < 0 ? "&ndash;" : percent + "%").append("</div><div class=\"why\">")
        .append(percent < 0 ? "no guarded test executed" : s.authentic() + " of " + s.guardedExecuted()
            + " executed guarded tests authentic").append("</div></div>\n")
        .append("<div class=\"meta\"><div><span class=\"label\">Environment</span> ")
        .append(esc(report.environment() == null || report.environment().isEmpty() ? "(unknown)" : report.environment()))
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
      out.append("<tr><td><b>").append(esc(service.name())).append("</b></td><td class=\"mono\">")
          .append(esc(service.endpoint())).append("</td><td>").append(esc(service.probe()))
          .append("</td><td><span class=\"badge s-").append(status.matches("[A-Z]+") ? status : "X").append("\">")
          .append(esc(status)).append("</span></td><td class=\"r\">").append(service.latencyMillis()).append(" ms</td><td>")
          .append(esc(service.detail())).append("</td></tr>");
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
      out.append("<div class=\"item b-MASKED\"><div class=\"name\" title=\"").append(esc(test.uniqueId())).append("\">")
          .append(esc(test.shortName())).append(" <span class=\"muted\">").append(esc(subtitle(test)))
          .append("</span></div>");
      servicesLine(test, out);
      out.append("<ul>");
      for (Evidence evidence : test.evidence()) {
        out.append("<li><span class=\"kind\">").append(evidence.kind()).append("</span> <span class=\"mono\">")
            .append(esc(evidence.detail())).append("</span></li>");
      }
      if (test.evidence().isEmpty()) {
        out.append("<li>").append(esc(test.message() == null ? "no evidence recorded" : test.message())).append("</li>");
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
      out.append("<div class=\"item b-NOT_RUN\"><div class=\"name\" title=\"").append(esc(test.uniqueId())).append("\">")
          .append(esc(test.shortName())).append(" <span class=\"badge r\">").append(test.reason())
          .append("</span> <span class=\"muted\">").append(esc(subtitle(test))).append("</span></div>");
      servicesLine(test, out);
      if (test.message() != null) {
        out.append("<div class=\"mono\">").append(esc(test.message())).append("</div>");
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
        out.append("<tr><td>").append(esc(test.shortName())).append("</td><td class=\"mono\">").append(esc(mock.field()))
            .append("</td><td class=\"mono\">").append(esc(mock.type())).append("</td><td>").append(esc(mock.reason()))
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
      out.append("<div class=\"svc\">requires ").append(esc(String.join(", ", test.services()))).append("</div>");
    }
  }

  private static void more(StringBuilder out, int count, String verdict) {
    out.append("<p class=\"muted\">... and ").append(count).append(" more: pick ").append(verdict)
        .append(" in the list of all guarded tests below.</p>");
  }

  /** {"v":[verdicts], "c":[classes], "s":[service sets], "n":[notes], "r":[[class, display, verdict, ms, note, services], ...]}. */
  private static void data(List<TestEntry> guarded, StringBuilder out) {
    Map<String, Integer> classes = new HashMap<>();
    List<String> classList = new ArrayList<>();
    Map<String, Integer> serviceSets = new HashMap<>();
    List<String> serviceList = new ArrayList<>();
    Map<String, Integer> notes = new HashMap<>();
    List<String> noteList = new ArrayList<>();
    StringBuilder rows = new StringBuilder(guarded.size() * 100);
    boolean first = true;
    List<TestEntry> ordered = new ArrayList<>(guarded);
    ordered.sort(java.util.Comparator.comparingInt(t -> LIST_ORDER[t.verdict().ordinal()]));
    for (TestEntry test : ordered) {
      String cls = test.className() == null ? "" : test.className();
      int c = classes.computeIfAbsent(cls, k -> {
        classList.add(k);
        return classList.size() - 1;
      });
      String set = String.join(", ", test.services());
      int sv = serviceSets.computeIfAbsent(set, k -> {
        serviceList.add(k);
        return serviceList.size() - 1;
      });
      if (!first) {
        rows.append(',');
      }
      first = false;
      rows.append('[').append(c).append(',');
      HtmlJson.string(test.displayName() == null ? String.valueOf(test.methodName()) : test.displayName(), rows);
      int n = notes.computeIfAbsent(note(test), k -> {
        noteList.add(k);
        return noteList.size() - 1;
      });
      rows.append(',').append(test.verdict().ordinal()).append(',').append(test.durationMillis()).append(',')
          .append(n).append(',').append(sv).append(']');
    }
    out.append("{\"v\":");
    HtmlJson.strings(List.of(VERDICTS), out);
    out.append(",\"c\":");
    HtmlJson.strings(classList, out);
    out.append(",\"s\":");
    HtmlJson.strings(serviceList, out);
    out.append(",\"n\":");
    HtmlJson.strings(noteList, out);
    out.append(",\"r\":[").append(rows).append("]}");
  }

  private static String note(TestEntry test) {
    return switch (test.verdict()) {
      case AUTHENTIC -> test.proof() != null ? test.proof() : test.unproven() == null ? "" : "unproven: " + test.unproven();
      case MASKED -> {
        StringBuilder note = new StringBuilder();
        for (Evidence evidence : test.evidence()) {
          if (note.length() > 0) {
            note.append(" | ");
          }
          note.append(evidence.kind()).append(' ').append(evidence.detail() == null ? "" : evidence.detail());
        }
        yield note.toString();
      }
      case NOT_RUN -> test.reason() + (test.message() == null ? "" : ": " + test.message());
      default -> {
        String detail = test.evidence().isEmpty() ? "" : test.evidence().get(0).kind() + " "
            + test.evidence().get(0).detail();
        yield test.message() != null ? test.message() : detail;
      }
    };
  }

  /** Escapes text for HTML element content and quoted attribute values. */
  static String esc(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> null;
      };
      if (replacement != null) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append(replacement);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  private static final String CSS = """
      :root{--fg:#111827;--muted:#6b7280;--line:#e5e7eb;--bg:#f9fafb}
      *{box-sizing:border-box}
      body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
      header.top{display:flex;gap:32px;flex-wrap:wrap;align-items:flex-end;padding:22px 32px;color:#fff}
      .o-AUTHENTIC{background:#1a7f37}.o-MASKED{background:#c2410c}.o-FAILED{background:#b91c1c}.o-NO_TESTS{background:#7f1d1d}
      header .label{font-size:12px;text-transform:uppercase;letter-spacing:.06em;opacity:.85}
      header .verdict{font-size:40px;font-weight:800;letter-spacing:.02em;line-height:1.1}
      header .pct{font-size:40px;font-weight:800;line-height:1.1}
      header .why{opacity:.95;max-width:520px}
      header .meta{margin-left:auto;font-size:13px}
      header .meta .label{display:inline-block;width:118px}
      section,.banner,footer,nav{max-width:1240px;margin:18px auto;padding:0 24px}
      .banner{max-width:1192px;background:#fef3c7;border:1px solid #f59e0b;border-radius:6px;padding:10px 16px;color:#78350f}
      .banner ul{margin:4px 0 0 18px;padding:0}
      nav{font-size:13px;color:var(--muted)}nav a{color:#1d4ed8;text-decoration:none}nav a:hover{text-decoration:underline}
      h2{font-size:18px;margin:26px 0 8px}
      h2 .n{font-size:13px;font-weight:600;color:var(--muted);margin-left:6px}
      .t-MASKED{color:#c2410c}.t-NOT_RUN{color:#4b5563}
      .overview{display:flex;gap:24px;align-items:center;flex-wrap:wrap}
      .cards{display:grid;grid-template-columns:repeat(4,minmax(120px,1fr));gap:10px;flex:1}
      .card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 14px}
      .card .num{font-size:26px;font-weight:700}.card .label{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.05em}
      .c-AUTHENTIC .num{color:#1a7f37}.c-MASKED .num{color:#c2410c}.c-FAILED .num{color:#b91c1c}.c-SERVICE_DOWN .num{color:#7c3aed}.c-NOT_RUN .num{color:#4b5563}
      .c-MASKED{border-color:#fdba74;background:#fff7ed}
      .chart{display:flex;align-items:center;gap:14px;margin:0}
      .chart figcaption div{font-size:12px;white-space:nowrap}.chart i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px}
      .dn{font-weight:700;fill:#111827}.dl{font-size:3.6px;fill:#6b7280}
      table{width:100%;border-collapse:collapse;background:#fff;border:1px solid var(--line)}
      th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:top}
      th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);background:#f3f4f6}
      .r{text-align:right;white-space:nowrap}
      .mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;word-break:break-word}
      .muted{color:var(--muted)}
      .badge{display:inline-block;padding:1px 7px;border-radius:10px;font-size:11.5px;font-weight:700;color:#fff;background:#6b7280;white-space:nowrap}
      .s-UP,.v-AUTHENTIC{background:#1a7f37}.s-DEGRADED{background:#b45309}.s-DOWN{background:#b91c1c}
      .v-MASKED{background:#c2410c}.v-FAILED{background:#b91c1c}.v-SERVICE_DOWN{background:#7c3aed}.v-NOT_RUN{background:#6b7280}
      .badge.r{background:#e5e7eb;color:#374151}
      .item{background:#fff;border:1px solid var(--line);border-left:4px solid #6b7280;border-radius:4px;padding:8px 12px;margin:8px 0}
      .b-MASKED{border-left-color:#c2410c}
      .item .name{font-weight:650}.item .name .muted{font-weight:400}
      .item ul{margin:4px 0 0;padding-left:18px}
      .svc{font-size:12px;color:var(--muted)}
      .kind{font-weight:700;font-size:12px;color:#9a3412}
      .filters{display:flex;gap:8px;align-items:center;flex-wrap:wrap;margin-bottom:8px}
      .filters input{flex:1;min-width:240px;padding:7px 10px;border:1px solid #d1d5db;border-radius:6px;font:inherit}
      .filters button,#more{padding:6px 10px;border:1px solid #d1d5db;border-radius:6px;background:#fff;font:inherit;font-size:12.5px;cursor:pointer}
      .filters button.on{background:#111827;color:#fff;border-color:#111827}
      #more{margin:10px 0}
      .list{table-layout:fixed}.list th:nth-child(1){width:128px}.list th:nth-child(2){width:34%}.list th:nth-child(3){width:120px}.list th:nth-child(4){width:76px}
      .list td{overflow-wrap:anywhere}
      .cls{color:var(--muted);font-size:12px}
      footer{color:var(--muted);font-size:12px;padding-bottom:30px}
      @media (max-width:800px){.cards{grid-template-columns:repeat(2,1fr)}header .meta{margin-left:0}}
      """;

  private static final String JS = """
      (function(){
      'use strict';
      var D=JSON.parse(document.getElementById('data').textContent);
      var V=D.v,C=D.c,S=D.s,N=D.n,R=D.r,PAGE=500;
            var hay=null,verdict=-1,query='',matches=R,shown=0;
      var tbody=document.getElementById('rows'),more=document.getElementById('more'),info=document.getElementById('shown');
      function el(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!=null)e.textContent=text;return e;}
      function ms(n){return n>=1000?(n/1000).toFixed(n>=10000?0:1)+' s':n+' ms';}
      function filter(){
        var q=query.toLowerCase();
        if(q&&!hay){hay=R.map(function(r){return (C[r[0]]+' '+r[1]+' '+N[r[4]]+' '+S[r[5]]+' '+V[r[2]]).toLowerCase();});}
        var out=[];
        for(var i=0;i<R.length;i++){var r=R[i];if(verdict>=0&&r[2]!==verdict)continue;if(q&&hay[i].indexOf(q)<0)continue;out.push(r);}
        matches=out;shown=0;tbody.textContent='';render();
      }
      function render(){
        var end=Math.min(matches.length,shown+PAGE),frag=document.createDocumentFragment();
        for(var i=shown;i<end;i++){
          var r=matches[i],tr=document.createElement('tr');
          var td=el('td');td.appendChild(el('span','badge v-'+V[r[2]],V[r[2]]));tr.appendChild(td);
          td=el('td');td.appendChild(el('div',null,r[1]));td.appendChild(el('div','cls',C[r[0]]));tr.appendChild(td);
          tr.appendChild(el('td',null,S[r[5]]));
          tr.appendChild(el('td','r',ms(r[3])));
          tr.appendChild(el('td','mono',N[r[4]]));
          frag.appendChild(tr);
        }
        tbody.appendChild(frag);shown=end;
        more.hidden=shown>=matches.length;
        more.textContent='Show more ('+(matches.length-shown)+' left)';
        info.textContent=matches.length===R.length?R.length+' tests':matches.length+' of '+R.length+' tests';
      }
      var counts=V.map(function(){return 0;});R.forEach(function(r){counts[r[2]]++;});
      var bar=document.getElementById('vb'),buttons=[];
      function button(label,v){
        var b=el('button',v<0?'on':null,label);b.type='button';
        b.addEventListener('click',function(){verdict=v;buttons.forEach(function(x){x.className='';});b.className='on';filter();});
        buttons.push(b);bar.appendChild(b);
      }
      button('All '+R.length,-1);
      V.forEach(function(v,i){if(counts[i]>0)button(v+' '+counts[i],i);});
      var timer=null;
      document.getElementById('q').addEventListener('input',function(e){
        clearTimeout(timer);var value=e.target.value;timer=setTimeout(function(){query=value.trim();filter();},R.length>20000?200:60);
      });
      more.addEventListener('click',render);
      render();
      })();
      """;
}
