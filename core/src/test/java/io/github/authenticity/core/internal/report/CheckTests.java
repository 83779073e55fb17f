package io.github.authenticity.core.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.authenticity.core.internal.model.CheckSettings;
import io.github.authenticity.core.internal.model.CompiledTest;
import io.github.authenticity.core.internal.model.OverallVerdict;
import io.github.authenticity.core.internal.model.Report;

class CheckTests {

  @TempDir
  Path dir;

  private static final Path REPORTS = Path.of("target/surefire-reports");

  @Test
  void failsOnMaskedAndNotDiscoveredWithOneViolationALine() {
    CheckResult result = Check.evaluate(MixedRun.report(dir), CheckSettings.defaults());
    assertThat(result.failed()).isTrue();
    assertThat(result.violations()).containsExactly(
        "MASKED AgentExecutionE2E.agentRuns: FALLBACK_LOG \"Using MockWebSocketManager due to connection failure\"",
        "MASKED AgentExecutionE2E.agentStreams: NO_INTERACTION no bytes exchanged with 127.0.0.1:18080 (backend) or"
            + " 127.0.0.1:18080 (websocket) (+1 more)",
        "MASKED OrderE2E.placesOrder: MOCK_OBJECT field paymentClient holds a Mockito mock of PaymentClient",
        "MASKED OrderE2E.refunds: ABORTED an assumption aborted the test, and a skip is not a pass: Assumption failed: payments sandbox not configured",
        "NOT_DISCOVERED SearchE2ETestCase.findsProducts: compiled, but in no test plan");
    assertThat(result.summary(REPORTS)).isEqualTo("Authenticity check failed: 4 MASKED, 1 NOT_DISCOVERED guarded tests."
        + " NOT_DISCOVERED tests are compiled but in no test plan: check the Surefire includes, -Dgroups and"
        + " -DexcludedGroups, and the JUnit engine dependency. See target/surefire-reports for the authenticity report."
        + " (Set -Dauthenticity.failOnMasked=false and -Dauthenticity.failOnNotRun=false to ignore this.)");
  }

  @Test
  void eachRuleCanBeTurnedOff() {
    Report report = MixedRun.report(dir);
    CheckResult notRunOnly = Check.evaluate(report, new CheckSettings(false, true, false, 1, false, true));
    assertThat(notRunOnly.violations()).hasSize(1);
    assertThat(notRunOnly.summary(REPORTS)).startsWith("Authenticity check failed: 1 NOT_DISCOVERED guarded test.");

    CheckResult passed = Check.evaluate(report, new CheckSettings(false, false, false, 1, false, true));
    assertThat(passed.failed()).isFalse();
    assertThat(passed.violations()).isEmpty();
    assertThat(passed.summary(REPORTS)).isEqualTo("Authenticity check passed: 27 guarded tests, 21 authentic,"
        + " 4 MASKED, 1 SERVICE_DOWN, 1 not run (1 NOT_DISCOVERED)."
        + " See target/surefire-reports for the authenticity report.");
  }

  @Test
  void tellsWhyNothingRanWhenGuardedTestsWereCompiledButNoneExecuted() {
    Report report = new ReportBuilder().addCompiledTests(List.of(
        new CompiledTest("a.OrderE2E", "placesOrder", List.of("backend"), false),
        new CompiledTest("a.OrderE2E", "cancels", List.of("backend"), false),
        new CompiledTest("a.OrderE2E", "refunds", List.of("backend"), false))).build();
    CheckResult result = Check.evaluate(report, new CheckSettings(true, false, false, 1, false, true));
    assertThat(result.violations()).containsExactly("NO_TESTS: 3 guarded tests compiled, none executed");
    assertThat(result.summary(REPORTS)).isEqualTo("Authenticity check failed: 3 guarded tests compiled, but none"
        + " executed. Check the Surefire includes (test classes named *Test, *Tests, *TestCase or Test*), -Dgroups"
        + " and -DexcludedGroups, and that a JUnit engine (junit-jupiter-engine) is a test dependency."
        + " See target/surefire-reports for the authenticity report. (Set -Dauthenticity.minExecuted=0 to ignore this.)");

    assertThat(Check.evaluate(report, new CheckSettings(true, false, false, 0, false, true)).failed()).isFalse();
  }

