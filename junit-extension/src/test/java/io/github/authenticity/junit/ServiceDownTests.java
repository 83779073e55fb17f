package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class ServiceDownTests {

  @TempDir
  Path dir;

  private final Backends backends = new Backends();

  @AfterEach
  void stopBackends() throws java.io.IOException {
    backends.close();
  }

  private Map<String, String> config(String backendLine) {
    return Map.of("authenticity.config", Backends.config(dir, backendLine, ""));
  }

  @Test
  void aGuardedTestWhoseServiceIsUpRunsAndPasses() {
    UpTestCase.bodies.set(0);

    EngineExecutionResults results = Kit.run(UpTestCase.class, config(Backends.http("backend", backends.up(), "1s")));

    results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
    assertThat(UpTestCase.bodies).hasValue(1);
  }

  @Test
  void aGuardedTestWhoseServiceIsDownFailsBeforeTheUsersBeforeEachAndBody() {
    int port = Backends.closedPort();
    DownTestCase.ran.set(0);

    EngineExecutionResults results = Kit.run(DownTestCase.class, config(Backends.http("backend", port, "1s")));

    results.testEvents().assertStatistics(stats -> stats.started(2).failed(2));
    assertThat(DownTestCase.ran).hasValue(0);
    assertThat(Kit.failures(results)).allSatisfy(f -> assertThat(f).isInstanceOf(ServiceDownException.class));
    assertThat(Kit.failureMessages(results)).allSatisfy(message -> assertThat(message).matches(
        "Real service 'backend' is DOWN: GET http://127\\.0\\.0\\.1:" + port + "/health connection refused"
            + " in \\d+ ms \\(probed \\d\\d:\\d\\d:\\d\\d\\)\\. This test requires the real service; mock fallback is"
            + " forbidden\\."));
    // one probe for the run: both tests quote the same probe
    assertThat(Kit.failureMessages(results).stream().distinct()).hasSize(1);
  }

  @Test
  void aGuardedClassWhoseServiceIsDownFailsBeforeTheUsersBeforeAll() {
    int port = Backends.closedPort();
    ClassDownTestCase.ran.set(0);

    EngineExecutionResults results = Kit.run(ClassDownTestCase.class, config(Backends.http("backend", port, "1s")));

    results.testEvents().assertStatistics(stats -> stats.started(0));
    assertThat(ClassDownTestCase.ran).hasValue(0);
    assertThat(Kit.containerFailureMessages(results)).singleElement().asString().matches(
        "Real service 'backend' is DOWN: GET http://127\\.0\\.0\\.1:" + port + "/health connection refused"
            + " in \\d+ ms \\(probed \\d\\d:\\d\\d:\\d\\d\\)\\. This test class requires the real service; mock"
            + " fallback is forbidden\\.");
  }

  @Test
  void fiveHundredGuardedTestsAgainstAClosedPortAreRedInAboutOneProbe() {
    long start = System.nanoTime();

    EngineExecutionResults results = Kit.run(FiveHundredTestCase.class,
        config(Backends.http("backend", Backends.closedPort(), "1s")));

    long millis = (System.nanoTime() - start) / 1_000_000;
    results.testEvents().assertStatistics(stats -> stats.started(500).failed(500));
    assertThat(millis).isLessThan(5000);
  }

  @Test
  void fiveHundredGuardedTestsAgainstAPortThatNeverAnswersAreRedInAboutOneProbeTimeout() {
    long start = System.nanoTime();

    EngineExecutionResults results = Kit.run(FiveHundredTestCase.class,
        config(Backends.http("backend", backends.blackHole(), "1s")));

    long millis = (System.nanoTime() - start) / 1_000_000;
    results.testEvents().assertStatistics(stats -> stats.started(500).failed(500));
    assertThat(millis).isGreaterThanOrEqualTo(900).isLessThan(5000);
    assertThat(Kit.failureMessages(results).get(499)).startsWith("Real service 'backend' is DOWN: GET http://127.0.0.1:")
        .contains("timed out");
  }

  @Test
  void testsRunningInParallelShareOneProbe() {
    Map<String, String> parameters = new java.util.HashMap<>(config(Backends.http("backend", Backends.closedPort(), "1s")));
    parameters.put("junit.jupiter.execution.parallel.enabled", "true");
    parameters.put("junit.jupiter.execution.parallel.mode.default", "concurrent");
    parameters.put("junit.jupiter.execution.parallel.config.strategy", "fixed");
    parameters.put("junit.jupiter.execution.parallel.config.fixed.parallelism", "8");

    EngineExecutionResults results = Kit.run(FiveHundredTestCase.class, parameters);

    results.testEvents().assertStatistics(stats -> stats.started(500).failed(500));
    // one probe: every test quotes the same latency and time
    assertThat(Kit.failureMessages(results).stream().distinct()).hasSize(1);
  }

  @Test
  void anUnguardedTestIsUntouchedEvenWhenEveryServiceIsDown() {
    EngineExecutionResults results = Kit.run(UnguardedTestCase.class,
        config(Backends.http("backend", Backends.closedPort(), "1s")));

    results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void aTestIsGuardedThroughItsSuperclassItsEnclosingClassAndAMetaAnnotation() {
    int port = Backends.closedPort();
    for (Class<?> fixture : List.of(SubclassTestCase.class, EnclosingTestCase.class, MetaAnnotatedTestCase.class)) {
      EngineExecutionResults results = Kit.run(fixture, config(Backends.http("backend", port, "1s")));

      // a guarded class fails as a container (before its @BeforeAll), a guarded method as a test
      assertThat(Kit.allFailures(results)).as(fixture.getSimpleName()).singleElement()
          .isInstanceOf(ServiceDownException.class);
      results.testEvents().assertStatistics(stats -> stats.succeeded(0));
    }
  }

  @RequiresRealService("backend")
  abstract static class GuardedBase {
  }

  static class SubclassTestCase extends GuardedBase {
    @Test
    void test() {
    }
  }

  static class EnclosingTestCase {
    @Nested
    @RequiresRealService("backend")
    class Inner {
      @Nested
      class Deeper {
        @Test
        void test() {
        }
      }
    }
  }

  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @Test
  @RequiresRealService("backend")
  @interface BackendTest {
  }

  static class MetaAnnotatedTestCase {
    @BackendTest
    void test() {
    }
  }

  @RequiresRealService("backend")
  static class UpTestCase {
    static final AtomicInteger bodies = new AtomicInteger();

    @Test
    void test() {
      bodies.incrementAndGet();
    }
  }

  static class DownTestCase {
    static final AtomicInteger ran = new AtomicInteger();

    @BeforeEach
    void connect() {
      ran.incrementAndGet();
    }

    @Test
    @RequiresRealService("backend")
    void first() {
      ran.incrementAndGet();
    }

    @Test
    @RequiresRealService("backend")
    void second() {
      ran.incrementAndGet();
    }
  }

  @RequiresRealService("backend")
  static class ClassDownTestCase {
    static final AtomicInteger ran = new AtomicInteger();

    @BeforeAll
    static void connect() {
      ran.incrementAndGet();
    }

    @Test
    void test() {
      ran.incrementAndGet();
    }
  }

  static class FiveHundredTestCase {
    @RepeatedTest(500)
    @RequiresRealService("backend")
    void test() {
    }
  }

  static class UnguardedTestCase {
    @Test
    void test() {
    }
  }
}
