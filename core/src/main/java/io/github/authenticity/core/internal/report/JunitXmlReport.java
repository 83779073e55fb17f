package io.github.authenticity.core.internal.report;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.NotRunReason;
import io.github.authenticity.core.internal.model.Report;
import io.github.authenticity.core.internal.model.TestEntry;
import io.github.authenticity.core.internal.model.Verdict;

/**
 * {@code TEST-authenticity.xml}: one {@code <testcase>} per guarded test in a suite named {@code authenticity}, so
 * CI servers that read Surefire XML show the truth on their own. MASKED, NOT_DISCOVERED and NOT_EXECUTED are
 * failures; FAILED and SERVICE_DOWN are failures too (they also fail in Surefire's own XML, but this suite must
 * not look green beside them); DISABLED, ENVIRONMENT and ALLOWED_SKIP are skipped with their reason.
 */
final class JunitXmlReport {

  private JunitXmlReport() {
  }

  static String render(Report report) {
    List<TestEntry> guarded = report.guardedTests();
    Map<String, Integer> names = new HashMap<>();
    for (TestEntry test : guarded) {
      names.merge(test.className() + "#" + test.methodName(), 1, Integer::sum);
    }
    int failures = 0;
    int skipped = 0;
    long millis = 0;
    StringBuilder cases = new StringBuilder(guarded.size() * 160);
    for (TestEntry test : guarded) {
      millis += test.durationMillis();
      String name = test.methodName() == null ? test.displayName() : test.methodName();
      if (names.getOrDefault(test.className() + "#" + test.methodName(), 0) > 1 && test.displayName() != null) {
        String display = test.displayName();
        name = name + " " + display.substring(display.lastIndexOf(" > ") < 0 ? 0 : display.lastIndexOf(" > ") + 3);
      }
      cases.append("  <testcase classname=\"").append(xml(test.className())).append("\" name=\"").append(xml(name))
          .append("\" time=\"").append(seconds(test.durationMillis())).append('"');
      Verdict verdict = test.verdict();
      if (verdict == Verdict.AUTHENTIC) {
        cases.append("/>\n");
        continue;
      }
      cases.append(">\n");
      if (verdict == Verdict.NOT_RUN && (test.reason() == NotRunReason.DISABLED
          || test.reason() == NotRunReason.ENVIRONMENT || test.reason() == NotRunReason.ALLOWED_SKIP)) {
        skipped++;
        cases.append("    <skipped message=\"").append(xml(test.reason() + (test.message() == null ? ""
            : ": " + test.message()))).append("\"/>\n");
      } else {
        failures++;
        String type = verdict == Verdict.NOT_RUN ? "NOT_RUN." + test.reason() : verdict.name();
        String first = verdict == Verdict.NOT_RUN
            ? test.reason() + (test.message() == null ? "" : ": " + test.message())
            : verdict + ": " + ConsoleSummary.evidence(test);
        cases.append("    <failure type=\"").append(xml(type)).append("\" message=\"").append(xml(first)).append("\">");
        for (Evidence evidence : test.evidence()) {
          cases.append(xml(evidence.kind() + " " + (evidence.detail() == null ? "" : evidence.detail()))).append('\n');
        }
        if (test.message() != null) {
          cases.append(xml(test.message())).append('\n');
        }
        if (!test.services().isEmpty()) {
          cases.append("requires ").append(xml(String.join(", ", test.services()))).append('\n');
        }
        cases.append("</failure>\n");
      }
      cases.append("  </testcase>\n");
    }
    StringBuilder out = new StringBuilder(cases.length() + 1024);
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"authenticity\" tests=\"")
        .append(guarded.size()).append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"")
        .append(skipped).append("\" time=\"").append(seconds(millis)).append('"');
    if (report.generatedAt() != null) {
      out.append(" timestamp=\"").append(report.generatedAt().toString().replaceFirst("\\.\\d+Z$", "Z")).append('"');
    }
    out.append(">\n  <properties>\n")
        .append("    <property name=\"authenticity.verdict\" value=\"").append(report.verdict()).append("\"/>\n")
        .append("    <property name=\"authenticity.environment\" value=\"").append(xml(report.environment()))
        .append("\"/>\n    <property name=\"authenticity.complete\" value=\"").append(report.complete())
        .append("\"/>\n  </properties>\n").append(cases).append("</testsuite>\n");
    return out.toString();
  }

  /**
   * {@code 1234} ms as {@code 1.234}, as {@code %.3f} would, without a {@code Formatter} per test case (it showed in
   * the bench profile).
   */
  static String seconds(long millis) {
    if (millis < 0) {
      return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
    String fraction = Long.toString(millis % 1000);
    return millis / 1000 + ("." + "00".substring(0, 3 - fraction.length())) + fraction;
  }

  /** Escapes text for XML content and attributes, dropping characters XML 1.0 does not allow. */
  static String xml(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        case '\n' -> out.append("&#10;");
        case '\r' -> out.append("&#13;");
        case '\t' -> out.append("&#9;");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
            out.append('?');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