  @Test
  void aGuardThatWasSwitchedOffFailsWithItsLikelyCauseWhenTestsRanButNoEventsWereWritten() {
    Report report = new ReportBuilder().addCompiledTests(List.of(
        new CompiledTest("a.OrderE2E", "placesOrder", List.of("backend"), false),
        new CompiledTest("a.OrderE2E", "refunds", List.of("backend"), false))).build();
    Check.TestPluginRun ran = new Check.TestPluginRun(1, REPORTS, Path.of("target/authenticity"));

    CheckResult result = Check.evaluate(report, CheckSettings.defaults(), ran);

    assertThat(result.violations()).containsExactly("NO_EVENTS: 2 guarded tests compiled, the test plugin ran tests"
        + " (1 result file in [target/surefire-reports]), but no events file was written into [target/authenticity]");
    assertThat(result.summary(REPORTS)).isEqualTo("Authenticity check failed: guarded tests are compiled but no"
        + " events were written. The Authenticity listener did not record the run, so no guarded test was judged."
        + " Likely cause: it was deactivated (junit.platform.execution.listeners.deactivate names it or a pattern"
        + " that matches io.github.authenticity.junit.AuthenticityListener, in junit-platform.properties or a system"
        + " property), or authenticity-junit-extension is not on the test class path (classpathDependencyExcludes,"
        + " or a scope other than test). See target/surefire-reports for the authenticity report. (Set -Dauthenticity.minExecuted=0 to ignore this.)");
  }

  @Test
  void withoutTestResultsOrWithEventsTheSwitchedOffGuardRuleDoesNotApply() {
    Report compiledOnly = new ReportBuilder().addCompiledTests(List.of(
        new CompiledTest("a.OrderE2E", "placesOrder", List.of("backend"), false))).build();

    // "Tests run: 0": the test plugin found nothing to run, a discovery problem (NO_TESTS)
    assertThat(Check.evaluate(compiledOnly, CheckSettings.defaults(),
        new Check.TestPluginRun(0, REPORTS, Path.of("target/authenticity"))).violations())
        .containsExactly("NOT_DISCOVERED OrderE2E.placesOrder: compiled, but in no test plan",
            "NO_TESTS: 1 guarded test compiled, none executed");
    assertThat(Check.evaluate(compiledOnly, new CheckSettings(true, true, false, 0, false, true),
        new Check.TestPluginRun(3, REPORTS, Path.of("target/authenticity"))).violations())
        .as("minExecuted=0 opts out").noneMatch(violation -> violation.startsWith("NO_EVENTS"));
    Report withEvents = MixedRun.report(dir);
    assertThat(Check.evaluate(withEvents, CheckSettings.defaults(), new Check.TestPluginRun(3, REPORTS, dir))
        .violations()).isEqualTo(Check.evaluate(withEvents, CheckSettings.defaults()).violations());
  }

  @Test
  void countsDisabledAndEnvironmentOnlyWhenAskedAndEnforcesMinExecuted() {
    try (Events events = Events.create(dir, "local", false)) {
      events.ran("a.OrderE2E", "placesOrder", "AUTHENTIC");
      String disabled = events.test("a.OrderE2E", "disabled", true, "backend");
      events.disabled(disabled, "@Disabled: JIRA-12");
      String staging = events.test("a.DeployE2E", "deploys", true, true, "backend");
      events.finished(staging, "SKIPPED", 0, "not staging");
      events.end();
      Report report = new ReportBuilder().addEventFile(events.read()).build();

      assertThat(Check.evaluate(report, CheckSettings.defaults()).failed()).isFalse();
      CheckResult strict = Check.evaluate(report, new CheckSettings(true, true, true, 2, true, true));
      assertThat(strict.violations()).containsExactly(
          "DISABLED OrderE2E.disabled: @Disabled: JIRA-12",
          "ENVIRONMENT DeployE2E.deploys: not staging",
          "Only 1 guarded test executed, fewer than minExecuted [2]");
      assertThat(strict.summary(REPORTS)).isEqualTo("Authenticity check failed: 1 DISABLED, 1 ENVIRONMENT guarded"
          + " tests; only 1 guarded test executed, fewer than minExecuted [2]. See target/surefire-reports for the"
          + " authenticity report. (Set -Dauthenticity.failOnDisabled=false and -Dauthenticity.requireEnvironment="
          + " and -Dauthenticity.minExecuted=0 to ignore this.)");
    }
  }

