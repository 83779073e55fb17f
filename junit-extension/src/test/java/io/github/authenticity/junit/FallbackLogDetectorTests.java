package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.authenticity.core.Fallbacks;
import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.internal.config.Detection.Interaction;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;

@Isolated // changes JVM-wide state (System.out, proxy properties) or measures time
class FallbackLogDetectorTests {

  @TempDir
  Path directory;

  private AuthenticityConfig config() {
    return DetectorHarness.config(DetectorHarness.detection(Interaction.OFF), directory.resolve("history.json"));
  }

  private TestOutcome run(String name, DetectorHarness.Body body) {
    return DetectorHarness.run(DetectorHarness.test(name, config()), body);
  }

  @Test
  void javaUtilLoggingFallbackIsEvidenceWithLevelAndLogger() {
    TestOutcome outcome = run("jul", () -> Logger.getLogger("com.example.Client")
        .warning("Using MockWebSocketManager due to connection failure"));

    assertThat(outcome.evidence()).containsExactly(new Evidence(EvidenceKind.FALLBACK_LOG,
        "WARNING com.example.Client: \"Using MockWebSocketManager due to connection failure\""));
  }

  @Test
  void julLoggerThatBypassesTheRootHandlersIsSeen() {
    Logger logger = Logger.getLogger("com.example.Isolated");
    logger.setUseParentHandlers(false);
    ConsoleHandler own = new ConsoleHandler();
    logger.addHandler(own);
    try {
      TestOutcome outcome = run("isolated", () -> logger.log(Level.WARNING, "falling back to in-memory store for {0}",
          "orders"));

      assertThat(outcome.evidence()).extracting(Evidence::detail)
          .containsExactly("WARNING com.example.Isolated: \"falling back to in-memory store for orders\"");
    } finally {
      logger.removeHandler(own);
      logger.setUseParentHandlers(true);
    }
  }

  @Test
  void printedLinesAreEvidenceAndStillReachTheConsole() {
    PrintStream before = System.err;
    FallbackLines_installForTest();
    TestOutcome outcome = run("printed", () -> {
      System.err.println("falling back to in-memory store");
      System.out.println("all good, talking to the real thing");
      System.out.print("Using MockPaymentClient");
      System.out.println(" because payments are down");
    });

    assertThat(outcome.evidence()).extracting(Evidence::detail).containsExactly(
        "System.err: \"falling back to in-memory store\"",
        "System.out: \"Using MockPaymentClient because payments are down\"");
    assertThat(before).isNotNull();
  }

  @Test
  void theTeeForwardsEveryByteUnchanged() {
    PrintStream original = System.out;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
    try {
      TestOutcome outcome = run("tee", () -> {
        System.out.println("Using MockClock ü");
        System.out.print("partial, then using mock\u0020clock without a line break");
      });

      assertThat(console.toString(StandardCharsets.UTF_8)).isEqualTo("Using MockClock ü" + System.lineSeparator()
          + "partial, then using mock clock without a line break");
      assertThat(outcome.evidence()).extracting(Evidence::detail).containsExactly("System.out: \"Using MockClock ü\"",
          "System.out: \"partial, then using mock clock without a line break\"");
    } finally {
      System.setOut(original);
    }
  }

  @Test
  void logbackEventsAreCapturedOnceThoughTheConsoleAppenderPrintsThemToo() {
    TestOutcome outcome = run("logback", () -> org.slf4j.LoggerFactory.getLogger("com.example.Client")
        .warn("Using MockWebSocketManager due to {}", "connection failure"));

    assertThat(outcome.evidence()).extracting(Evidence::detail)
        .containsExactly("WARN com.example.Client: \"Using MockWebSocketManager due to connection failure\"");
  }

  @Test
  void aNonAdditiveLogbackLoggerIsSeenToo() {
    ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
        .getLogger("com.example.Quiet");
    logger.setAdditive(false);
    try {
      TestOutcome outcome = run("quiet", () -> logger.info("Using InMemoryQueue, falling back to a fake broker"));

      assertThat(outcome.evidence()).extracting(Evidence::detail)
          .containsExactly("INFO com.example.Quiet: \"Using InMemoryQueue, falling back to a fake broker\"");
    } finally {
      logger.setAdditive(true);
    }
  }

  @Test
  void aLogbackLineDroppedByTheRootLevelIsStillCaught() {
    ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
        .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.classic.Level before = root.getLevel();
    root.setLevel(ch.qos.logback.classic.Level.ERROR);
    try {
      TestOutcome outcome = run("logbackAtError", () -> org.slf4j.LoggerFactory.getLogger("com.example.Session")
          .warn("Using InMemorySessionStore: redis {} unreachable", "127.0.0.1:6379"));

      assertThat(outcome.evidence()).extracting(Evidence::detail)
          .containsExactly("WARN com.example.Session: \"Using InMemorySessionStore: redis 127.0.0.1:6379 unreachable\"");
      assertThat(outcome.warnings()).isEmpty();
    } finally {
      root.setLevel(before);
    }
  }

  @Test
  void aJulLevelThatDropsLinesBeforeAnyHandlerIsAWarningNeverSilence() {
    Logger logger = Logger.getLogger("com.example.Muted");
    logger.setLevel(java.util.logging.Level.SEVERE);
    try {
      TestOutcome outcome = run("julAtSevere", () -> logger.warning("Using MockPaymentGateway"));

      assertThat(outcome.warnings()).contains("java.util.logging lines below the level of [com.example.Muted] (SEVERE)"
          + " are dropped before any handler, so a fallback line logged there at WARNING or below is not seen; lower"
          + " that level to WARNING or INFO in the test logging configuration to have them checked");
    } finally {
      logger.setLevel(null);
    }
  }

