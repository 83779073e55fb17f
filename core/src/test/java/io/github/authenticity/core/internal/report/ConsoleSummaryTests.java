package io.github.authenticity.core.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.authenticity.core.internal.model.CheckSettings;
import io.github.authenticity.core.internal.model.CompiledTest;
import io.github.authenticity.core.internal.model.Report;

class ConsoleSummaryTests {

  @TempDir
  Path dir;

  @Test
  void printsTheSpecBlock() {
    Report report = MixedRun.report(dir);
    assertThat(ConsoleSummary.lines(report, Path.of("target/surefire-reports/authenticity-report.html"))).containsExactly(
        "[authenticity] 27 guarded tests: 21 authentic, 4 MASKED, 1 SERVICE_DOWN, 1 not run",
        "[authenticity] MASKED AgentExecutionE2E.agentRuns: FALLBACK_LOG \"Using MockWebSocketManager due to connection failure\"",
        "[authenticity] MASKED AgentExecutionE2E.agentStreams: NO_INTERACTION no bytes exchanged with 127.0.0.1:18080"
            + " (backend) or 127.0.0.1:18080 (websocket) (+1 more)",
        "[authenticity] MASKED OrderE2E.placesOrder: MOCK_OBJECT field paymentClient holds a Mockito mock of PaymentClient",
        "[authenticity] MASKED OrderE2E.refunds: ABORTED an assumption aborted the test, and a skip is not a pass: Assumption failed: payments sandbox not configured",
        "[authenticity] SERVICE_DOWN payments https://payments.internal/health: timed out after 2000 ms (1 test)",
        "[authenticity] not run: 1 NOT_DISCOVERED",
        "[authenticity] report: target/surefire-reports/authenticity-report.html");
  }

  @Test
  void capsMaskedLinesAndSaysWhenTheRunIsIncompleteOrExecutedNothing() {
    try (Events events = Events.create(dir, "local", false)) {
      for (int i = 0; i < 12; i++) {
        events.ran("a.b.Masked$Nested", "t" + i, "MASKED", "FALLBACK_REPORTED", "backend replaced by InMemoryBackend");
      }
      Report report = new ReportBuilder().addEventFile(events.read()).build();
      List<String> lines = ConsoleSummary.lines(report, null);
      assertThat(lines).hasSize(14);
      assertThat(lines.get(0)).isEqualTo("[authenticity] INCOMPLETE: Run [" + events.run + "] in [" + events.file()
          + "] never ended: its test JVM stopped before the test plan finished.");
      assertThat(lines.get(1)).isEqualTo("[authenticity] 12 guarded tests: 12 MASKED");
      assertThat(lines.get(2)).isEqualTo("[authenticity] MASKED 12 by first evidence: 12 FALLBACK_REPORTED");
      assertThat(lines.get(3)).isEqualTo("[authenticity] MASKED Masked.Nested.t0: FALLBACK_REPORTED backend replaced by InMemoryBackend");
      assertThat(lines.get(13)).isEqualTo("[authenticity] ... and 2 more MASKED (every one is in the report)");
    }
  }

  @Test
  void saysNoTestsWhenGuardedTestsExistButNoneExecuted() {
    Report report = new ReportBuilder().addCompiledTests(List.of(
        new CompiledTest("a.OrderE2E", "placesOrder", List.of("backend"), false),
        new CompiledTest("a.OrderE2E", "cancels", List.of("backend"), false))).build();
    assertThat(ConsoleSummary.lines(report, Path.of("authenticity-report.html"))).containsExactly(
        "[authenticity] 2 guarded tests: 2 not run",
        "[authenticity] NO_TESTS: 2 guarded tests, none executed (2 NOT_DISCOVERED)",
        "[authenticity] report: authenticity-report.html");
  }

  @Test
  void saysSoWhenThereIsNoGuardedTest() {
    try (Events events = Events.create(dir, "local", false)) {
      String uid = events.test("a.UnitTest", "adds", false);
      events.started(uid).finished(uid, "SUCCESSFUL", 1, null).end();
      assertThat(ConsoleSummary.lines(new ReportBuilder().addEventFile(events.read()).build(), null))
          .containsExactly("[authenticity] no guarded tests (1 test executed)");
    }
  }

  @Test
  void onASixHundredTestSuiteTheBlockStaysShortGroupedByReasonAndSaysWhatTheCheckFailsOn() {
    try (Events events = Events.create(dir, "local", false)) {
      for (int i = 0; i < 500; i++) {
        events.ran("a.ListCommandIntegrationTests", "ok" + i, "AUTHENTIC");
      }
      for (int i = 0; i < 99; i++) {
        String uid = events.test("a.ListCommandIntegrationTests", "gated" + i, true, "redis");
        events.finished(uid, "SKIPPED", 0, "command CMD" + (i % 12) + " not available on Redis version 7.0.15");
      }
      for (int i = 0; i < 20; i++) {
        events.ran("a.AggregateIntegrationTests", "agg" + i, "MASKED", "ABORTED", "an assumption aborted the test"
            + " body, and a skip is not a pass: Assumption failed: AGGREGATE COUNT requires Redis 8.8");
      }
      events.end();
      Report report = new ReportBuilder().addEventFile(events.read()).build();

      List<String> lines = ConsoleSummary.lines(report, null, CheckSettings.defaults());

      assertThat(lines).hasSizeLessThanOrEqualTo(30).startsWith(
          "[authenticity] 619 guarded tests: 500 authentic, 20 MASKED, 99 not run",
          "[authenticity] MASKED 20 by first evidence: 20 ABORTED");
      assertThat(lines).contains("[authenticity] ... and 10 more MASKED (every one is in the report)",
          "[authenticity] not run: 99 CONDITION",
          "[authenticity] CONDITION 9 tests (ListCommandIntegrationTests.gated0, ...): command CMD0 not available on"
              + " Redis version 7.0.15",
          "[authenticity] ... and 16 more CONDITION tests with 2 other reasons (every one is in the report)",
          "[authenticity] authenticity:check fails this build on: 20 MASKED, 99 CONDITION guarded tests. If the build"
              + " stops before the check runs (failsafe:verify bound first, testFailureIgnore, an earlier failing"
              + " module), this is its verdict.");
      List<String> logged = Check.evaluate(report, CheckSettings.defaults()).loggedViolations();
      assertThat(logged).as("the check's log is bounded too").hasSize(CheckResult.MAX_LOGGED + 1)
          .endsWith("... and 94 more (every one is in the report)");
    }
  }

  @Test
  void theHeadlineUnderAMaskedVerdictCountsSkipsApartFromPasses() {
    Report report = MixedRun.report(dir);

    assertThat(ConsoleSummary.maskedHeadline(report)).isEqualTo("3 guarded tests passed, but the evidence says not"
        + " against their real services; 1 was skipped by an assumption (or for want of Docker), and a skip is not a"
        + " pass; 1 did not run (1 NOT_DISCOVERED).");
  }
}
