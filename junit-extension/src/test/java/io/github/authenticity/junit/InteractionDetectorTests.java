package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.internal.config.Detection.Interaction;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;

@Isolated // changes JVM-wide state (System.out, proxy properties) or measures time
class InteractionDetectorTests {

  private static HttpServer http;
  private static ServerSocket echo;
  private static ExecutorService echoThreads;
  private static HttpClient sharedClient;

  @TempDir
  Path directory;

  @BeforeAll
  static void startServers() throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/health", exchange -> {
      byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    http.start();
    echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    echoThreads = Executors.newCachedThreadPool();
    echoThreads.submit(() -> {
      while (!echo.isClosed()) {
        Socket socket = echo.accept();
        echoThreads.submit(() -> {
          try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            byte[] buffer = new byte[1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
              out.write(buffer, 0, n);
            }
          }
          return null;
        });
      }
      return null;
    });
    // built before any test and before the monitor: its selector thread belongs to no test
    sharedClient = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stopServers() throws IOException {
    http.stop(0);
    echo.close();
    echoThreads.shutdownNow();
  }

  private static String httpUrl() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/health";
  }

  private static int echoPort() {
    return echo.getLocalPort();
  }

  private AuthenticityConfig config(Interaction interaction, ServiceDefinition... services) {
    return DetectorHarness.config(DetectorHarness.detection(interaction), directory.resolve("history.json"), services);
  }

  private AuthenticityConfig backend(Interaction interaction) {
    return config(interaction, DetectorHarness.http("backend", httpUrl()));
  }

  private AuthenticityConfig echoService() {
    return config(Interaction.REQUIRED, DetectorHarness.service("echo", "tcp", Map.of("host", "localhost",
        "port", echoPort())));
  }

  private static TestOutcome run(String name, AuthenticityConfig config, DetectorHarness.Body body) {
    return DetectorHarness.run(DetectorHarness.test(name, config), body);
  }

  private static void get(HttpClient client) throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(httpUrl())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
  }

  private static void exchangeOverChannel(String host) throws IOException {
    try (SocketChannel channel = SocketChannel.open(new InetSocketAddress(host, echoPort()))) {
      channel.write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII)));
      ByteBuffer answer = ByteBuffer.allocate(4);
      while (answer.hasRemaining()) {
        channel.read(answer);
      }
    }
  }

  @Test
  void httpClientBuiltInTheTestIsProof() {
    TestOutcome outcome = run("httpClient", backend(Interaction.REQUIRED), () -> get(HttpClient.newHttpClient()));

    assertThat(outcome.evidence()).isEmpty();
    assertThat(outcome.proof()).singleElement().asString()
        .matches("backend: 1 answer \\(200 ×1\\), \\d+ B in, \\d+ B out with 127.0.0.1:" + http.getAddress().getPort());
  }

  @Test
  void httpClientSharedAcrossTestsIsProofThroughItsSelectorThread() {
    TestOutcome outcome = run("sharedHttpClient", backend(Interaction.REQUIRED), () -> get(sharedClient));

    assertThat(outcome.evidence()).isEmpty();
    assertThat(outcome.proof()).hasSize(1);
  }

  @Test
  void httpUrlConnectionIsProof() {
    TestOutcome outcome = run("urlConnection", backend(Interaction.REQUIRED), () -> {
      HttpURLConnection connection = (HttpURLConnection) URI.create(httpUrl()).toURL().openConnection();
      assertThat(connection.getResponseCode()).isEqualTo(200);
      connection.getInputStream().readAllBytes();
      connection.disconnect();
    });

    assertThat(outcome.evidence()).isEmpty();
    assertThat(outcome.proof()).hasSize(1);
  }

  @Test
  void plainSocketIsProof() {
    TestOutcome outcome = run("socket", echoService(), () -> {
      try (Socket socket = new Socket("localhost", echoPort())) {
        socket.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
        assertThat(socket.getInputStream().readNBytes(4)).hasSize(4);
      }
    });

    assertThat(outcome.evidence()).isEmpty();
    assertThat(outcome.proof()).hasSize(1);
  }

  @Test
  void socketChannelIsProvenWithTheExactlyCountedBytes() {
    long start = System.nanoTime();
    TestOutcome outcome = run("socketChannel", echoService(), () -> exchangeOverChannel("127.0.0.1"));
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(outcome.evidence()).isEmpty();
    assertThat(outcome.proof()).containsExactly("echo: 1 exchange, 4 B in, 4 B out with localhost:" + echoPort());
    System.out.println("[measure] SocketChannel test proven after " + millis + " ms");
  }

  @Test
  void socketChannelInAThreadTheTestStartedIsProof() {
    TestOutcome outcome = run("childThread", echoService(), () -> {
      Thread child = new Thread(() -> {
        try {
          exchangeOverChannel("localhost");
        } catch (IOException ex) {
          throw new IllegalStateException(ex);
        }
      });
      child.start();
      child.join();
    });

    assertThat(outcome.evidence()).isEmpty();
    assertThat(outcome.proof()).containsExactly("echo: 1 exchange, 4 B in, 4 B out with localhost:" + echoPort());
  }

  @Test
  void postgresqlJdbcIsProof() {
    ServiceDefinition postgres = DetectorHarness.service("postgres", "postgres", Map.of("host", "127.0.0.1",
        "port", 5432));
    TestOutcome outcome = run("jdbc", config(Interaction.REQUIRED, postgres), () -> {
      try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
          ResultSet result = connection.createStatement().executeQuery("select 1")) {
        assertThat(result.next()).isTrue();
      } catch (SQLException ex) {
        fail("PostgreSQL is needed at 127.0.0.1:5432 (db test, user postgres, trust auth): " + ex.getMessage()
            + ". Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start", ex);
      }
    });

    assertThat(outcome.failure()).isEmpty();
    assertThat(outcome.evidence()).isEmpty();
    assertThat(outcome.proof()).hasSize(1);
  }

  @Test
  void bytesExchangedWithTheHttpProxyThatCarriesTheRequestCountForTheEndpoint() throws Exception {
    // the in-process server plays the proxy: it answers absolute-URI requests itself
    String proxyPort = String.valueOf(http.getAddress().getPort());
    System.setProperty("http.proxyHost", "127.0.0.1");
    System.setProperty("http.proxyPort", proxyPort);
    try {
      AuthenticityConfig config = config(Interaction.REQUIRED,
          DetectorHarness.http("backend", "http://backend.invalid:18080/health"));
      TestOutcome outcome = run("proxied", config, () -> {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://backend.invalid:18080/health").toURL()
            .openConnection();
        assertThat(connection.getResponseCode()).isEqualTo(200);
        connection.getInputStream().readAllBytes();
        connection.disconnect();
      });

      assertThat(outcome.evidence()).isEmpty();
      assertThat(outcome.proof()).singleElement().asString().matches("backend: 1 answer \\(200 ×1\\), \\d+ B in, \\d+ B out with backend.invalid:18080");
    } finally {
      System.clearProperty("http.proxyHost");
      System.clearProperty("http.proxyPort");
    }
  }

  @Test
  void aRawRedisProtocolClientIsProof() {
    ServiceDefinition redis = DetectorHarness.service("redis", "redis", Map.of("host", "localhost", "port", 6379));
    TestOutcome outcome = run("redis", config(Interaction.REQUIRED, redis), () -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", 6379), 2000);
        socket.getOutputStream().write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(socket.getInputStream().readNBytes(7), StandardCharsets.US_ASCII)).isEqualTo("+PONG\r\n");
      } catch (IOException ex) {
        fail("Redis is needed at 127.0.0.1:6379: " + ex.getMessage() + ". Start it with: redis-server --daemonize yes "
            + "--bind 127.0.0.1 -::1 --port 6379 --save \"\" --appendonly no", ex);
      }
    });

    assertThat(outcome.failure()).isEmpty();
    assertThat(outcome.evidence()).isEmpty();
    assertThat(outcome.proof()).singleElement().asString().isEqualTo("redis: 1 exchange, 7 B in, 14 B out with localhost:6379");
  }

  @Test
  void aTestThatNeverTalksToItsServiceIsMaskedEvenWhenTrafficHappenedBeforeIt() throws Exception {
    get(HttpClient.newHttpClient()); // like the preflight probe: before the test, never counts
    long start = System.nanoTime();
    TestOutcome outcome = run("masked", backend(Interaction.REQUIRED), () -> exchangeOverChannel("127.0.0.1"));
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(outcome.proof()).isEmpty();
    assertThat(outcome.evidence()).containsExactly(new Evidence(EvidenceKind.NO_INTERACTION,
        "no bytes exchanged with backend (127.0.0.1:" + http.getAddress().getPort() + ") while the test ran"));
    System.out.println("[measure] NO_INTERACTION decided after " + millis + " ms");
  }

  @Test
  void warnModeWarnsAndBothModesMarkTheTestUnproven() {
    TestOutcome warned = run("warn", backend(Interaction.WARN), () -> { });
    TestOutcome off = run("off", backend(Interaction.OFF), () -> { });

    assertThat(warned.evidence()).isEmpty();
    assertThat(warned.warnings()).containsExactly("no bytes exchanged with backend (127.0.0.1:"
        + http.getAddress().getPort() + ") while the test ran");
    assertThat(warned.unproven()).contains("no bytes exchanged with backend (127.0.0.1:"
        + http.getAddress().getPort() + ") while the test ran");
    assertThat(off.evidence()).isEmpty();
    assertThat(off.warnings()).isEmpty();
    assertThat(off.proof()).isEmpty();
    assertThat(off.unproven()).contains("detection.interaction is off: no socket evidence was gathered");
  }

  @Test
  void aFailedTestIsNotKeptWaitingForProof() {
    long start = System.nanoTime();
    TestOutcome outcome = run("failed", backend(Interaction.REQUIRED), () -> {
      throw new AssertionError("boom");
    });

    assertThat(outcome.evidence()).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
  }

  @Test
  void concurrentTestsOfTheSameServiceAreJudgedByTheirOwnThreads() throws Exception {
    CountDownLatch bothStarted = new CountDownLatch(2);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      var honest = threads.submit(() -> run("honest", echoService(), () -> {
        bothStarted.countDown();
        bothStarted.await(5, TimeUnit.SECONDS);
        exchangeOverChannel("127.0.0.1");
      }));
      var masked = threads.submit(() -> run("masked", echoService(), () -> {
        bothStarted.countDown();
        bothStarted.await(5, TimeUnit.SECONDS);
        Thread.sleep(50);
      }));

      assertThat(honest.get(10, TimeUnit.SECONDS).proof()).containsExactly("echo: 1 exchange, 4 B in, 4 B out with localhost:" + echoPort());
      assertThat(masked.get(10, TimeUnit.SECONDS).evidence()).extracting(Evidence::kind)
          .containsExactly(EvidenceKind.NO_INTERACTION);
    } finally {
      threads.shutdownNow();
    }
  }
}
