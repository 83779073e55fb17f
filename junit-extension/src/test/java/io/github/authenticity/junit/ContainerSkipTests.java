package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EventConditions;
import org.testcontainers.junit.jupiter.EnabledIfDockerAvailable;
import org.testcontainers.junit.jupiter.Testcontainers;

class ContainerSkipTests {

  @TempDir
  Path dir;

  private final Optional<String> noDocker = ContainerSkip.dockerUnavailable(getClass().getClassLoader());

  @Test
  void readsTheTestcontainersAnnotationsWithoutDependingOnThem() throws Exception {
    assertThat(ContainerSkip.skipsWithoutDocker(GuardedFirstTestCase.class, null))
        .hasValue("@Testcontainers(disabledWithoutDocker = true)");
    assertThat(ContainerSkip.skipsWithoutDocker(NotDisabledTestCase.class, null)).isEmpty();
    assertThat(ContainerSkip.skipsWithoutDocker(ContainerSkipTests.class, null)).isEmpty();
    assertThat(ContainerSkip.skipsWithoutDocker(EnabledIfDockerTestCase.class,
        EnabledIfDockerTestCase.class.getDeclaredMethod("test"))).hasValue("@EnabledIfDockerAvailable");
    assertThat(ContainerSkip.skipsWithoutDocker(EnabledIfDockerTestCase.class, null)).isEmpty();
  }

  @Test
  void aClassWithTestcontainersStartsContainersWhateverItsSwitch() {
    assertThat(ContainerSkip.startsContainers(GuardedFirstTestCase.class)).isTrue();
    assertThat(ContainerSkip.startsContainers(NotDisabledTestCase.class)).isTrue();
    assertThat(ContainerSkip.startsContainers(EnabledIfDockerTestCase.class)).isFalse();
    assertThat(ContainerSkip.startsContainers(ContainerSkipTests.class)).isFalse();
  }

  @Test
  void aGuardedTestThatEnabledIfDockerAvailableWouldSkipFailsInstead() {
    EngineExecutionResults results = Kit.run(EnabledIfDockerTestCase.class,
        Map.of("authenticity.config", Backends.config(dir, "", "")));

    if (noDocker.isPresent()) {
      results.testEvents().assertStatistics(stats -> stats.skipped(0).started(1).failed(1));
      assertThat(Kit.failureMessages(results)).containsExactly("@EnabledIfDockerAvailable would silently skip the"
          + " guarded test [io.github.authenticity.junit.ContainerSkipTests$EnabledIfDockerTestCase#test]: Docker is"
          + " not available (" + noDocker.get() + "). A skip is not a pass: start Docker, or remove"
          + " @EnabledIfDockerAvailable so that it fails when Docker is missing.");
    } else {
      results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }
  }

  @Test
  void aGuardedClassThatTestcontainersWouldSkipWithoutDockerFailsInstead() {
    EngineExecutionResults results = Kit.run(GuardedFirstTestCase.class,
        Map.of("authenticity.config", Backends.config(dir, "", "")));

    if (noDocker.isPresent()) {
      results.testEvents().assertStatistics(stats -> stats.started(0));
      results.containerEvents().assertStatistics(stats -> stats.skipped(0).failed(1));
      assertThat(Kit.containerFailureMessages(results)).containsExactly("@Testcontainers(disabledWithoutDocker = true)"
          + " would silently skip the guarded class [io.github.authenticity.junit.ContainerSkipTests$GuardedFirstTestCase]:"
          + " Docker is not available (" + noDocker.get() + "). A skip is not a pass: start Docker, or remove"
          + " disabledWithoutDocker = true so that it fails when Docker is missing.");
    } else {
      results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }
  }

  @Test
  void inReportModeTheClassIsSkippedWithAReasonThatNamesTheSwitch() {
    EngineExecutionResults results = Kit.run(GuardedFirstTestCase.class,
        Map.of("authenticity.config", Backends.config(dir, "", ""), "authenticity.mode", "report"));

    if (noDocker.isPresent()) {
      results.containerEvents().skipped().assertThatEvents().haveExactly(1, EventConditions.event(
          EventConditions.skippedWithReason("@Testcontainers(disabledWithoutDocker = true) and Docker is not"
              + " available (" + noDocker.get() + "); reported as MASKED (CONTAINER_SKIP)")));
    } else {
      results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }
  }

  @Test
  void theReasonWhyDockerIsMissingIsKept() {
    noDocker.ifPresent(cause -> assertThat(cause).isNotBlank().doesNotContain("cannot ask Testcontainers"));
  }

  @RequiresRealService
  @Testcontainers(disabledWithoutDocker = true)
  static class GuardedFirstTestCase {
    @Test
    void test() {
    }
  }

  @Testcontainers(disabledWithoutDocker = true)
  @RequiresRealService
  static class TestcontainersFirstTestCase {
    @Test
    void first() {
    }

    @Test
    void second() {
    }
  }

  static class EnabledIfDockerTestCase {
    @Test
    @RequiresRealService
    @EnabledIfDockerAvailable
    void test() {
    }
  }

  @Testcontainers
  @RequiresRealService
  static class NotDisabledTestCase {
    @Test
    void test() {
    }
  }
}
