package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.TestAbortedException;

class AbortTests {

  /** The fix an aborted test's failure ends with, for an assumption that says {@code text}. */
  private static String fix(String pattern) {
    return "\nAn assumption is a skip: make it hold in this build; if it is a legitimate gate (a server version, a"
        + " feature the server lacks), declare it in authenticity.yaml: detection.allowedSkips: [ {reason: '" + pattern
        + "', because: '...'} ] (widen the pattern, e.g. \\d for a version), or put @AllowSkip(reason = \"...\","
        + " because = \"...\") on the test.\nTo report masked tests without failing them, run with"
        + " -Dauthenticity.mode=report.";
  }

  @TempDir
  Path dir;

  private Map<String, String> parameters(String mode) {
    return Map.of("authenticity.config", Backends.config(dir, "", ""), "authenticity.mode", mode);
  }

  @Test
  void anAssumptionInTheBodyOfAGuardedTestFailsIt() {
    EngineExecutionResults results = Kit.run(BodyTestCase.class, parameters("fail"));

    results.testEvents().assertStatistics(stats -> stats.started(2).failed(1).aborted(1));
    assertThat(Kit.failures(results)).singleElement().isInstanceOf(MaskedTestException.class)
        .satisfies(f -> assertThat(f.getCause()).isInstanceOf(TestAbortedException.class));
    assertThat(Kit.failureMessages(results)).containsExactly("MASKED: this guarded test requires real services, but"
        + " it was skipped:\n"
        + "  ABORTED: an assumption aborted the test body, and a skip is not a pass: Assumption failed: backend"
        + " unreachable" + fix("backend unreachable"));
  }

  @Test
  void anAssumptionInTheBodyStaysAnAbortInReportMode() {
    EngineExecutionResults results = Kit.run(BodyTestCase.class, parameters("report"));

    results.testEvents().assertStatistics(stats -> stats.started(2).failed(0).aborted(2));
  }

  @Test
  void aSecretInTheCauseOfAnAbortReachesNeitherTheFailureNorTheAbort() {
    for (String mode : java.util.List.of("fail", "report")) {
      EngineExecutionResults results = Kit.run(SecretCauseTestCase.class, parameters(mode));
      java.util.List<Throwable> thrown = results.testEvents().list().stream()
          .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class))
          .flatMap(java.util.Optional::stream).map(r -> r.getThrowable().orElse(null))
          .filter(java.util.Objects::nonNull).toList();
      assertThat(thrown).as(mode).hasSize(1);
      java.io.StringWriter printed = new java.io.StringWriter();
      thrown.get(0).printStackTrace(new java.io.PrintWriter(printed));
      assertThat(printed.toString()).as(mode).doesNotContain(SecretCauseTestCase.PASSWORD)
          .contains("java.lang.IllegalStateException: cannot connect to postgresql://****@db:5432/orders")
          .contains("Suppressed: java.lang.IllegalArgumentException: password=****");
    }
  }

  @Test
  void anAssumptionInBeforeEachOfAGuardedTestFailsIt() {
    EngineExecutionResults results = Kit.run(BeforeEachTestCase.class, parameters("fail"));

    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(Kit.failureMessages(results)).containsExactly("MASKED: this guarded test requires real services, but"
        + " it was skipped:\n"
        + "  ABORTED: an assumption aborted the test in @BeforeEach, and a skip is not a pass: Assumption failed:"
        + " no token" + fix("no token"));
  }

  @Test
  void anAssumptionInBeforeAllOfAGuardedClassFailsTheClass() {
    EngineExecutionResults results = Kit.run(BeforeAllTestCase.class, parameters("fail"));

    results.testEvents().assertStatistics(stats -> stats.started(0));
    assertThat(Kit.containerFailureMessages(results)).containsExactly("MASKED: this guarded test requires real"
        + " services, but it was skipped:\n"
        + "  ABORTED: an assumption aborted the test class in @BeforeAll, and a skip is not a pass: Assumption"
        + " failed: no Docker" + fix("no Docker"));
  }

  @Test
  void anAssumptionInBeforeAllStaysAnAbortInReportMode() {
    EngineExecutionResults results = Kit.run(BeforeAllTestCase.class, parameters("report"));

    results.containerEvents().assertStatistics(stats -> stats.aborted(1).failed(0));
  }

  @RequiresRealService
  static class SecretCauseTestCase {
    static final String PASSWORD = "abort-Cause-Pw-19";

    @Test
    void abortsWithASecretInItsCause() {
      TestAbortedException abort = new TestAbortedException("the database is not ready",
          new IllegalStateException("cannot connect to postgresql://app:" + PASSWORD + "@db:5432/orders"));
      abort.addSuppressed(new IllegalArgumentException("password=" + PASSWORD));
      throw abort;
    }
  }

  static class BodyTestCase {
    @Test
    @GuardedWithoutServices
    void guarded() {
      Assumptions.assumeTrue(false, "backend unreachable");
    }

    @Test
    void unguarded() {
      Assumptions.assumeTrue(false, "not relevant");
    }
  }

  static class BeforeEachTestCase {
    @BeforeEach
    void token() {
      Assumptions.assumeTrue(false, "no token");
    }

    @Test
    @GuardedWithoutServices
    void guarded() {
    }
  }

  @GuardedWithoutServices
  static class BeforeAllTestCase {
    @BeforeAll
    static void docker() {
      Assumptions.assumeTrue(false, "no Docker");
    }

    @Test
    void first() {
    }

    @Test
    void second() {
    }
  }

  /** Guarded without services (every service-free guard works the same way). */
  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @RequiresRealService
  @interface GuardedWithoutServices {
  }
}
