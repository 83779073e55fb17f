package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.authenticity.core.internal.config.Detection.Interaction;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.testkit.engine.EngineTestKit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/**
 * Two tests at once under real JUnit parallel execution, one honest and one a stand-in that does nothing,
 * sharing a client pooled before them: the stand-in never gets proof. Where the I/O runs on the test's
 * own thread (Jedis), and where it runs on the client's event loop over one shared connection (Lettuce: the
 * agent carries the test's window into the write task it submits to the event loop, and the answer is the
 * writer's), the honest test is proven. The stand-in is unproven, "a connection shared by 2 tests running at
 * once", not {@code NO_INTERACTION}: a connection opened before the tests can carry one test's request inside
 * another's write (gRPC batches, HTTP/2 coalesces), so its traffic is never evidence against the other.
 */
@Isolated
class ClientParallelTests {

  private static final String SHARED = "redis: traffic with 127.0.0.1:6379 while the test ran cannot be attributed to "
      + "it: a connection shared by 2 tests running at once";
  static volatile CountDownLatch bothRunning;
  static volatile Runnable honestCall;
  private static RedisClient lettuce;
  static StatefulRedisConnection<String, String> lettuceConnection;
  static JedisPool jedis;

  @BeforeAll
  static void connect() throws Exception {
    try {
      lettuce = RedisClient.create("redis://127.0.0.1:6379");
      lettuceConnection = lettuce.connect();
      jedis = new JedisPool("127.0.0.1", 6379);
      try (Jedis warm = jedis.getResource()) {
        warm.ping();
      }
    } catch (RuntimeException ex) {
      throw new IllegalStateException("needs the local Redis on 127.0.0.1:6379 (start it: redis-server --daemonize yes)",
          ex);
    }
    ParallelAttributionTests.config = DetectorHarness.config(DetectorHarness.detection(Interaction.REQUIRED),
        Files.createTempDirectory("authenticity").resolve("history.json"),
        DetectorHarness.service("redis", "redis", Map.of("host", "127.0.0.1", "port", 6379)));
  }

  @AfterAll
  static void close() {
    lettuceConnection.close();
    lettuce.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    jedis.close();
  }

  @ExtendWith(ParallelAttributionTests.AroundBody.class) // its detectors, its config, its OUTCOMES
  static class PairTestCase {

    @Test
    void honest() throws Exception {
      bothRunning.countDown();
      assertThat(bothRunning.await(10, TimeUnit.SECONDS)).isTrue();
      long until = System.nanoTime() + Duration.ofMillis(150).toNanos();
      while (System.nanoTime() < until) {
        honestCall.run();
      }
    }

    @Test
    void standIn() throws Exception {
      bothRunning.countDown();
      assertThat(bothRunning.await(10, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(300); // "uses" its in-memory substitute while the honest test talks to Redis
    }
  }

  private static void runPair(Runnable call) {
    honestCall = call;
    bothRunning = new CountDownLatch(2);
    ParallelAttributionTests.OUTCOMES.clear();
    EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
        .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
        .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
        .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2")
        .selectors(selectClass(PairTestCase.class))
        .execute().testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
  }

  @Test
  void aConnectionSharedOnTheClientsEventLoopProvesTheTestThatWroteAndNeverTheStandIn() {
    runPair(() -> lettuceConnection.sync().ping());

    TestOutcome standIn = ParallelAttributionTests.OUTCOMES.get("PairTestCase.standIn");
    assertThat(standIn.proof()).isEmpty();
    assertThat(standIn.evidence()).isEmpty();
    assertThat(standIn.unproven()).contains(SHARED);
    TestOutcome honest = ParallelAttributionTests.OUTCOMES.get("PairTestCase.honest");
    assertThat(honest.evidence()).isEmpty();
    assertThat(honest.unproven()).isEmpty();
    assertThat(honest.proof()).singleElement().asString().startsWith("redis: ").endsWith(" with 127.0.0.1:6379");
  }


  @Test
  void aPooledClientOnTheTestsOwnThreadProvesTheHonestTestAndNeverTheStandIn() {
    runPair(() -> {
      try (Jedis connection = jedis.getResource()) {
        connection.ping();
      }
    });

    TestOutcome honest = ParallelAttributionTests.OUTCOMES.get("PairTestCase.honest");
    assertThat(honest.evidence()).isEmpty();
    assertThat(honest.proof()).singleElement().asString().matches("redis: \\d+ exchanges?, .* with 127.0.0.1:6379");
    TestOutcome standIn = ParallelAttributionTests.OUTCOMES.get("PairTestCase.standIn");
    assertThat(standIn.proof()).isEmpty();
    assertThat(standIn.evidence()).isEmpty();
    assertThat(standIn.unproven()).contains(SHARED);
  }
}
