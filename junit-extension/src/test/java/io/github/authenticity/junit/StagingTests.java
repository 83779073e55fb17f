package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EventConditions;

class StagingTests {

  @TempDir
  Path dir;

  private final Backends backends = new Backends();

  @AfterEach
  void stopBackends() throws java.io.IOException {
    backends.close();
  }

  @Test
  void aStagingOnlyTestOutsideStagingIsDisabledWithAVisibleReason() {
    EngineExecutionResults results = Kit.run(StagingOnlyTestCase.class,
        Map.of("authenticity.config", Backends.config(dir, "", "")));

    results.testEvents().assertStatistics(stats -> stats.skipped(1).started(1).succeeded(1));
    results.testEvents().skipped().assertThatEvents().haveExactly(1, EventConditions.event(
        EventConditions.skippedWithReason("@StagingOnly: environment [local] is not a staging environment;"
            + " run with -Dauthenticity.environment=staging")));
  }

  @Test
  void aStagingOnlyClassOutsideStagingIsDisabledWithAVisibleReason() {
    EngineExecutionResults results = Kit.run(StagingOnlyClassTestCase.class,
        Map.of("authenticity.config", Backends.config(dir, "", "")));

    results.containerEvents().skipped().assertThatEvents().haveExactly(1, EventConditions.event(
        EventConditions.skippedWithReason("@StagingOnly: environment [local] is not a staging environment;"
            + " run with -Dauthenticity.environment=staging")));
    results.testEvents().assertStatistics(stats -> stats.started(0));
  }

  @Test
  void aStagingOnlyTestInStagingRuns() {
    EngineExecutionResults results = Kit.run(StagingOnlyTestCase.class,
        Map.of("authenticity.config", Backends.config(dir, "", ""), "authenticity.environment", "staging"));

    results.testEvents().assertStatistics(stats -> stats.skipped(0).started(2).succeeded(2));
  }

  @Test
  void aServiceOnLoopbackInStagingIsMasked() {
    int port = backends.up();

    EngineExecutionResults results = Kit.run(LoopbackTestCase.class, Map.of("authenticity.config",
        Backends.config(dir, "", Backends.http("backend", port, "1s")), "authenticity.environment", "staging"));

    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(Kit.failures(results)).singleElement().isInstanceOf(MaskedTestException.class);
    assertThat(Kit.failureMessages(results)).containsExactly("MASKED: this guarded test requires the real service"
        + " [backend], but 1 finding shows that it did not really use it:\n"
        + "  LOOPBACK_IN_STAGING: service 'backend' host [127.0.0.1] resolves to [127.0.0.1], a loopback address,"
        + " in staging environment [staging]: this is not the staging service\n"
        + "Point the service at the staging host in the staging environment's configuration.\n"
        + "To report masked tests without failing them, run with -Dauthenticity.mode=report.");
  }

  @Test
  void aServiceOnLoopbackInStagingOnlyReportsInReportMode() {
    int port = backends.up();

    EngineExecutionResults results = Kit.run(LoopbackTestCase.class, Map.of("authenticity.config",
        Backends.config(dir, "", Backends.http("backend", port, "1s")), "authenticity.environment", "staging",
        "authenticity.mode", "report"));

    results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void aContradictedRequiredEnvironmentFailsEveryGuardedTestAndNoOtherTest() {
    EngineExecutionResults results = Kit.run(StagingOnlyTestCase.class, Map.of("authenticity.config",
        Backends.config(dir, "", ""), "authenticity.requireEnvironment", "staging"));

    results.testEvents().assertStatistics(stats -> stats.skipped(0).started(2).failed(1).succeeded(1));
    assertThat(Kit.failureMessages(results)).containsExactly("authenticity.requireEnvironment is [staging] but the"
        + " active environment is [local]: guarded tests must not run against another environment than the one"
        + " required. Select it with -Dauthenticity.environment=staging (or AUTHENTICITY_ENVIRONMENT=staging), or"
        + " remove authenticity.requireEnvironment.");
  }

  static class StagingOnlyTestCase {
    @org.junit.jupiter.api.Test
    @StagingOnly
    void staging() {
    }

    @org.junit.jupiter.api.Test
    void unguarded() {
    }
  }

  @StagingOnly
  static class StagingOnlyClassTestCase {
    @org.junit.jupiter.api.Test
    void staging() {
    }
  }

  static class LoopbackTestCase {
    @org.junit.jupiter.api.Test
    @RequiresRealService("backend")
    void test() {
    }
  }
}
