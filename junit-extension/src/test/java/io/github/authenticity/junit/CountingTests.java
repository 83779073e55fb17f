package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.github.authenticity.core.internal.model.CheckSettings;
import io.github.authenticity.core.internal.model.EvidenceKind;
import io.github.authenticity.core.internal.model.NotRunReason;
import io.github.authenticity.core.internal.model.OverallVerdict;
import io.github.authenticity.core.internal.model.Report;
import io.github.authenticity.core.internal.model.TestEntry;
import io.github.authenticity.core.internal.model.Verdict;
import io.github.authenticity.core.internal.report.Check;
import io.github.authenticity.core.internal.report.CheckResult;
import io.github.authenticity.core.internal.report.ReportJson;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Every guarded test is counted and judged once, the same way, also when it never entered the test plan or was
 * switched off at run time: real Launcher runs with the listener, judged from the report the listener wrote.
 */
class CountingTests {

  @TempDir
  Path dir;

  private String console;

  private Report run(Class<?> fixture, String services) {
    Map<String, String> parameters = Map.of("authenticity.config", Backends.config(dir, services, ""),
        "authenticity.outputDirectory", dir.resolve("out").toString(),
        "authenticity.reportsDirectory", dir.resolve("reports").toString());
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture))
        .configurationParameters(parameters).build();
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      LauncherFactory.create().execute(request);
    } finally {
      System.setOut(original);
    }
    console = out.toString(StandardCharsets.UTF_8);
    return ReportJson.read(dir.resolve("reports").resolve("authenticity-report.json"));
  }

  @Test
  void aRepeatedTestStoppedByADeadServiceCountsAsEachOfItsRepetitions() {
    Report report = run(RepeatedOnDeadServiceTestCase.class, Backends.http("backend", Backends.closedPort(), "1s"));

    assertThat(report.guardedTests()).hasSize(60).allSatisfy(t -> assertThat(t.verdict())
        .isEqualTo(Verdict.SERVICE_DOWN));
    assertThat(report.guardedTests()).extracting(TestEntry::displayName).startsWith(
        "CountingTests$RepeatedOnDeadServiceTestCase > polls() > repetition 1 of 60",
        "CountingTests$RepeatedOnDeadServiceTestCase > polls() > repetition 2 of 60");
    assertThat(report.guardedTests().get(59).uniqueId()).isEqualTo("[engine:junit-jupiter]/[class:"
        + RepeatedOnDeadServiceTestCase.class.getName() + "]/[test-template:polls()]/[test-template-invocation:#60]");
    assertThat(report.verdict()).as("a dead environment is a failed run, not an empty one")
        .isEqualTo(OverallVerdict.FAILED);
    assertThat(report.summary().guardedExecuted()).isEqualTo(60);
    assertThat(console).contains("[authenticity] 60 guarded tests: 60 SERVICE_DOWN");
  }

  @Test
  void templatesAndFactoriesUnderADisabledClassAreEachOneEntryThatSaysWhatItStandsFor() {
    Report report = run(DisabledTemplatesTestCase.class, "");

    assertThat(report.guardedTests()).extracting(TestEntry::methodName, TestEntry::verdict, TestEntry::reason,
        TestEntry::message).containsExactlyInAnyOrder(
        tuple("adds", Verdict.NOT_RUN, NotRunReason.DISABLED, "this entry stands for the invocations of a"
            + " @ParameterizedTest, which never started: not today"),
        tuple("builds", Verdict.NOT_RUN, NotRunReason.DISABLED, "this entry stands for the dynamic tests of a"
            + " @TestFactory, which never started: not today"),
        tuple("repeats", Verdict.NOT_RUN, NotRunReason.DISABLED, "not today"),
        tuple("repeats", Verdict.NOT_RUN, NotRunReason.DISABLED, "not today"));
    assertThat(report.summary().discovered()).isEqualTo(4);
  }

  @Test
  void aParameterizedTestUnderAnAbortedClassIsMasked() {
    Report report = run(AbortedTemplateTestCase.class, "");

    assertThat(report.guardedTests()).singleElement().satisfies(t -> {
      assertThat(t.verdict()).isEqualTo(Verdict.MASKED);
      assertThat(t.evidence()).extracting(e -> e.kind()).containsExactly(EvidenceKind.ABORTED);
      assertThat(t.message()).startsWith("this entry stands for the invocations of a @ParameterizedTest, which never"
          + " started: MASKED: this guarded test requires real services, but it was skipped: ABORTED: an assumption"
          + " aborted the test class in @BeforeAll, and a skip is not a pass: Assumption failed: payments sandbox not"
          + " configured An assumption is a skip:");
    });
    // nothing started, and NO_TESTS is the first verdict that applies; the check lists the MASKED test too
    assertThat(report.verdict()).isEqualTo(OverallVerdict.NO_TESTS);
    assertThat(Check.evaluate(report, CheckSettings.defaults()).violations()).first().asString()
        .startsWith("MASKED CountingTests.AbortedTemplateTestCase.pays: ABORTED an assumption aborted the test class in"
            + " @BeforeAll");
  }

  @Test
  void guardedTestsSwitchedOffByAConditionAreNotRunForTheConditionWithItsReason() {
    Report report = run(ConditionTestCase.class, "");

    assertThat(report.guardedTests()).extracting(TestEntry::methodName, TestEntry::reason, TestEntry::message)
        .containsExactlyInAnyOrder(
            tuple("logsIn", NotRunReason.CONDITION, "Environment variable [AUTHENTICITY_UNSET_CLIENT_SECRET] does not"
                + " exist"),
            tuple("refreshes", NotRunReason.CONDITION, "Environment variable [AUTHENTICITY_UNSET_CLIENT_SECRET] does"
                + " not exist"),
            tuple("flaky", NotRunReason.DISABLED, "JIRA-12"));
    assertThat(report.verdict()).as("no guarded test that was expected to run, ran").isEqualTo(OverallVerdict.NO_TESTS);
    assertThat(console).contains("[authenticity] 3 guarded tests: 3 not run",
        "[authenticity] CONDITION CountingTests.ConditionTestCase.logsIn: Environment variable"
            + " [AUTHENTICITY_UNSET_CLIENT_SECRET] does not exist",
        "[authenticity] NO_TESTS: 3 guarded tests, none executed (2 CONDITION, 1 DISABLED)");

    CheckResult check = Check.evaluate(report, CheckSettings.defaults());
    assertThat(check.violations()).containsExactly(
        "CONDITION CountingTests.ConditionTestCase.logsIn: Environment variable [AUTHENTICITY_UNSET_CLIENT_SECRET]"
            + " does not exist",
        "CONDITION CountingTests.ConditionTestCase.refreshes: Environment variable [AUTHENTICITY_UNSET_CLIENT_SECRET]"
            + " does not exist",
        "NO_TESTS: 2 guarded tests, none executed");
    assertThat(check.summary(null)).startsWith("Authenticity check failed: 2 CONDITION guarded tests; 2 guarded"
        + " tests, but none executed. Conditions switched them off at run time");
  }

  @RequiresRealService("backend")
  static class RepeatedOnDeadServiceTestCase {
    @BeforeAll
    static void connect() {
      throw new AssertionError("the user's @BeforeAll must not run");
    }

    @RepeatedTest(60)
    void polls() {
    }
  }

  @RequiresRealService
  @Disabled("not today")
  static class DisabledTemplatesTestCase {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void adds(int n) {
    }

    @TestFactory
    Stream<DynamicTest> builds() {
      return IntStream.range(0, 3).mapToObj(i -> DynamicTest.dynamicTest("#" + i, () -> { }));
    }

    @RepeatedTest(2)
    void repeats() {
    }
  }

  @RequiresRealService
  static class AbortedTemplateTestCase {
    @BeforeAll
    static void needsSandbox() {
      Assumptions.assumeTrue(false, "payments sandbox not configured");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void pays(String account) {
    }
  }

  @RequiresRealService
  static class ConditionTestCase {
    @Test
    @EnabledIfEnvironmentVariable(named = "AUTHENTICITY_UNSET_CLIENT_SECRET", matches = ".+")
    void logsIn() {
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "AUTHENTICITY_UNSET_CLIENT_SECRET", matches = ".+")
    void refreshes() {
    }

    @Test
    @Disabled("JIRA-12")
    void flaky() {
    }
  }
}
