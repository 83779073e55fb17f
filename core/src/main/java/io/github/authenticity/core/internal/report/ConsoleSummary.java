package io.github.authenticity.core.internal.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apiguardian.api.API;

import io.github.authenticity.core.internal.model.CheckSettings;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import io.github.authenticity.core.internal.model.NotRunReason;
import io.github.authenticity.core.internal.model.OverallVerdict;
import io.github.authenticity.core.internal.model.Report;
import io.github.authenticity.core.internal.model.ServiceStatus;
import io.github.authenticity.core.internal.model.SkipRuleUse;
import io.github.authenticity.core.internal.model.Summary;
import io.github.authenticity.core.internal.model.TestEntry;
import io.github.authenticity.core.internal.model.Unproven;
import io.github.authenticity.core.internal.model.Verdict;
import io.github.authenticity.core.internal.redact.Redactor;
import io.github.authenticity.core.internal.redact.Visible;

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
    return lines(report, htmlReport, null);
  }

  /**
   * The lines of the block, bounded whatever the suite's size: the counts, then each kind of problem grouped (by
   * evidence, by reason, by rule) with at most {@value #MAX_LINES} tests named, the warnings, what
   * {@code authenticity:check} with {@code gate} would fail on (so the verdict reaches the user even when the build
   * stops before the goal runs; {@code null} for no such line), and where the report is.
   */
  public static List<String> lines(Report report, Path htmlReport, CheckSettings gate) {
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
      if (test.guarded() && test.unproven() != null && test.unproven().contains(Unproven.NO_AGENT)) {
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
    maskedLines(report, lines);
    serviceDownLines(report, lines);
    conditionLines(report, lines);
    if (s.notRun() > 0 && report.verdict() != OverallVerdict.NO_TESTS) {
      lines.add(PREFIX + "not run: " + notRunBreakdown(s).substring(2));
    }
    for (SkipRuleUse rule : report.skipRules()) {
      if (!rule.stale()) {
        lines.add(PREFIX + "ALLOWED_SKIP " + rule.allowed() + " " + plural(rule.allowed(), "test") + " by rule ["
            + rule.rule() + "]");
      }
    }
    for (SkipRuleUse rule : report.staleSkipRules()) {
      lines.add(PREFIX + "WARNING " + io.github.authenticity.core.internal.judge.VerdictMessages.staleSkipRule(rule.rule()));
    }
    if (gate != null && s.guarded() > 0) {
      CheckResult result = Check.evaluate(report, gate);
      if (result.failed()) {
        lines.add(PREFIX + "authenticity:check fails this build on: " + result.headline()
            .substring("Authenticity check failed: ".length()) + " If the build stops before the check runs"
            + " (failsafe:verify bound first, testFailureIgnore, an earlier failing module), this is its verdict.");
      }
    }
    if (htmlReport != null) {
      lines.add(PREFIX + "report: " + htmlReport);
    }
    return lines.stream().map(line -> Visible.of(Redactor.redact(line))).toList();
  }

  /** {@code MASKED n: 15 ABORTED, 5 NO_INTERACTION} when several kinds, then at most MAX_LINES tests. */
  private static void maskedLines(Report report, List<String> lines) {
    List<TestEntry> masked = report.tests().stream().filter(t -> t.guarded() && t.verdict() == Verdict.MASKED)
        .toList();
    if (masked.isEmpty()) {
      return;
    }
    Map<String, Integer> byKind = new LinkedHashMap<>();
    for (TestEntry test : masked) {
      byKind.merge(test.evidence().isEmpty() ? "(no evidence)" : test.evidence().get(0).kind().name(), 1,
          Integer::sum);
    }
    if (masked.size() > MAX_LINES) {
      List<String> kinds = new ArrayList<>();
      byKind.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
          .forEach(e -> kinds.add(e.getValue() + " " + e.getKey()));
      lines.add(PREFIX + "MASKED " + masked.size() + " by first evidence: " + String.join(", ", kinds));
    }
    for (int i = 0; i < Math.min(MAX_LINES, masked.size()); i++) {
      lines.add(PREFIX + "MASKED " + masked.get(i).shortName() + ": " + evidence(masked.get(i)));
    }
    if (masked.size() > MAX_LINES) {
      lines.add(PREFIX + "... and " + (masked.size() - MAX_LINES) + " more MASKED (every one is in the report)");
    }
  }

  /**
   * CONDITION tests: one line each when there are at most MAX_LINES, else grouped by their reason, the largest group
   * first, at most MAX_LINES groups.
   */
  private static void conditionLines(Report report, List<String> lines) {
    Map<String, List<TestEntry>> byReason = new LinkedHashMap<>();
    for (TestEntry test : report.tests()) {
      if (test.guarded() && test.verdict() == Verdict.NOT_RUN && test.reason() == NotRunReason.CONDITION) {
        byReason.computeIfAbsent(test.message() == null ? "switched off by a condition" : test.message(),
            k -> new ArrayList<>()).add(test);
      }
    }
    int total = byReason.values().stream().mapToInt(List::size).sum();
    if (total <= MAX_LINES) {
      // few: one line each, as they are
      byReason.forEach((reason, tests) -> tests.forEach(test -> lines.add(PREFIX + "CONDITION " + test.shortName()
          + ": " + abbreviate(reason))));
      return;
    }
    List<Map.Entry<String, List<TestEntry>>> groups = new ArrayList<>(byReason.entrySet());
    groups.sort((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size()));
    for (int i = 0; i < Math.min(MAX_LINES, groups.size()); i++) {
      List<TestEntry> tests = groups.get(i).getValue();
      lines.add(PREFIX + "CONDITION " + (tests.size() == 1 ? tests.get(0).shortName()
          : tests.size() + " tests (" + tests.get(0).shortName() + ", ...)") + ": " + abbreviate(groups.get(i).getKey()));
    }
    if (groups.size() > MAX_LINES) {
      int rest = groups.subList(MAX_LINES, groups.size()).stream().mapToInt(e -> e.getValue().size()).sum();
      lines.add(PREFIX + "... and " + rest + " more CONDITION " + plural(rest, "test") + " with "
          + (groups.size() - MAX_LINES) + " other " + plural(groups.size() - MAX_LINES, "reason")
          + " (every one is in the report)");
    }
  }

  /**
   * The sentence under a {@code MASKED} verdict that counts exactly what it says, e.g. {@code 28 guarded tests passed,
   * but the evidence says not against their real services; 20 were skipped by an assumption, and a skip is not a
   * pass; 3 did not run (3 CONDITION).}
   */
  public static String maskedHeadline(Report report) {
    Summary s = report.summary();
    int skipped = 0;
    for (TestEntry test : report.tests()) {
      if (test.guarded() && test.verdict() == Verdict.MASKED && skippedNotPassed(test)) {
        skipped++;
      }
    }
    int passed = s.masked() - skipped;
    List<String> parts = new ArrayList<>();
    if (passed > 0) {
      parts.add(passed + " guarded " + plural(passed, "test") + " passed, but the evidence says not against "
          + (passed == 1 ? "its" : "their") + " real services");
    }
    if (skipped > 0) {
      parts.add(skipped + (passed > 0 ? "" : " guarded " + plural(skipped, "test")) + (skipped == 1 ? " was" : " were")
          + " skipped by an assumption (or for want of Docker), and a skip is not a pass");
    }
    if (s.notRun() > 0) {
      parts.add(s.notRun() + (parts.isEmpty() ? " guarded " + plural(s.notRun(), "test") : "") + " did not run ("
          + notRunBreakdown(s).substring(2) + ")");
    }
    return String.join("; ", parts) + ".";
  }

  /** Whether a masked test was skipped (an assumption, a Testcontainers skip) rather than passing. */
  static boolean skippedNotPassed(TestEntry test) {
    return test.evidence().stream().anyMatch(e -> e.kind() == EvidenceKind.ABORTED
        || e.kind() == EvidenceKind.CONTAINER_SKIP);
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
    if (s.allowedSkip() > 0) {
      out.append(", ").append(s.allowedSkip()).append(" ALLOWED_SKIP");
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