  @Test
  void tellsThatATestJvmMayHaveDiedWhenDiscoveredTestsNeverStarted() {
    try (Events events = Events.create(dir, "local", false)) {
      events.test("a.OrderE2E", "placesOrder", true, "backend");
      events.test("a.OrderE2E", "cancels", true, "backend");
      Report report = new ReportBuilder().addEventFile(events.read()).build();
      assertThat(report.verdict()).isEqualTo(OverallVerdict.NO_TESTS);
      CheckResult result = Check.evaluate(report, CheckSettings.defaults());
      assertThat(result.violations()).containsExactly(
          "NOT_EXECUTED OrderE2E.placesOrder: discovered, but never started (did its test JVM die?)",
          "NOT_EXECUTED OrderE2E.cancels: discovered, but never started (did its test JVM die?)",
          "INCOMPLETE: Run [" + events.run + "] in [" + events.file() + "] never ended: its test JVM stopped before"
              + " the test plan finished.",
          "NO_TESTS: 2 guarded tests, none executed");
      assertThat(result.summary(REPORTS)).isEqualTo("Authenticity check failed: 2 NOT_EXECUTED guarded tests;"
          + " 2 guarded tests, but none executed; the report is incomplete (1 reason above). They were discovered but"
          + " never started: did a test JVM die? Check the test plugin's output. See target/surefire-reports for the"
          + " authenticity report. (Set -Dauthenticity.failOnNotRun=false and -Dauthenticity.minExecuted=0 and"
          + " -Dauthenticity.failOnIncomplete=false to ignore this.)");
      assertThat(ConsoleSummary.lines(report, null)).containsExactly(
          "[authenticity] INCOMPLETE: Run [" + events.run + "] in [" + events.file() + "] never ended: its test JVM"
              + " stopped before the test plan finished.",
          "[authenticity] 2 guarded tests: 2 not run",
          "[authenticity] NO_TESTS: 2 guarded tests, none executed (2 NOT_EXECUTED)");
    }
  }

  @Test
  void aSelectionThatMatchedNoTestAtAllIsNoTestsAndNamesThePattern() {
    List<CompiledTest> compiled = List.of(new CompiledTest("a.OrderE2E", "placesOrder", List.of("backend"), false),
        new CompiledTest("a.OrderE2E", "cancels", List.of("backend"), false));
    Report typo;
    Report deliberate;
    try (Events events = Events.create(dir.resolve("typo"), "local", false)) {
      events.end();
      typo = new ReportBuilder().addEventFile(events.read()).addCompiledTests(compiled).selection("-Dtest=OrderE2ETypo")
          .build();
    }
    try (Events events = Events.create(dir.resolve("one"), "local", false)) {
      events.ran("a.OrderE2E", "placesOrder", "AUTHENTIC");
      events.end();
      deliberate = new ReportBuilder().addEventFile(events.read()).addCompiledTests(compiled)
          .selection("-Dtest=OrderE2E#placesOrder").build();
    }

    assertThat(typo.verdict()).isEqualTo(OverallVerdict.NO_TESTS);
    assertThat(typo.unmatchedSelection()).isEqualTo("-Dtest=OrderE2ETypo");
    CheckResult result = Check.evaluate(typo, CheckSettings.defaults());
    assertThat(result.violations()).containsExactly(
        "NOT_DISCOVERED OrderE2E.placesOrder: compiled, but in no test plan",
        "NOT_DISCOVERED OrderE2E.cancels: compiled, but in no test plan",
        "NO_TESTS: 2 guarded tests compiled, none executed (the test selection [-Dtest=OrderE2ETypo] matched no test"
            + " at all)");
    assertThat(result.summary(null)).isEqualTo("Authenticity check failed: 2 NOT_DISCOVERED guarded tests; 2 guarded"
        + " tests compiled, but none executed (the test selection [-Dtest=OrderE2ETypo] matched no test at all)."
        + " Check the spelling of the selection (-Dtest / -Dit.test): it matched no test class or method, so nothing"
        + " ran. (Set -Dauthenticity.failOnNotRun=false and -Dauthenticity.minExecuted=0 to ignore this.)");

    assertThat(deliberate.tests()).hasSize(1);
    assertThat(deliberate.unmatchedSelection()).isNull();
    assertThat(Check.evaluate(deliberate, CheckSettings.defaults()).failed()).isFalse();
  }

  @Test
  void anIncompleteReportFailsUnlessFailOnIncompleteIsOff() {
    try (Events events = Events.create(dir, "local", false)) {
      events.ran("a.OrderE2E", "placesOrder", "AUTHENTIC");
      Report report = new ReportBuilder().addEventFile(events.read()).build();
      CheckResult strict = Check.evaluate(report, CheckSettings.defaults());
      assertThat(strict.violations()).containsExactly("INCOMPLETE: Run [" + events.run + "] in [" + events.file()
          + "] never ended: its test JVM stopped before the test plan finished.");
      assertThat(strict.summary(null)).isEqualTo("Authenticity check failed: the report is incomplete (1 reason"
          + " above). (Set -Dauthenticity.failOnIncomplete=false to ignore this.)");
      assertThat(Check.evaluate(report, new CheckSettings(true, true, false, 1, false, false)).failed()).isFalse();
    }
  }
}
