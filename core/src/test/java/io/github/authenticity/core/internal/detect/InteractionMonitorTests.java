package io.github.authenticity.core.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.authenticity.core.internal.config.Detection.Interaction;
import io.github.authenticity.core.config.Endpoint;
import io.github.authenticity.core.internal.detect.InteractionMonitor.Finding;
import io.github.authenticity.core.internal.detect.InteractionMonitor.Status;
import io.github.authenticity.core.internal.judge.InteractionRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.github.authenticity.core.internal.model.Unproven;

/**
 * The monitor on the agent this JVM runs with (Surefire's {@code argLine}), against the local Redis: a connection
 * opened, used and closed inside the window is proven at once, a window without traffic is {@code NONE}, traffic
 * of another window's thread or task is never proof, and a JVM without the agent gets no verdict.
 */
class InteractionMonitorTests {

  private static final String REDIS_DOWN = "needs the local Redis on 127.0.0.1:6379 (start it: redis-server --daemonize yes)";
  private static final Map<String, List<Endpoint>> REDIS = Map.of("redis", List.of(new Endpoint("127.0.0.1", 6379)));

  @BeforeAll
  static void redisIsUp() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", 6379), 2_000);
    } catch (IOException ex) {
      throw new AssertionError(REDIS_DOWN, ex);
    }
  }

  @Test
  void theAgentIsLoadedWithEveryHookInPlace() {
    InteractionMonitor monitor = InteractionMonitor.start();

    assertThat(monitor.agentLoaded()).as("the agent of Surefire's argLine").isTrue();
    assertThat(monitor.unavailableReason()).isNull();
  }

  @Test
  void aConnectionOpenedUsedAndClosedInsideTheWindowIsProvenAtOnce() throws Exception {
    InteractionMonitor.Watch watch = InteractionMonitor.start().watch("open-use-close", REDIS);
    ping();
    List<Finding> findings = watch.finish();

    assertThat(findings).containsExactly(new Finding("redis", Status.PROVEN,
        "1 exchange, 7 B in, 12 B out with 127.0.0.1:6379"));
  }

  @Test
  void anAsynchronousSocketChannelIsSeenToo() throws Exception {
    InteractionMonitor.Watch watch = InteractionMonitor.start().watch("async", REDIS);
    try (AsynchronousSocketChannel channel = AsynchronousSocketChannel.open()) {
      channel.connect(new InetSocketAddress("127.0.0.1", 6379)).get(5, TimeUnit.SECONDS);
      channel.write(ByteBuffer.wrap("PING\r\n".getBytes(StandardCharsets.US_ASCII))).get(5, TimeUnit.SECONDS);
      ByteBuffer answer = ByteBuffer.allocate(64);
      channel.read(answer).get(5, TimeUnit.SECONDS);
    }

    assertThat(watch.finish()).extracting(Finding::status).containsExactly(Status.PROVEN);
  }

  @Test
  void aWindowWithoutTrafficIsNone() {
    InteractionMonitor.Watch watch = InteractionMonitor.start().watch("stand-in", REDIS);

    assertThat(watch.finish()).containsExactly(new Finding("redis", Status.NONE, "127.0.0.1:6379"));
  }

  @Test
  void aPreflightProbesTrafficIsNoTestsEvenWhenTheTestRunsAlone() throws Exception {
    InteractionMonitor.Watch watch = InteractionMonitor.start().watch("stand-in beside a probe", REDIS);
    Thread probe = new Thread(() -> {
      InteractionMonitor.probing(true);
      try {
        ping();
      } catch (IOException ex) {
        throw new IllegalStateException(ex);
      } finally {
        InteractionMonitor.probing(false);
      }
    }, "authenticity-probe-redis");
    probe.start();
    probe.join();

    assertThat(watch.finish()).extracting(Finding::status).containsExactly(Status.NONE);
  }

  @Test
  void aTaskSubmittedToAPoolCarriesTheWindowAndAnotherWindowsTaskIsNeverProof() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      // the pool's threads exist before both windows, as a shared client's do
      pool.submit(() -> null).get();
      CountDownLatch bothOpen = new CountDownLatch(2);
      CountDownLatch honestDone = new CountDownLatch(1);
      ExecutorService tests = Executors.newFixedThreadPool(2);
      Future<List<Finding>> honest = tests.submit(() -> {
        InteractionMonitor.Watch watch = InteractionMonitor.start().watch("honest", REDIS);
        bothOpen.countDown();
        bothOpen.await();
        pool.submit(() -> {
          ping();
          return null;
        }).get();
        honestDone.countDown();
        return watch.finish();
      });
      Future<List<Finding>> standIn = tests.submit(() -> {
        InteractionMonitor.Watch watch = InteractionMonitor.start().watch("stand-in", REDIS);
        bothOpen.countDown();
        honestDone.await();
        return watch.finish();
      });

      assertThat(honest.get(10, TimeUnit.SECONDS)).extracting(Finding::status).containsExactly(Status.PROVEN);
      assertThat(standIn.get(10, TimeUnit.SECONDS)).containsExactly(new Finding("redis", Status.NONE,
          "127.0.0.1:6379"));
      tests.shutdown();
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void aClientThreadOfNoTestWritingAndReadingBesideTwoTestsIsSharedNeverProof() throws Exception {
    LinkedBlockingQueue<CountDownLatch> requests = new LinkedBlockingQueue<>();
    // a client's own writer thread, started before the tests (Java-WebSocket's shape)
    Thread client = new Thread(() -> {
      try {
        while (true) {
          CountDownLatch request = requests.take();
          echo(); // a test's request (a PING on such a thread would be a keep-alive: no one's)
          request.countDown();
        }
      } catch (InterruptedException | IOException ex) {
        // done
      }
    }, "client-io");
    client.setDaemon(true);
    client.start();
    InteractionMonitor.Watch one = InteractionMonitor.start().watch("one", REDIS);
    InteractionMonitor.Watch two = InteractionMonitor.start().watch("two", REDIS);
    CountDownLatch done = new CountDownLatch(1);
    requests.put(done);
    done.await(10, TimeUnit.SECONDS);
    client.interrupt();

    List<Finding> first = one.finish();
    List<Finding> second = two.finish();
    assertThat(first).extracting(Finding::status).containsExactly(Status.SHARED);
    assertThat(second).containsExactly(new Finding("redis", Status.SHARED, "traffic with 127.0.0.1:6379 while the "
        + "test ran cannot be attributed to it: a connection shared by 2 tests running at once"));
  }

  @Test
  void aJvmWithoutTheAgentGivesNoVerdictUnderRequiredAndSaysHowToAddIt() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        WithoutAgent.class.getName()).redirectErrorStream(true).start();

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(output).contains("NO_AGENT|" + Unproven.NO_AGENT + System.lineSeparator());
    assertThat(output).contains("required: noInteraction null, cannotJudge null, unproven not proven: "
        + Unproven.NO_AGENT + System.lineSeparator());
  }

  @Test
  void aJvmThatStartedTheMonitorStillEndsAfterItsLastTest() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java));
    command.add(agentOption());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Starter.class.getName()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();

    boolean ended = process.waitFor(30, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    assertThat(ended).as("the JVM ended by itself").isTrue();
    assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("observable: true" + System.lineSeparator());
  }

  @Test
  void eachHttpAnswersStatusIsReadAndAnApiThatOnlyAnswered503IsServerErrorsBehindItsHealthyHealthCheck()
      throws Exception {
    com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(
        new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    http.createContext("/health", exchange -> answer(exchange, 200, "UP"));
    http.createContext("/api/orders", exchange -> answer(exchange, 503, "database unreachable"));
    http.createContext("/api/flaky", exchange -> answer(exchange, calls.getAndIncrement() == 0 ? 503 : 200, "[]"));
    http.start();
    try {
      int port = http.getAddress().getPort();
      Map<String, List<Endpoint>> backend = Map.of("backend", List.of(new Endpoint("127.0.0.1", port)));

      InteractionMonitor.Watch failing = InteractionMonitor.start().watch("503", backend);
      assertThat(get(port, "/api/orders")).isEqualTo(503);
      Finding unavailable = failing.finish().get(0);
      InteractionMonitor.Watch retried = InteractionMonitor.start().watch("retry", backend);
      assertThat(get(port, "/api/flaky")).isEqualTo(503);
      assertThat(get(port, "/api/flaky")).isEqualTo(200);
      Finding recovered = retried.finish().get(0);

      assertThat(unavailable.status()).isEqualTo(Status.PROVEN);
      assertThat(unavailable.line()).matches("1 answer \\(503 ×1\\), \\d+ B in, \\d+ B out with 127\\.0\\.0\\.1:" + port);
      assertThat(unavailable.onlyServerErrors()).isTrue();
      assertThat(unavailable.serverErrors()).isEqualTo("503 Service Unavailable (1 answer)");
      assertThat(recovered.line()).matches("2 answers \\(503 ×1, 200 ×1\\), \\d+ B in, \\d+ B out with 127\\.0\\.0\\.1:"
          + port);
      assertThat(recovered.onlyServerErrors()).isFalse();
    } finally {
      http.stop(0);
    }
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** A GET with {@code HttpURLConnection} (its keep-alive cache reuses the connection); the status. */
  private static int get(int port, String path) throws IOException {
    java.net.HttpURLConnection connection = (java.net.HttpURLConnection) java.net.URI.create(
        "http://127.0.0.1:" + port + path).toURL().openConnection();
    int status = connection.getResponseCode();
    try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
      in.readAllBytes();
    }
    return status;
  }

  @Test
  void sizesAreShownInBytesKilobytesAndMegabytes() {
    assertThat(InteractionMonitor.size(512)).isEqualTo("512 B");
    assertThat(InteractionMonitor.size(2150)).isEqualTo("2.1 KB");
    assertThat(InteractionMonitor.size(3_565_158)).isEqualTo("3.4 MB");
  }

  @Test
  void sizesAreRoundedAsFormattingWithOneDecimalRoundsThem() {
    // every byte count near a rounding edge of the first thousand tenths, and a spread of larger ones
    for (long bytes = 1024; bytes < 1024 * 1024; bytes += bytes < 110_000 ? 1 : 97) {
      assertThat(InteractionMonitor.size(bytes)).as("%d bytes", bytes)
          .isEqualTo(String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0));
    }
    for (long bytes = 1024 * 1024; bytes < 64L * 1024 * 1024 * 1024; bytes = bytes * 3 / 2 + 51_477) {
      assertThat(InteractionMonitor.size(bytes)).as("%d bytes", bytes)
          .isEqualTo(String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0)));
    }
  }

  /** {@code PING} twice on a new connection to the local Redis, closed before it returns (12 B out, 7 B in). */
  /** A request to the local Redis that is no keep-alive: {@code ECHO}, read back whole. */
  static void echo() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", 6379)) {
      socket.getOutputStream().write("ECHO authenticity\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] answer = new byte[19]; // $12\r\nauthenticity\r\n
      int read = 0;
      while (read < answer.length) {
        int n = socket.getInputStream().read(answer, read, answer.length - read);
        if (n < 0) {
          throw new IOException("Redis closed the connection after " + read + " bytes");
        }
        read += n;
      }
    }
  }

  static void ping() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", 6379)) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] answer = new byte[14];
      int read = 0;
      while (read < 7) {
        read += in.read(answer, read, 7 - read);
      }
    }
  }

  /** This JVM's {@code -javaagent} option. */
  static String agentOption() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(argument -> argument.startsWith("-javaagent:") && argument.contains("authenticity-agent"))
        .findFirst().orElseThrow(() -> new AssertionError("Surefire's argLine has no -javaagent"));
  }

  /** A stand-in test (no traffic) watched in a JVM without the agent, under required. */
  static final class WithoutAgent {
    public static void main(String[] args) {
      InteractionMonitor.Watch watch = InteractionMonitor.start().watch("test", REDIS);
      List<Finding> findings = watch.finish();
      for (Finding finding : findings) {
        System.out.println(finding.status() + "|" + finding.line());
      }
      InteractionRule verdict = InteractionRule.of(findings, Map.of(), List.of("redis"), Interaction.REQUIRED,
          false);
      System.out.println("required: noInteraction " + verdict.noInteraction() + ", cannotJudge "
          + verdict.cannotJudge() + ", unproven " + verdict.unproven());
    }
  }

  /** Starts the monitor and returns from main: nothing may keep the JVM alive. */
  static final class Starter {
    public static void main(String[] args) {
      System.out.println("observable: " + (InteractionMonitor.start().unavailableReason() == null));
    }
  }
}
