package io.github.authenticity.core.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apiguardian.api.API;

import io.github.authenticity.core.detect.InteractionMonitor;
import io.github.authenticity.core.redact.Redactor;
import io.github.authenticity.core.redact.Visible;

/**
 * The short block printed at the end of each test JVM (SPEC "What a user sees"), e.g.
 *
 * <pre>
 * [authenticity] 27 guarded tests: 21 authentic, 4 MASKED, 1 SERVICE_DOWN, 1 not run
 * [authenticity] MASKED AgentExecutionE2E.agentRuns: FALLBACK_LOG "Using MockWebSocketManager due to connection failure"
 * [authenticity] report: target/surefire-reports/authenticity-report.html
 * </pre>
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ConsoleSummary {

  /** Every line starts with this. */
  public static final String PREFIX = "[authenticity] ";

  /** At most this many lines per kind of problem, then {@code ... and N more}. */
  static final int MAX_LINES = 10;

  private static final int MAX_DETAIL = 160;

  private ConsoleSummary() {
  }

  /** The lines of the block; {@code htmlReport} may be {@code null} when no report was written. */
  public static List<String> lines(Report report, Path htmlReport) {
    List<String> lines = new ArrayList<>();
    Summary s = report.summary();
    if (!report.complete()) {
      lines.add(PREFIX + "INCOMPLETE: " + report.incompleteReasons().get(0)
          + (report.incompleteReasons().size() > 1 ? " (and " + (report.incompleteReasons().size() - 1) + " more "
              + plural(report.incompleteReasons().size() - 1, "reason") + " in the report)" : ""));
    }
    if (s.guarded() == 0) {
      lines.add(PREFIX + "no guarded tests (" + s.executed() + " " + plural(s.executed(), "test") + " executed)");
    } else {
      List<String> parts = new ArrayList<>();
      add(parts, s.authentic(), "authentic" + (s.unproven() > 0 ? " (" + s.unproven() + " unproven)" : ""));
      add(parts, s.masked(), "MASKED");
      add(parts, s.failed(), "FAILED");
      add(parts, s.serviceDown(), "SERVICE_DOWN");
      add(parts, s.notRun(), "not run");
      lines.add(PREFIX + s.guarded() + " guarded " + plural(s.guarded(), "test") + ": " + String.join(", ", parts));
    }
    int withoutAgent = 0;
    for (TestEntry test : report.tests()) {
      if (test.guarded() && test.unproven() != null && test.unproven().contains(InteractionMonitor.NO_AGENT)) {
        withoutAgent++;
      }
    }
    if (withoutAgent > 0) {
      lines.add(PREFIX + withoutAgent + " guarded " + plural(withoutAgent, "test") + " ran without the agent, so "
          + "no socket proof: add the authenticity-maven-plugin's prepare-agent goal (README, \"Socket proof\")");
    }
    if (report.verdict() == OverallVerdict.NO_TESTS) {
      lines.add(PREFIX + "NO_TESTS: " + s.guarded() + " guarded " + plural(s.guarded(), "test")
          + ", none executed" + (s.notRun() > 0 ? " (" + notRunBreakdown(s).substring(2) + ")" : ""));
    }
    int shown = 0;
    int masked = 0;
    for (TestEntry test : report.tests()) {
      if (test.guarded() && test.verdict() == Verdict.MASKED) {
        masked++;
        if (shown < MAX_LINES) {
          lines.add(PREFIX + "MASKED " + test.shortName() + ": " + evidence(test));
          shown++;
        }
      }
    }
    if (masked > shown) {
      lines.add(PREFIX + "... and " + (masked - shown) + " more MASKED");
    }
    serviceDownLines(report, lines);
    int conditions = 0;
    for (TestEntry test : report.tests()) {
      if (test.guarded() && test.verdict() == Verdict.NOT_RUN && test.reason() == NotRunReason.CONDITION) {
        if (conditions++ < MAX_LINES) {
          lines.add(PREFIX + "CONDITION " + test.shortName() + ": "
              + (test.message() == null ? "switched off by a condition" : abbreviate(test.message())));
        }
      }
    }
    if (conditions > MAX_LINES) {
      lines.add(PREFIX + "... and " + (conditions - MAX_LINES) + " more CONDITION");
    }
    if (s.notRun() > 0 && report.verdict() != OverallVerdict.NO_TESTS) {
      lines.add(PREFIX + "not run: " + notRunBreakdown(s).substring(2));
    }
    if (htmlReport != null) {
      lines.add(PREFIX + "report: " + htmlReport);
    }
    return lines.stream().map(line -> Visible.of(Redactor.redact(line))).toList();
  }

  /** {@code KIND detail} of the first evidence, {@code (+N more)} when there are more. */
  static String evidence(TestEntry test) {
    if (test.evidence().isEmpty()) {
      return test.message() == null ? "no evidence recorded" : abbreviate(test.message());
    }
    Evidence first = test.evidence().get(0);
    String text = first.kind() + (first.detail() == null || first.detail().isBlank() ? "" : " " + abbreviate(first.detail()));
    return test.evidence().size() > 1 ? text + " (+" + (test.evidence().size() - 1) + " more)" : text;
  }

  /** {@code , 3 NOT_DISCOVERED, 1 DISABLED}, or empty. */
  static String notRunBreakdown(Summary s) {
    StringBuilder out = new StringBuilder();
    if (s.notDiscovered() > 0) {
      out.append(", ").append(s.notDiscovered()).append(" NOT_DISCOVERED");
    }
    if (s.notExecuted() > 0) {
      out.append(", ").append(s.notExecuted()).append(" NOT_EXECUTED");
    }
    if (s.condition() > 0) {
      out.append(", ").append(s.condition()).append(" CONDITION");
    }
    if (s.disabled() > 0) {
      out.append(", ").append(s.disabled()).append(" DISABLED");
    }
    if (s.otherEnvironment() > 0) {
      out.append(", ").append(s.otherEnvironment()).append(" ENVIRONMENT");
    }
    return out.toString();
  }

  private static void serviceDownLines(Report report, List<String> lines) {
    Map<String, Integer> stopped = new LinkedHashMap<>();
    for (TestEntry test : report.tests()) {
      if (test.guarded() && test.verdict() == Verdict.SERVICE_DOWN) {
        for (String service : test.services()) {
          stopped.merge(service, 1, Integer::sum);
        }
      }
    }
    int shown = 0;
    for (ServiceStatus service : report.services()) {
      if (!"DOWN".equals(service.status()) || shown >= MAX_LINES) {
        continue;
      }
      Integer count = stopped.get(service.name());
      lines.add(PREFIX + "SERVICE_DOWN " + service.name()
          + (service.endpoint() == null ? "" : " " + service.endpoint()) + ": "
          + (service.detail() == null ? "DOWN" : abbreviate(service.detail()))
          + (count == null ? "" : " (" + count + " " + plural(count, "test") + ")"));
      shown++;
    }
  }

  private static void add(List<String> parts, int count, String label) {
    if (count > 0) {
      parts.add(count + " " + label);
    }
  }

  static String plural(int count, String word) {
    return count == 1 ? word : word + "s";
  }

  static String abbreviate(String text) {
    String line = text.replace('\r', ' ').replace('\n', ' ');
    return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL - 3) + "...";
  }
}
