package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.internal.config.Detection.Interaction;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import redis.clients.jedis.Jedis;

/**
 * {@code SERVER_ERRORS} with real servers: an in-process HTTP backend whose {@code /health} answers 200 while its
 * API answers 503 (and a client that serves canned orders on any 5xx), a retry that ends in 200, a 404, a small RESP
 * server that answers every command {@code -LOADING} (a real TCP server speaking RESP), the local PostgreSQL refusing
 * a login to a database that does not exist ({@code FATAL}) and serving an honest query, a test that declares it
 * checks error handling; the same suite serially and in parallel.
 */
class ServerErrorsTests {

  private static final String POSTGRES_DOWN = "needs the local PostgreSQL on 127.0.0.1:5432 with trust auth and "
      + "database test (start it: pg_ctlcluster 15 main start)";

  static volatile int backendPort;
  static volatile int loadingPort;
  private static HttpServer http;
  private static ServerSocket loading;
  private static final Map<String, AtomicInteger> FLAKY = new ConcurrentHashMap<>();

  @TempDir
  Path directory;

  @BeforeAll
  static void startServers() throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/health", exchange -> answer(exchange, 200, "{\"status\":\"UP\"}"));
    http.createContext("/api/orders", exchange -> answer(exchange, 503, "database unreachable"));
    http.createContext("/api/missing", exchange -> answer(exchange, 404, "no such order"));
    // the first call of each caller fails, the next ones succeed
    http.createContext("/api/flaky", exchange -> answer(exchange, FLAKY.computeIfAbsent(
        exchange.getRequestURI().getQuery(), key -> new AtomicInteger()).getAndIncrement() == 0 ? 503 : 200, "[1,2]"));
    http.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    http.start();
    backendPort = http.getAddress().getPort();
    loading = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    loadingPort = loading.getLocalPort();
    Thread acceptor = new Thread(() -> {
      while (!loading.isClosed()) {
        try {
          Socket client = loading.accept();
          Thread reply = new Thread(() -> loadingReplies(client), "resp-loading");
          reply.setDaemon(true);
          reply.start();
        } catch (IOException ex) {
          return;
        }
      }
    }, "resp-loading-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
    try (java.sql.Connection ignored = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test",
        "postgres", "")) {
      // the local PostgreSQL is there
    } catch (SQLException ex) {
      throw new IllegalStateException(POSTGRES_DOWN, ex);
    }
  }

  @AfterAll
  static void stopServers() throws IOException {
    http.stop(0);
    loading.close();
  }

  /** Every command read is answered with a {@code -LOADING} error, as a Redis loading its dataset does. */
  private static void loadingReplies(Socket client) {
    try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
      byte[] buffer = new byte[1024];
      while (in.read(buffer) > 0) {
        out.write("-LOADING Redis is loading the dataset in memory\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
    } catch (IOException ex) {
      // the client closed
    }
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  // ------------------------------------------------------------------ real JUnit runs

  private Map<String, String> parameters(boolean parallel) throws IOException {
    String yaml = "environment: local\n"
        + "history: " + directory.resolve("history.json") + "\n"
        // the fixtures' durations swing with warm-up (a first run class-loads the HTTP client): TOO_FAST is not
        // what these runs are about, so it never has enough history here
        + "detection:\n  interaction: required\n  tooFast: { factor: 10, minRuns: 1000 }\n"
        + "environments:\n  local:\n    services:\n"
        + "      backend: { probe: http, url: \"http://127.0.0.1:" + backendPort + "/health\", timeout: 2s }\n"
        + "      cache: { probe: tcp, host: 127.0.0.1, port: " + loadingPort + " }\n"
        + "      postgres: { probe: postgres, host: 127.0.0.1, port: 5432 }\n";
    Path file = directory.resolve("authenticity.yaml");
    Files.writeString(file, yaml);
    Map<String, String> parameters = new HashMap<>();
    parameters.put("authenticity.config", file.toString());
    if (parallel) {
      parameters.put("junit.jupiter.execution.parallel.enabled", "true");
      parameters.put("junit.jupiter.execution.parallel.mode.default", "concurrent");
      parameters.put("junit.jupiter.execution.parallel.mode.classes.default", "concurrent");
      parameters.put("junit.jupiter.execution.parallel.config.strategy", "fixed");
      parameters.put("junit.jupiter.execution.parallel.config.fixed.parallelism", "4");
    }
    return parameters;
  }

  private EngineExecutionResults run(boolean parallel) throws IOException {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(CannedOrdersTestCase.class),
        selectClass(RetryTestCase.class), selectClass(NotFoundTestCase.class), selectClass(DeclaredErrorsTestCase.class),
        selectClass(LoadingRedisTestCase.class), selectClass(PostgresTestCase.class))
        .configurationParameters(parameters(parallel)).execute();
  }

  private static final String CANNED = "MASKED: this guarded test requires the real service [backend], but 1 finding "
      + "shows that it did not really use it:\n"
      + "  SERVER_ERRORS: backend answered 503 Service Unavailable (1 answer) and nothing else while the test ran: the "
      + "service was reached but never served the test. If the test checks how errors are handled, declare it: "
      + "@RequiresRealService(expectErrors = true)\n"
      + "To report masked tests without failing them, run with -Dauthenticity.mode=report.";

  @Test
  void onlyTheTestsThatGotNothingButServerErrorsAreMaskedSerially() throws IOException {
    assertVerdicts(run(false));
  }

  @Test
  void onlyTheTestsThatGotNothingButServerErrorsAreMaskedInParallel() throws IOException {
    assertVerdicts(run(true));
  }

  private static void assertVerdicts(EngineExecutionResults results) {
    Map<String, String> failures = new HashMap<>();
    results.testEvents().failed().list().forEach(event -> failures.put(
        event.getTestDescriptor().getLegacyReportingName(), event.getRequiredPayload(
            org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow().getMessage()));

    results.testEvents().assertStatistics(stats -> stats.started(8));
    assertThat(failures).as(failures.toString()).containsOnlyKeys("servesCannedOrdersOn5xx()", "fallsBackWhileRedisIsLoading()",
        "fallsBackWhenTheLoginIsRefused()", "canned()");
    assertThat(failures.get("servesCannedOrdersOn5xx()")).isEqualTo(CANNED);
    assertThat(failures.get("canned()")).as("a method of a class that declares expectErrors on another method")
        .isEqualTo(CANNED);
    assertThat(failures.get("fallsBackWhileRedisIsLoading()")).contains("\n  SERVER_ERRORS: cache answered -LOADING (")
        .contains(" and nothing else while the test ran: the service was reached but never served the test.");
    assertThat(failures.get("fallsBackWhenTheLoginIsRefused()")).contains("\n  SERVER_ERRORS: postgres answered FATAL "
        + "(1 answer) and nothing else while the test ran: the service was reached but never served the test.");
  }

  // ------------------------------------------------------------------ proof lines, through the detectors

  private AuthenticityConfig config(ServiceDefinition service) {
    return DetectorHarness.config(DetectorHarness.detection(Interaction.REQUIRED), directory.resolve("history.json"),
        service);
  }

  private static ServiceDefinition backend() {
    return DetectorHarness.http("backend", "http://127.0.0.1:" + backendPort + "/health");
  }

  @Test
  void theProofLineSaysWhatTheAnswersWere() {
    AuthenticityConfig config = config(backend());

    TestOutcome retried = DetectorHarness.run(DetectorHarness.test("retried", config),
        () -> assertThat(Orders.flaky("proof-line")).isEqualTo(200));
    TestOutcome notFound = DetectorHarness.run(DetectorHarness.test("notFound", config),
        () -> assertThat(Orders.status("/api/missing")).isEqualTo(404));

    assertThat(retried.evidence()).isEmpty();
    assertThat(retried.proof()).singleElement().asString().matches("backend: 2 answers \\(503 ×1, 200 ×1\\), "
        + "\\d+ B in, \\d+ B out with 127\\.0\\.0\\.1:" + backendPort);
    assertThat(notFound.evidence()).as("a 404 is an answer").isEmpty();
    assertThat(notFound.proof()).singleElement().asString().matches("backend: 1 answer \\(404 ×1\\), \\d+ B in, "
        + "\\d+ B out with 127\\.0\\.0\\.1:" + backendPort);
  }

  @Test
  void aDeclaredErrorTestIsProvenByTheErrorsItExpectedAndListedAsSuch() throws Exception {
    AuthenticityConfig config = config(backend());
    GuardedTest declared = new GuardedTest("[engine:junit-jupiter]/[class:DeclaredErrorsTestCase]/[method:"
        + "showsTheOutageBanner()]", DeclaredErrorsTestCase.class,
        DeclaredErrorsTestCase.class.getDeclaredMethod("showsTheOutageBanner"), List.of(),
        List.copyOf(config.services().values()), null, false, config);

    TestOutcome outcome = DetectorHarness.run(declared, () -> assertThat(Orders.status("/api/orders")).isEqualTo(503));

    assertThat(outcome.evidence()).isEmpty();
    assertThat(outcome.proof()).singleElement().asString().matches("backend: 1 answer \\(503 ×1\\), \\d+ B in, \\d+ B "
        + "out with 127\\.0\\.0\\.1:" + backendPort + " \\(server errors expected by the test: expectErrors = true\\)");
  }

  @Test
  void theCannedOrdersClientIsServerErrorsThroughTheDetectorsToo() {
    TestOutcome outcome = DetectorHarness.run(DetectorHarness.test("canned", config(backend())),
        () -> assertThat(Orders.list()).hasSize(2));

    assertThat(outcome.proof()).isEmpty();
    assertThat(outcome.evidence()).containsExactly(new Evidence(EvidenceKind.SERVER_ERRORS, "backend answered 503 "
        + "Service Unavailable (1 answer) and nothing else while the test ran: the service was reached but never "
        + "served the test. If the test checks how errors are handled, declare it: "
        + "@RequiresRealService(expectErrors = true)"));
  }

  // ------------------------------------------------------------------ the suite under test

  /** A client library that quietly serves canned orders on any 5xx, without logging a word. */
  static final class Orders {
    private Orders() {
    }

    static List<String> list() throws IOException {
      return status("/api/orders") >= 500 ? List.of("canned-1", "canned-2") : List.of("real");
    }

    static int flaky(String caller) throws IOException {
      int status = 0;
      for (int attempt = 0; attempt < 3 && status != 200; attempt++) {
        status = status("/api/flaky?" + caller);
      }
      return status;
    }

    static int status(String path) throws IOException {
      HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + backendPort + path).toURL()
          .openConnection();
      connection.setConnectTimeout(2_000);
      connection.setReadTimeout(5_000);
      int status = connection.getResponseCode();
      try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
        if (in != null) {
          in.readAllBytes();
        }
      }
      return status;
    }
  }

  @RequiresRealService("backend")
  static class CannedOrdersTestCase {
    @Test
    void servesCannedOrdersOn5xx() throws IOException {
      assertThat(Orders.list()).hasSize(2);
    }
  }

  @RequiresRealService("backend")
  static class RetryTestCase {
    @Test
    void retriesUntilTheBackendAnswers() throws IOException {
      assertThat(Orders.flaky("retry-" + Thread.currentThread().getId() + "-" + System.nanoTime())).isEqualTo(200);
    }
  }

  @RequiresRealService("backend")
  static class NotFoundTestCase {
    @Test
    void answersNotFoundForAnUnknownOrder() throws IOException {
      assertThat(Orders.status("/api/missing")).isEqualTo(404);
    }
  }

  @RequiresRealService("backend")
  static class DeclaredErrorsTestCase {
    @Test
    @RequiresRealService(value = "backend", expectErrors = true)
    void showsTheOutageBanner() throws IOException {
      assertThat(Orders.status("/api/orders")).isEqualTo(503);
    }

    @Test
    void canned() throws IOException {
      assertThat(Orders.list()).hasSize(2);
    }
  }

  @RequiresRealService("cache")
  static class LoadingRedisTestCase {
    @Test
    void fallsBackWhileRedisIsLoading() {
      String session;
      try (Jedis jedis = new Jedis("127.0.0.1", loadingPort, 2_000)) {
        session = jedis.get("session");
      } catch (RuntimeException ex) {
        session = "in-memory-session";
      }
      assertThat(session).isEqualTo("in-memory-session");
    }
  }

  @RequiresRealService("postgres")
  static class PostgresTestCase {
    @Test
    void fallsBackWhenTheLoginIsRefused() {
      String source;
      try (java.sql.Connection connection = DriverManager.getConnection(
          "jdbc:postgresql://127.0.0.1:5432/authenticity_no_such_database", "postgres", "")) {
        source = "database";
      } catch (SQLException ex) {
        source = "canned";
      }
      assertThat(source).isEqualTo("canned");
    }

    @Test
    void readsFromTheRealDatabase() throws SQLException {
      try (java.sql.Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test",
          "postgres", ""); ResultSet rows = connection.createStatement().executeQuery("SELECT 1")) {
        assertThat(rows.next()).isTrue();
      }
    }
  }
}
