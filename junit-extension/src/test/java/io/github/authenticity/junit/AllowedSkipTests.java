package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.github.authenticity.core.internal.model.CheckSettings;
import io.github.authenticity.core.internal.model.NotRunReason;
import io.github.authenticity.core.internal.model.OverallVerdict;
import io.github.authenticity.core.internal.model.Report;
import io.github.authenticity.core.internal.model.SkipRuleUse;
import io.github.authenticity.core.internal.model.TestEntry;
import io.github.authenticity.core.internal.model.Verdict;
import io.github.authenticity.core.internal.report.Check;
import io.github.authenticity.core.internal.report.CheckResult;
import io.github.authenticity.core.internal.report.ReportJson;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Declared legitimate skips ({@code detection.allowedSkips}, {@code @AllowSkip}) end to end: real Launcher runs with
 * the listener, judged from the report files it wrote and the console block it printed.
 */
class AllowedSkipTests {

  private static final String VERSION_GATE = "{reason: 'requires Redis \\d', because: 'version gates of newer"
      + " Redis commands'}";
  private static final String COMMAND_GATE = "{condition: " + EnabledOnCommand.class.getName().replace('$', '.')
      + ", because: 'commands the CI server lacks'}";

  @TempDir
  Path dir;

  private String console;
  private TestExecutionSummary junit;

  private int runs;