  @Test
  void aLog4jLineDroppedByTheRootLevelIsStillCaught() {
    org.apache.logging.log4j.core.LoggerContext context = (org.apache.logging.log4j.core.LoggerContext)
        org.apache.logging.log4j.LogManager.getContext(false);
    org.apache.logging.log4j.Level before = context.getConfiguration().getRootLogger().getLevel();
    org.apache.logging.log4j.core.config.Configurator.setRootLevel(org.apache.logging.log4j.Level.ERROR);
    try {
      TestOutcome outcome = run("log4jAtError", () -> org.apache.logging.log4j.LogManager.getLogger("com.example.Cart")
          .warn("falling back to a stub cart: {}", "connection refused"));

      assertThat(outcome.evidence()).extracting(Evidence::detail)
          .containsExactly("WARN com.example.Cart: \"falling back to a stub cart: connection refused\"");
    } finally {
      org.apache.logging.log4j.core.config.Configurator.setRootLevel(before);
    }
  }

  @Test
  void log4jEventsAreCaptured() {
    TestOutcome outcome = run("log4j", () -> org.apache.logging.log4j.LogManager.getLogger("com.example.Store")
        .error("falling back to a stub repository: {}", "connection refused"));

    assertThat(outcome.evidence()).extracting(Evidence::detail)
        .containsExactly("ERROR com.example.Store: \"falling back to a stub repository: connection refused\"");
  }

  @Test
  void aLineFromAThreadTheTestStartedIsTheTests() {
    TestOutcome outcome = run("child", () -> {
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        pool.submit(() -> Logger.getLogger("com.example.Async").warning("Using MockBroker")).get();
      } finally {
        pool.shutdownNow();
      }
      CompletableFuture.runAsync(() -> System.out.println("fallback to mock broker"), runnable -> {
        Thread thread = new Thread(runnable);
        thread.start();
      }).join();
    });

    assertThat(outcome.evidence()).extracting(Evidence::detail).containsExactly(
        "WARNING com.example.Async: \"Using MockBroker\"", "System.out: \"fallback to mock broker\"");
  }

  @Test
  void aLineFromTheCommonPoolIsTheTestsWhenItRunsAlone() {
    CompletableFuture.runAsync(() -> { }).join(); // the pool's thread may predate the test
    TestOutcome outcome = run("commonPool", () -> CompletableFuture.runAsync(() -> Logger.getLogger("com.example.Async")
        .warning("falling back to a no-op notifier")).join());

    assertThat(outcome.evidence()).extracting(Evidence::detail)
        .containsExactly("WARNING com.example.Async: \"falling back to a no-op notifier\"");
  }

  @Test
  void anHonestTestHasNoEvidence() {
    TestOutcome outcome = run("honest", () -> {
      Logger.getLogger("com.example.Client").info("connected to ws://localhost:8080/ws");
      System.out.println("mocking is not what we do here");
    });

    assertThat(outcome.evidence()).isEmpty();
  }

  @Test
  void linesOutsideTheTestBodyBelongToNoTest() {
    Logger.getLogger("com.example.Setup").warning("Using MockSetup before the body");
    TestOutcome outcome = run("clean", () -> { });
    Logger.getLogger("com.example.Setup").warning("Using MockSetup after the body");

    assertThat(outcome.evidence()).isEmpty();
  }

  @Test
  void concurrentTestsGetOnlyTheirOwnLines() throws Exception {
    CyclicBarrier bothRunning = new CyclicBarrier(2);
    CountDownLatch masked = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      var maskedOutcome = threads.submit(() -> run("masked", () -> {
        bothRunning.await(5, TimeUnit.SECONDS);
        Logger.getLogger("com.example.Client").warning("Using MockWebSocketManager due to connection failure");
        System.err.println("falling back to in-memory store");
        Fallbacks.report("websocket", "MockWebSocketManager", "connection refused");
        new Thread(() -> System.out.println("using mock pricing")).start();
        Thread.sleep(100);
        masked.countDown();
      }));
      var honestOutcome = threads.submit(() -> run("honest", () -> {
        bothRunning.await(5, TimeUnit.SECONDS);
        masked.await(5, TimeUnit.SECONDS);
        System.out.println("talking to the real backend");
      }));

      assertThat(maskedOutcome.get(10, TimeUnit.SECONDS).evidence()).extracting(Evidence::kind, Evidence::detail)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(EvidenceKind.FALLBACK_LOG,
                  "WARNING com.example.Client: \"Using MockWebSocketManager due to connection failure\""),
              org.assertj.core.groups.Tuple.tuple(EvidenceKind.FALLBACK_LOG, "System.err: \"falling back to in-memory store\""),
              org.assertj.core.groups.Tuple.tuple(EvidenceKind.FALLBACK_LOG, "System.out: \"using mock pricing\""),
              org.assertj.core.groups.Tuple.tuple(EvidenceKind.FALLBACK_REPORTED,
                  "websocket replaced by MockWebSocketManager: connection refused"));
      assertThat(honestOutcome.get(10, TimeUnit.SECONDS).evidence()).isEmpty();
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void fallbacksReportIsEvidenceInsideTheBodyAndANoOpOutside() {
    Fallbacks.report("backend", "InMemoryBackend", "before any test");
    TestOutcome outcome = run("reported", () -> Fallbacks.report("redis", "InMemoryCache", null));
    Fallbacks.report("backend", "InMemoryBackend", "after the test");

    assertThat(outcome.evidence()).containsExactly(new Evidence(EvidenceKind.FALLBACK_REPORTED,
        "redis replaced by InMemoryCache"));
  }

  private static void FallbackLines_installForTest() {
    io.github.authenticity.core.internal.detect.FallbackLines.install(FallbackLogDetectorTests.class.getClassLoader());
  }
}
