package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import io.github.authenticity.core.Fallbacks;
import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.internal.config.Detection.Interaction;
import io.github.authenticity.core.internal.model.Evidence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineTestKit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Real JUnit parallel execution (methods and classes concurrent, on JUnit's fork-join workers): evidence
 * lands on the test that produced it, the honest tests beside them stay clean.
 */
@Isolated // changes JVM-wide state (System.out, proxy properties) or measures time
class ParallelAttributionTests {

  static final Map<String, TestOutcome> OUTCOMES = new ConcurrentHashMap<>();
  static volatile AuthenticityConfig config;
  static volatile CountDownLatch allRunning;
  private static ServerSocket echo;
  private static ExecutorService echoThreads;

  @BeforeAll
  static void startEcho() throws IOException {
    echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    echoThreads = Executors.newCachedThreadPool();
    echoThreads.submit(() -> {
      while (!echo.isClosed()) {
        Socket socket = echo.accept();
        echoThreads.submit(() -> {
          try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            in.transferTo(out);
          }
          return null;
        });
      }
      return null;
    });
  }

  @AfterAll
  static void stopEcho() throws IOException {
    echo.close();
    echoThreads.shutdownNow();
  }

  /** Calls the detectors around each test body, as the extension does. */
  static final class AroundBody implements BeforeTestExecutionCallback, AfterTestExecutionCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AroundBody.class);

    @Override
    public void beforeTestExecution(ExtensionContext context) {
      List<Object> instances = new ArrayList<>(context.getRequiredTestInstances().getAllInstances());
      java.util.Collections.reverse(instances);
      GuardedTest test = new GuardedTest(context.getUniqueId(), context.getRequiredTestClass(),
          context.getRequiredTestMethod(), instances, List.copyOf(config.services().values()), null, false, config);
      context.getStore(NAMESPACE).put("test", test);
      context.getStore(NAMESPACE).put("start", System.nanoTime());
      Detectors.all().forEach(detector -> detector.beforeTest(test));
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
      GuardedTest test = context.getStore(NAMESPACE).get("test", GuardedTest.class);
      long start = context.getStore(NAMESPACE).get("start", Long.class);
      TestOutcome outcome = new TestOutcome(Duration.ofNanos(System.nanoTime() - start),
          context.getExecutionException().orElse(null));
      Detectors.all().forEach(detector -> detector.afterTest(test, outcome));
      OUTCOMES.put(context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName(),
          outcome);
    }
  }

  static void together() throws InterruptedException {
    allRunning.countDown();
    allRunning.await(10, TimeUnit.SECONDS);
  }

  static void exchange() throws IOException {
    try (SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", echo.getLocalPort()))) {
      channel.write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII)));
      ByteBuffer answer = ByteBuffer.allocate(4);
      while (answer.hasRemaining()) {
        channel.read(answer);
      }
    }
  }

  @ExtendWith(AroundBody.class)
  static class FirstTestCase {

    @Test
    void logsAFallback() throws Exception {
      together();
      Logger.getLogger("com.example.Client").warning("Using MockWebSocketManager due to connection failure");
      Thread.sleep(100);
    }

    @Test
    void honestNeighbour() throws Exception {
      together();
      exchange();
      System.out.println("real backend answered");
      Thread.sleep(100);
    }
  }

  @ExtendWith(AroundBody.class)
  static class SecondTestCase {

    @Test
    void fallsBackInAThreadItStarted() throws Exception {
      together();
      Thread worker = new Thread(() -> {
        System.err.println("falling back to in-memory store");
        Fallbacks.report("echo", "InMemoryEcho", "connection refused");
      });
      worker.start();
      worker.join();
      Thread.sleep(100);
    }

    @Test
    void honestToo() throws Exception {
      together();
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        pool.submit(() -> {
          exchange();
          return null;
        }).get();
      } finally {
        pool.shutdownNow();
      }
      Thread.sleep(100);
    }
  }

  @Test
  void evidenceLandsOnTheTestThatProducedIt() throws Exception {
    config = DetectorHarness.config(DetectorHarness.detection(Interaction.REQUIRED),
        Files.createTempDirectory("authenticity").resolve("history.json"),
        DetectorHarness.service("echo", "tcp", Map.of("host", "127.0.0.1", "port", echo.getLocalPort())));
    allRunning = new CountDownLatch(4);
    OUTCOMES.clear();

    EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
        .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
        .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
        .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
        .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
        .selectors(selectClass(FirstTestCase.class), selectClass(SecondTestCase.class))
        .execute().testEvents().assertStatistics(stats -> stats.started(4).succeeded(4));

    assertThat(OUTCOMES.get("FirstTestCase.logsAFallback").evidence()).extracting(Evidence::detail).containsExactly(
        "WARNING com.example.Client: \"Using MockWebSocketManager due to connection failure\"",
        "no bytes exchanged with echo (127.0.0.1:" + echo.getLocalPort() + ") while the test ran");
    assertThat(OUTCOMES.get("FirstTestCase.honestNeighbour").evidence()).isEmpty();
    assertThat(OUTCOMES.get("FirstTestCase.honestNeighbour").proof())
        .containsExactly("echo: 1 exchange, 4 B in, 4 B out with 127.0.0.1:" + echo.getLocalPort());
    assertThat(OUTCOMES.get("SecondTestCase.fallsBackInAThreadItStarted").evidence()).extracting(Evidence::detail)
        .containsExactly("System.err: \"falling back to in-memory store\"",
            "echo replaced by InMemoryEcho: connection refused",
            "no bytes exchanged with echo (127.0.0.1:" + echo.getLocalPort() + ") while the test ran");
    assertThat(OUTCOMES.get("SecondTestCase.honestToo").evidence()).isEmpty();
    assertThat(OUTCOMES.get("SecondTestCase.honestToo").proof())
        .containsExactly("echo: 1 exchange, 4 B in, 4 B out with 127.0.0.1:" + echo.getLocalPort());
  }
}