  private Report run(Class<?> fixture, String... rules) {
    Path dir = this.dir.resolve("run-" + ++runs);
    String yaml = "environment: local\nhistory: " + dir.resolve("history.json") + "\n"
        + "detection:\n  interaction: off\n" + (rules.length == 0 ? "" : "  allowedSkips:\n"
        + String.join("", java.util.Arrays.stream(rules).map(r -> "    - " + r + "\n").toList()));
    Path config = dir.resolve("authenticity.yaml");
    try {
      Files.createDirectories(dir);
      Files.writeString(config, yaml);
    } catch (IOException ex) {
      throw new java.io.UncheckedIOException(ex);
    }
    Map<String, String> parameters = Map.of("authenticity.config", config.toString(),
        "authenticity.outputDirectory", dir.resolve("out").toString(),
        "authenticity.reportsDirectory", dir.resolve("reports").toString());
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture))
        .configurationParameters(parameters).build();
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    try {
      LauncherFactory.create().execute(request, summary);
    } finally {
      System.setOut(original);
    }
    junit = summary.getSummary();
    console = out.toString(StandardCharsets.UTF_8);
    return ReportJson.read(dir.resolve("reports").resolve("authenticity-report.json"));
  }

  @Test
  void aVersionGateAssumptionThatARuleAllowsIsAnAllowedSkipThatStaysASkipAndPassesTheCheck() {
    Report report = run(VersionGateTestCase.class, VERSION_GATE);

    assertThat(junit.getTestsFailedCount()).as("only the skip no rule allows fails in JUnit").isEqualTo(1);
    assertThat(junit.getTestsAbortedCount()).as("an allowed skip stays a skip").isEqualTo(2);
    assertThat(report.guardedTests()).extracting(TestEntry::methodName, TestEntry::verdict, TestEntry::reason,
        TestEntry::allowedBy, TestEntry::message).containsExactlyInAnyOrder(
        tuple("aggregateCount", Verdict.NOT_RUN, NotRunReason.ALLOWED_SKIP, "reason /requires Redis \\d/",
            "an assumption skipped it: \"Assumption failed: AGGREGATE COUNT requires Redis 8.8\"; allowed by rule"
                + " [reason /requires Redis \\d/] because version gates of newer Redis commands"),
        tuple("inBeforeEach", Verdict.NOT_RUN, NotRunReason.ALLOWED_SKIP, "reason /requires Redis \\d/",
            "an assumption skipped it: \"Assumption failed: HSETEX requires Redis 8.0\"; allowed by rule"
                + " [reason /requires Redis \\d/] because version gates of newer Redis commands"),
        // the report holds the failure on one line
        tuple("sandbox", Verdict.MASKED, null, null, "MASKED: this guarded test requires real services, but it was"
            + " skipped: ABORTED: an assumption aborted the test body, and a skip is not a pass: Assumption"
            + " failed: payments sandbox not configured An assumption is a skip: make it hold in this build; if it"
            + " is a legitimate gate (a server version, a feature the server lacks), declare it in authenticity.yaml:"
            + " detection.allowedSkips: [ {reason: 'payments sandbox not configured', because: '...'} ] (widen the"
            + " pattern, e.g. \\d for a version), or put @AllowSkip(reason = \"...\", because = \"...\") on the"
            + " test. To report masked tests without failing them, run with -Dauthenticity.mode=report."));
    assertThat(report.summary().allowedSkip()).isEqualTo(2);
    assertThat(report.skipRules()).containsExactly(new SkipRuleUse("reason /requires Redis \\d/", 2));
    assertThat(report.verdict()).as("the skip no rule allows still masks the run").isEqualTo(OverallVerdict.MASKED);
    assertThat(console).contains("[authenticity] 3 guarded tests: 1 MASKED, 2 not run\n",
        "[authenticity] not run: 2 ALLOWED_SKIP\n",
        "[authenticity] ALLOWED_SKIP 2 tests by rule [reason /requires Redis \\d/]\n",
        "[authenticity] authenticity:check fails this build on: 1 MASKED guarded test. If the build stops before"
            + " the check runs (failsafe:verify bound first, testFailureIgnore, an earlier failing module), this is"
            + " its verdict.\n");
    CheckResult check = Check.evaluate(report, CheckSettings.defaults());
    assertThat(check.violations()).singleElement().asString().startsWith("MASKED AllowedSkipTests.VersionGateTestCase"
        + ".sandbox: ABORTED");
  }

  @Test
  void aConditionAnnotationThatARuleNamesIsAnAllowedSkipAndAnotherConditionIsStillCounted() {
    Report report = run(CommandGateTestCase.class, COMMAND_GATE);

    assertThat(report.guardedTests()).extracting(TestEntry::methodName, TestEntry::reason, TestEntry::message)
        .containsExactlyInAnyOrder(
            tuple("lmove", NotRunReason.ALLOWED_SKIP, "a condition switched it off: \"command LMOVEM not available"
                + " on Redis version 7.0.15\"; allowed by rule [condition @EnabledOnCommand] because commands the CI"
                + " server lacks"),
            tuple("secret", NotRunReason.CONDITION, "Environment variable [AUTHENTICITY_UNSET_SECRET] does not exist"));
    assertThat(report.guardedTests()).filteredOn(t -> t.methodName().equals("lmove")).singleElement()
        .extracting(TestEntry::allowedBy).isEqualTo("condition @EnabledOnCommand");
    CheckResult check = Check.evaluate(report, CheckSettings.defaults());
    assertThat(check.violations()).containsExactly("CONDITION AllowedSkipTests.CommandGateTestCase.secret:"
        + " Environment variable [AUTHENTICITY_UNSET_SECRET] does not exist", "NO_TESTS: 1 guarded test, none"
        + " executed");
  }

  @Test
  void aClassSwitchedOffByANamedConditionIsAllowedForEachOfItsTests() {
    Report report = run(CommandGatedClassTestCase.class, COMMAND_GATE);

    assertThat(report.guardedTests()).hasSize(3).allSatisfy(t -> {
      assertThat(t.reason()).isEqualTo(NotRunReason.ALLOWED_SKIP);
      assertThat(t.allowedBy()).isEqualTo("condition @EnabledOnCommand");
    });
    assertThat(Check.evaluate(report, CheckSettings.defaults()).failed())
        .as("every guarded test skipped as declared: nothing for the check to fail on").isFalse();
    assertThat(Check.evaluate(report, CheckSettings.defaults()).headline()).isEqualTo("Authenticity check passed:"
        + " 3 guarded tests, 0 authentic, 3 not run (3 ALLOWED_SKIP).");
  }

  @Test
  void anAllowSkipOnTheTestAllowsItsAssumptionAndOneInBeforeAllAllowsTheClass() {
    Report report = run(AnnotatedTestCase.class);

    assertThat(report.guardedTests()).extracting(TestEntry::methodName, TestEntry::reason, TestEntry::allowedBy)
        .containsExactlyInAnyOrder(tuple("vectorSearch", NotRunReason.ALLOWED_SKIP, "reason /requires RediSearch/"),
            tuple("other", null, null));
    assertThat(report.skipRules()).as("an annotation's rule is listed with what it allowed, never as stale")
        .containsExactly(new SkipRuleUse("reason /requires RediSearch/", 1));

    Report classLevel = run(AnnotatedBeforeAllTestCase.class);
    assertThat(classLevel.guardedTests()).hasSize(2).allSatisfy(t -> assertThat(t.message()).isEqualTo(
        "an assumption skipped it: \"Assumption failed: cluster mode requires 3 nodes, found 1\"; allowed by rule"
            + " [reason /cluster mode requires/] because the local server is a single node"));
  }

  @Test
  void aRuleThatAllowedNothingIsAWarningInTheConsoleTheReportAndTheCheck() {
    Report report = run(PassingTestCase.class, VERSION_GATE, COMMAND_GATE);

    assertThat(report.staleSkipRules()).extracting(SkipRuleUse::rule)
        .containsExactly("reason /requires Redis \\d/", "condition @EnabledOnCommand");
    assertThat(console).contains("[authenticity] WARNING Allowed skip rule [reason /requires Redis \\d/] allowed no"
        + " test in this run: if the gate it names is gone, remove it from detection.allowedSkips (a rule nobody"
        + " needs only hides the next skip).\n");
    assertThat(Check.warnings(report)).hasSize(2);
    assertThat(Check.evaluate(report, CheckSettings.defaults()).failed()).isFalse();
    assertThat(dir.resolve("run-1/reports/authenticity-report.md")).content().contains("### Warnings",
        "- Allowed skip rule \\[condition @EnabledOnCommand\\] allowed no test in this run");
  }

  @Test
  void templateInvocationsAreNamedWithTheirIndexInTheConsole() {
    run(MaskedTemplateTestCase.class);

    assertThat(console).contains("[authenticity] MASKED AllowedSkipTests.MaskedTemplateTestCase.each[2]: ABORTED");
  }

  // ---- fixtures

  static class VersionGateTestCase {
    @Test
    @RequiresRealService
    void aggregateCount() {
      Assumptions.assumeTrue(false, "AGGREGATE COUNT requires Redis 8.8");
    }

    @Test
    @RequiresRealService
    void sandbox() {
      Assumptions.assumeTrue(false, "payments sandbox not configured");
    }

    @org.junit.jupiter.api.Nested
    class Hashes {
      @BeforeEach
      void serverVersion() {
        Assumptions.assumeTrue(false, "HSETEX requires Redis 8.0");
      }

      @Test
      @RequiresRealService
      void inBeforeEach() {
      }
    }
  }


  /** A suite's own condition, as Lettuce's {@code @EnabledOnCommand}. */
  @Target({ElementType.METHOD, ElementType.TYPE})
  @Retention(RetentionPolicy.RUNTIME)
  @ExtendWith(EnabledOnCommandCondition.class)
  @interface EnabledOnCommand {
    String value();
  }

  static class EnabledOnCommandCondition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return org.junit.platform.commons.support.AnnotationSupport.findAnnotation(context.getElement(),
          EnabledOnCommand.class).map(command -> ConditionEvaluationResult.disabled("command " + command.value()
          + " not available on Redis version 7.0.15")).orElse(ConditionEvaluationResult.enabled("no command"));
    }
  }

  @RequiresRealService
  static class CommandGateTestCase {
    @Test
    @EnabledOnCommand("LMOVEM")
    void lmove() {
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable(named = "AUTHENTICITY_UNSET_SECRET", matches = ".+")
    void secret() {
    }
  }

  @RequiresRealService
  @EnabledOnCommand("FT.SEARCH")
  static class CommandGatedClassTestCase {
    @Test
    void first() {
    }

    @Test
    void second() {
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void each(int i) {
    }
  }

  @RequiresRealService
  static class AnnotatedTestCase {
    @Test
    @AllowSkip(reason = "requires RediSearch", because = "the module is not loaded in CI")
    void vectorSearch() {
      Assumptions.assumeTrue(false, "FT.SEARCH requires RediSearch");
    }

    @Test
    void other() {
    }
  }

  @RequiresRealService
  @AllowSkip(reason = "cluster mode requires", because = "the local server is a single node")
  static class AnnotatedBeforeAllTestCase {
    @BeforeAll
    static void cluster() {
      Assumptions.assumeTrue(false, "cluster mode requires 3 nodes, found 1");
    }

    @Test
    void first() {
    }

    @Test
    void second() {
    }
  }

  @RequiresRealService
  static class PassingTestCase {
    @Test
    void passes() {
    }
  }

  @RequiresRealService
  static class MaskedTemplateTestCase {
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void each(int i) {
      Assumptions.assumeTrue(i == 1, "only the first");
    }
  }
}
