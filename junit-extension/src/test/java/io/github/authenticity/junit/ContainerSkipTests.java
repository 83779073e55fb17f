package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EventConditions;
import org.testcontainers.junit.jupiter.Testcontainers;

class ContainerSkipTests {

  @TempDir
  Path dir;

  private final Optional<String> noDocker = ContainerSkip.dockerUnavailable(getClass().getClassLoader());

  @Test
  void readsTheTestcontainersAnnotationWithoutDependingOnIt() {
    assertThat(ContainerSkip.disabledWithoutDocker(GuardedFirstTestCase.class)).isTrue();
    assertThat(ContainerSkip.disabledWithoutDocker(NotDisabledTestCase.class)).isFalse();
    assertThat(ContainerSkip.disabledWithoutDocker(ContainerSkipTests.class)).isFalse();
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
          + " disabledWithoutDocker = true so that the class fails when Docker is missing.");
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
          EventConditions.skippedWithReason("disabledWithoutDocker is true and Docker is not available ("
              + noDocker.get() + "); reported as MASKED (CONTAINER_SKIP)")));
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

  @Testcontainers
  @RequiresRealService
  static class NotDisabledTestCase {
    @Test
    void test() {
    }
  }
}
