package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.internal.config.Detection.Interaction;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.Connection;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.postgresql.ds.PGSimpleDataSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/**
 * Every real client in the three shapes a suite uses it in, against real servers on loopback (the local Redis
 * and PostgreSQL, in-process HTTP, WebSocket and gRPC servers):
 * <ol>
 *   <li>connected, used and closed in the test body: the honest test is proven, a stand-in of the same shape
 *       (the client built, never called) is {@code NO_INTERACTION};</li>
 *   <li>opened in {@code @BeforeAll} and used in the body (as {@link ClientInteractionTests} does for most of
 *       them; here for all, the WebSockets and the asynchronous channel included);</li>
 *   <li>one static client shared by four honest tests and two stand-ins under real JUnit parallel execution (4
 *       threads): an honest test is proven or, where its bytes cannot be told apart, unproven ("cannot be
 *       attributed"), never {@code NO_INTERACTION}; a stand-in is never proven.</li>
 * </ol>
 * Each shape prints {@code [shape]} lines with its counts (the measurement issue 17 asks for). Surefire runs
 * this class on Netty's native epoll transport and again with {@code -Dio.netty.transport.noNative=true}.
 */
@Isolated // the parallel shape runs its own engine, and every shape counts the connections of the whole JVM
class ClientShapesTests {

  private static final String REDIS_DOWN = ClientInteractionTests.REDIS_DOWN;
  private static final String POSTGRES_DOWN = ClientInteractionTests.POSTGRES_DOWN;
  private static final MethodDescriptor<String, String> ECHO = ClientInteractionTests.ECHO;

  private static final String UNATTRIBUTABLE = "cannot be attributed";
  private static final String HEALTH = "{\"status\":\"UP\"}";

  private static HttpServer http;
  private static ExecutorService httpThreads;
  private static Server grpcServer;
  private static WebSocketInteractionTests.EchoServer webSocketServer;
  /** Every family's client opened in {@code @BeforeAll}: shape 2, and the shared client of shape 3. */
  private static final Map<String, Object> OPENED = new LinkedHashMap<>();
  /** What each shape measured, printed at the end. */
  private static final List<String> MEASURED = new ArrayList<>();

  @TempDir
  Path directory;

  // ------------------------------------------------------------------ the client families

  interface Open<C> {
    C open() throws Exception;
  }

  interface Use<C> {
    void use(C client) throws Exception;
  }

  /** One client library: how it connects, makes one real exchange and closes, and its stand-in. */
  record Family<C>(String name, Supplier<ServiceDefinition> service, Open<C> open, Use<C> use, Use<C> close,
      DetectorHarness.Body standIn) {

    @SuppressWarnings("unchecked")
    void useOpened(Object client) throws Exception {
      use.use((C) client);
    }

    @SuppressWarnings("unchecked")
    void closeOpened(Object client) throws Exception {
      close.use((C) client);
    }

    /** Connects, uses and closes the client. */
    void connectUseClose() throws Exception {
      C client = open.open();
      try {
        use.use(client);
      } finally {
        close.use(client);
      }
    }

    @Override
    public String toString() {
      return name;
    }
  }

  record LettuceClient(RedisClient client, StatefulRedisConnection<String, String> connection) {
  }

  record ReactorClient(reactor.netty.http.client.HttpClient client, ConnectionProvider provider) {
  }

  record VertxClient(Vertx vertx, WebClient client) {
  }

  /** The JDK's WebSocket with the texts it received; one exchange at a time. */
  static final class JdkWebSocket implements WebSocket.Listener {
    final HttpClient http = HttpClient.newHttpClient();
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }

  /** Java-WebSocket's client (its own reader and writer threads) with the texts it received. */
  static final class JavaWebSocket extends WebSocketClient {
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    JavaWebSocket() {
      super(URI.create(webSocketUrl()));
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
    }

    @Override
    public void onMessage(String message) {
      received.add(message);
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
    }

    @Override
    public void onError(Exception ex) {
      received.add("error: " + ex);
    }
  }

  private static final AtomicInteger MESSAGES = new AtomicInteger();

  /**
   * The echo of {@code message} from {@code received} within {@code seconds}, or null; the late echo of an earlier test
   * of a shared client (its wait ran out) is skipped, not taken for this one's.
   */
  private static String echo(BlockingQueue<String> received, String message, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    String echo = received.poll(seconds, TimeUnit.SECONDS);
    while (echo != null && !echo.equals(message)) {
      long left = deadline - System.nanoTime();
      echo = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : null;
    }
    return echo;
  }

  static List<Family<?>> families() {
    List<Family<?>> families = new ArrayList<>();
    families.add(new Family<LettuceClient>("lettuce", ClientShapesTests::redis, () -> {
      RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
      try {
        return new LettuceClient(client, client.connect());
      } catch (RuntimeException ex) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        throw new IllegalStateException(REDIS_DOWN, ex);
      }
    }, lettuce -> assertThat(lettuce.connection().sync().ping()).isEqualTo("PONG"), lettuce -> {
      lettuce.connection().close();
      lettuce.client().shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }, () -> RedisClient.create("redis://127.0.0.1:6379").shutdown(Duration.ZERO, Duration.ofSeconds(2))));

    families.add(new Family<JedisPool>("jedisPool", ClientShapesTests::redis, () -> new JedisPool("127.0.0.1", 6379),
        pool -> {
          try (Jedis connection = redisUp(pool::getResource)) {
            assertThat(connection.ping()).isEqualTo("PONG");
          }
        }, JedisPool::close, () -> new JedisPool("127.0.0.1", 6379).close()));

    families.add(new Family<ReactorClient>("reactorNetty", ClientShapesTests::backend, () -> {
      ConnectionProvider provider = ConnectionProvider.create("shapes", 4);
      return new ReactorClient(reactor.netty.http.client.HttpClient.create(provider).baseUrl(httpUrl("")), provider);
    }, reactor -> assertThat(reactor.client().get().uri("/health").responseContent().aggregate().asString()
        .block(Duration.ofSeconds(10))).isEqualTo(HEALTH),
        reactor -> reactor.provider().disposeLater().block(Duration.ofSeconds(5)), () -> {
          ConnectionProvider provider = ConnectionProvider.create("standIn", 1);
          reactor.netty.http.client.HttpClient.create(provider).baseUrl(httpUrl(""));
          provider.disposeLater().block(Duration.ofSeconds(5));
        }));

    families.add(new Family<ManagedChannel>("grpc", ClientShapesTests::grpc,
        () -> NettyChannelBuilder.forAddress("127.0.0.1", grpcServer.getPort()).usePlaintext().build(),
        channel -> {
          String message = "ping-" + MESSAGES.incrementAndGet();
          assertThat(ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT, message)).isEqualTo(message);
        }, channel -> channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS),
        () -> NettyChannelBuilder.forAddress("127.0.0.1", grpcServer.getPort()).usePlaintext().build().shutdownNow()
            .awaitTermination(5, TimeUnit.SECONDS)));

    families.add(new Family<VertxClient>("vertxWebClient", ClientShapesTests::backend, () -> {
      Vertx vertx = Vertx.vertx();
      return new VertxClient(vertx, WebClient.create(vertx));
    }, vertx -> assertThat(vertx.client().getAbs(httpUrl("/health")).send().toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS).bodyAsString()).isEqualTo(HEALTH), vertx -> {
          vertx.client().close();
          vertx.vertx().close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }, () -> {
          Vertx vertx = Vertx.vertx();
          WebClient.create(vertx).close();
          vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }));

    families.add(new Family<Connection>("r2dbcPostgresql", ClientShapesTests::postgres,
        () -> postgresUp(() -> Mono.from(r2dbc().create()).block(Duration.ofSeconds(10))),
        connection -> assertThat(Flux.from(connection.createStatement("SELECT 1").execute())
            .flatMap(result -> result.map((row, metadata) -> row.get(0, Integer.class)))
            .blockLast(Duration.ofSeconds(10))).isEqualTo(1),
        connection -> Mono.from(connection.close()).block(Duration.ofSeconds(5)), ClientShapesTests::r2dbc));

    families.add(new Family<java.sql.Connection>("jdbc", ClientShapesTests::postgres,
        () -> postgresUp(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")),
        connection -> {
          try (java.sql.Statement statement = connection.createStatement();
              ResultSet rows = statement.executeQuery("SELECT 1")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(1);
          }
        }, java.sql.Connection::close, () -> {
          PGSimpleDataSource source = new PGSimpleDataSource(); // configured, never asked for a connection
          source.setServerNames(new String[] {"127.0.0.1"});
          source.setPortNumbers(new int[] {5432});
          source.setDatabaseName("test");
          source.setUser("postgres");
        }));

    families.add(new Family<okhttp3.OkHttpClient>("okHttp", ClientShapesTests::backend, okhttp3.OkHttpClient::new,
        client -> {
          try (okhttp3.Response response = client.newCall(new okhttp3.Request.Builder().url(httpUrl("/health"))
              .build()).execute()) {
            assertThat(response.body().string()).isEqualTo(HEALTH);
          }
        }, ClientShapesTests::closeOkHttp, () -> closeOkHttp(new okhttp3.OkHttpClient())));

    families.add(new Family<CloseableHttpClient>("apacheHttpClient5", ClientShapesTests::backend,
        HttpClients::createDefault,
        client -> {
          String body = client.execute(new HttpGet(httpUrl("/health")), response -> EntityUtils.toString(response.getEntity()));
          assertThat(body).isEqualTo(HEALTH);
        },
        CloseableHttpClient::close, () -> HttpClients.createDefault().close()));

    families.add(new Family<HttpClient>("jdkHttpClient", ClientShapesTests::backend, HttpClient::newHttpClient,
        client -> assertThat(client.send(HttpRequest.newBuilder(URI.create(httpUrl("/health"))).build(),
            HttpResponse.BodyHandlers.ofString()).body()).isEqualTo(HEALTH),
        ClientShapesTests::closeJdkClient, () -> closeJdkClient(HttpClient.newHttpClient())));

    families.add(new Family<JdkWebSocket>("jdkWebSocket", ClientShapesTests::webSocket, () -> {
      JdkWebSocket socket = new JdkWebSocket();
      socket.socket = socket.http.newWebSocketBuilder().buildAsync(URI.create(webSocketUrl()), socket)
          .get(5, TimeUnit.SECONDS);
      return socket;
    }, socket -> {
      synchronized (socket) { // one text at a time: the JDK's WebSocket refuses a send while one is under way
        String message = "ping-" + MESSAGES.incrementAndGet();
        socket.socket.sendText(message, true).get(5, TimeUnit.SECONDS);
        String echo = socket.received.poll(2, TimeUnit.SECONDS);
        if (echo == null) {
          // under a burst of exchanges the JDK's WebSocket now and then holds a received echo until more data comes
          // in (JDK 17 and 25 alike, without the agent too: about one exchange in a thousand); a ping brings it out
          socket.socket.sendPing(ByteBuffer.allocate(0)).get(5, TimeUnit.SECONDS);
          echo = socket.received.poll(5, TimeUnit.SECONDS);
        }
        assertThat(echo).isEqualTo(message);
      }
    }, socket -> {
      socket.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
      closeJdkClient(socket.http);
    }, () -> closeJdkClient(new JdkWebSocket().http)));

    families.add(new Family<JavaWebSocket>("javaWebSocket", ClientShapesTests::webSocket, () -> {
      JavaWebSocket client = new JavaWebSocket();
      assertThat(client.connectBlocking(5, TimeUnit.SECONDS)).as("Java-WebSocket connected").isTrue();
      return client;
    }, client -> {
      synchronized (client) {
        String message = "ping-" + MESSAGES.incrementAndGet();
        client.send(message);
        String echo = echo(client.received, message, 5);
        if (echo == null) {
          // under load (a 2-core machine running a build) an echo of the shared client now and then stays held until
          // more data comes in, as with the JDK's WebSocket above (seen in 2 of 7 builds, once 15 s and more): a ping
          // brings it out
          client.sendPing();
          echo = echo(client.received, message, 10);
        }
        assertThat(echo).isEqualTo(message);
      }
    }, WebSocketClient::closeBlocking, JavaWebSocket::new));

    families.add(new Family<AsynchronousSocketChannel>("asynchronousSocketChannel", ClientShapesTests::backend, () -> {
      AsynchronousSocketChannel channel = AsynchronousSocketChannel.open();
      channel.connect(new InetSocketAddress("127.0.0.1", http.getAddress().getPort())).get(5, TimeUnit.SECONDS);
      return channel;
    }, ClientShapesTests::rawHealthRequest, AsynchronousSocketChannel::close,
        () -> AsynchronousSocketChannel.open().close()));
    return families;
  }

  private static <T> T redisUp(Open<T> open) throws Exception {
    try {
      return open.open();
    } catch (RuntimeException ex) {
      throw new IllegalStateException(REDIS_DOWN, ex);
    }
  }

  private static <T> T postgresUp(Open<T> open) throws Exception {
    try {
      return open.open();
    } catch (RuntimeException | java.sql.SQLException ex) {
      throw new IllegalStateException(POSTGRES_DOWN, ex);
    }
  }

  private static PostgresqlConnectionFactory r2dbc() {
    return new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
        .host("127.0.0.1").port(5432).username("postgres").database("test").build());
  }

  private static void closeOkHttp(okhttp3.OkHttpClient client) {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  /** {@code HttpClient.close()} where the JDK has it (21+): it waits for the client's threads to end. */
  private static void closeJdkClient(HttpClient client) throws Exception {
    if ((Object) client instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  /** One HTTP/1.1 request written on the asynchronous channel and its whole answer read. */
  private static void rawHealthRequest(AsynchronousSocketChannel channel) throws Exception {
    synchronized (channel) {
      ByteBuffer request = ByteBuffer.wrap(("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      while (request.hasRemaining()) {
        channel.write(request).get(5, TimeUnit.SECONDS);
      }
      StringBuilder answer = new StringBuilder();
      ByteBuffer buffer = ByteBuffer.allocate(1024);
      while (!answer.toString().endsWith(HEALTH)) {
        buffer.clear();
        int read = channel.read(buffer).get(5, TimeUnit.SECONDS);
        assertThat(read).as("the server closed the connection after " + answer).isPositive();
        answer.append(new String(buffer.array(), 0, read, StandardCharsets.US_ASCII));
      }
      assertThat(answer.toString()).startsWith("HTTP/1.1 200");
    }
  }

  // ------------------------------------------------------------------ servers and services

  @BeforeAll
  static void startServersAndOpenEveryClient() throws Exception {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/health", exchange -> {
      byte[] body = HEALTH.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    httpThreads = Executors.newFixedThreadPool(4);
    http.setExecutor(httpThreads);
    http.start();
    grpcServer = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(ServerServiceDefinition.builder("test.Echo").addMethod(ECHO, ServerCalls.asyncUnaryCall(
            (request, response) -> {
              response.onNext(request);
              response.onCompleted();
            })).build())
        .build().start();
    webSocketServer = new WebSocketInteractionTests.EchoServer();
    webSocketServer.start();
    webSocketServer.started.get(10, TimeUnit.SECONDS);

    for (Family<?> family : families()) {
      Object client = family.open().open();
      family.useOpened(client); // warm: the shapes below see a connection that is already open
      OPENED.put(family.name(), client);
    }
  }

  @AfterAll
  static void closeEveryClientAndStopServers() throws Exception {
    try {
      for (Family<?> family : families()) {
        Object client = OPENED.remove(family.name());
        if (client != null) {
          family.closeOpened(client);
        }
      }
    } finally {
      if (webSocketServer != null) {
        webSocketServer.stop(1000);
      }
      if (grpcServer != null) {
        grpcServer.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      if (http != null) {
        http.stop(0);
        httpThreads.shutdownNow();
      }
      synchronized (MEASURED) {
        MEASURED.forEach(System.out::println);
      }
    }
  }

  private static String httpUrl(String path) {
    return "http://127.0.0.1:" + http.getAddress().getPort() + path;
  }

  private static String webSocketUrl() {
    return "ws://127.0.0.1:" + webSocketServer.getPort() + "/ws";
  }

  private static ServiceDefinition redis() {
    return DetectorHarness.service("redis", "redis", Map.of("host", "127.0.0.1", "port", 6379));
  }

  private static ServiceDefinition postgres() {
    return DetectorHarness.service("postgres", "postgres", Map.of("host", "127.0.0.1", "port", 5432));
  }

  private static ServiceDefinition backend() {
    return DetectorHarness.http("backend", httpUrl("/health"));
  }

  private static ServiceDefinition grpc() {
    return DetectorHarness.service("grpc", "tcp", Map.of("host", "127.0.0.1", "port", grpcServer.getPort()));
  }

  private static ServiceDefinition webSocket() {
    return DetectorHarness.service("websocket", "websocket", Map.of("url", webSocketUrl()));
  }

  private static String runtime() {
    return "JDK " + Runtime.version().feature() + ", Netty "
        + (io.netty.channel.epoll.Epoll.isAvailable() ? "epoll" : "nio");
  }

  private AuthenticityConfig config(ServiceDefinition... services) throws IOException {
    return DetectorHarness.config(DetectorHarness.detection(Interaction.REQUIRED),
        Files.createTempDirectory(directory, "history").resolve("history.json"), services);
  }

  // ------------------------------------------------------------------ shapes 1 and 2: one test at a time

  /** The honest body is proven with the counts of what it received; the stand-in is {@code NO_INTERACTION}. */
  private void provenAndStandInCaught(String shape, Family<?> family, DetectorHarness.Body honest,
      DetectorHarness.Body standIn) throws IOException {
    ServiceDefinition service = family.service().get();
    AuthenticityConfig config = config(service);
    TestOutcome proven = DetectorHarness.run(DetectorHarness.test(family.name(), config), honest);
    TestOutcome faked = DetectorHarness.run(DetectorHarness.test(family.name() + "StandIn", config), standIn);
    String endpoint = service.endpoints().get(0).toString();
    measure(shape, family, List.of(proven), List.of(faked));

    assertThat(proven.failure()).as(family.name()).isEmpty();
    assertThat(faked.failure()).as(family.name() + " stand-in").isEmpty();
    assertThat(proven.evidence()).as(family.name()).isEmpty();
    assertThat(proven.unproven()).as(family.name()).isEmpty();
    assertThat(proven.proof()).as(family.name()).singleElement().asString()
        .matches(service.name() + ": \\d+ (exchanges?|answers? \\([^)]*\\)), \\d+(\\.\\d)? K?B in, \\d+(\\.\\d)? K?B out with "
            + Pattern.quote(endpoint));
    assertThat(faked.proof()).as(family.name() + " stand-in").isEmpty();
    assertThat(faked.evidence()).as(family.name() + " stand-in").containsExactly(new Evidence(
        EvidenceKind.NO_INTERACTION, "no bytes exchanged with " + service.name() + " (" + endpoint + ") while the test ran"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void aClientConnectedUsedAndClosedInTheBodyProvesTheTestAndItsStandInIsCaught(Family<?> family) throws Exception {
    provenAndStandInCaught("connect-use-close", family, family::connectUseClose, family.standIn());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void aClientOpenedInBeforeAllProvesTheTestThatUsesItAndNotTheOneThatDoesNot(Family<?> family) throws Exception {
    Object opened = OPENED.get(family.name());
    provenAndStandInCaught("@BeforeAll", family, () -> family.useOpened(opened), () -> new HashMap<>().put("k", "v"));
  }

  // ------------------------------------------------------------------ shape 3: one static client, tests in parallel

  static volatile Family<?> sharedFamily;
  static volatile Object sharedClient;

  /** Four honest tests and two stand-ins, interleaved, on one static client. */
  @ExtendWith(ParallelAttributionTests.AroundBody.class) // its detectors, its config, its OUTCOMES
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  @Execution(ExecutionMode.CONCURRENT) // an orderer alone makes JUnit run the methods one after the other
  static class SharedClientTestCase {

    static final AtomicInteger RUNNING = new AtomicInteger();
    static final AtomicInteger HONEST_RUNNING = new AtomicInteger();
    /** The most tests seen running at once, and the most honest ones a stand-in saw running beside it. */
    static final AtomicInteger MOST_AT_ONCE = new AtomicInteger();
    static final AtomicInteger MOST_HONEST_BESIDE_A_STAND_IN = new AtomicInteger();

    static void honestly() throws Exception {
      MOST_AT_ONCE.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
      HONEST_RUNNING.incrementAndGet();
      try {
        long until = System.nanoTime() + Duration.ofMillis(400).toNanos();
        do {
          sharedFamily.useOpened(sharedClient);
          Thread.sleep(5);
        } while (System.nanoTime() < until);
      } finally {
        HONEST_RUNNING.decrementAndGet();
        RUNNING.decrementAndGet();
      }
    }

    static void standingIn() throws Exception {
      MOST_AT_ONCE.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
      try {
        Map<String, String> substitute = new HashMap<>(); // "uses" its in-memory substitute meanwhile
        long until = System.nanoTime() + Duration.ofMillis(300).toNanos();
        do {
          substitute.put("session", "1");
          MOST_HONEST_BESIDE_A_STAND_IN.accumulateAndGet(HONEST_RUNNING.get(), Math::max);
          Thread.sleep(5);
        } while (System.nanoTime() < until);
      } finally {
        RUNNING.decrementAndGet();
      }
    }

    @Test
    @Order(1)
    void honest1() throws Exception {
      honestly();
    }

    @Test
    @Order(2)
    void standIn1() throws Exception {
      standingIn();
    }

    @Test
    @Order(3)
    void honest2() throws Exception {
      honestly();
    }

    @Test
    @Order(4)
    void honest3() throws Exception {
      honestly();
    }

    @Test
    @Order(5)
    void standIn2() throws Exception {
      standingIn();
    }

    @Test
    @Order(6)
    void honest4() throws Exception {
      honestly();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void aStaticClientSharedByTestsRunningAtOnceNeverProvesAStandInNorLeavesAnHonestTestWithoutInteraction(
      Family<?> family) throws Exception {
    ParallelAttributionTests.config = config(family.service().get());
    ParallelAttributionTests.OUTCOMES.clear();
    sharedFamily = family;
    sharedClient = OPENED.get(family.name());
    SharedClientTestCase.MOST_AT_ONCE.set(0);
    SharedClientTestCase.MOST_HONEST_BESIDE_A_STAND_IN.set(0);

    EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
        .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
        .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
        .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
        .selectors(selectClass(SharedClientTestCase.class))
        .execute();
    assertThat(Kit.failures(results)).as(family.name() + ": the shared client's tests failed").isEmpty();
    results.testEvents().assertStatistics(stats -> stats.started(6).succeeded(6));
    assertThat(SharedClientTestCase.MOST_AT_ONCE).as("tests running at once").hasValueGreaterThanOrEqualTo(3);
    assertThat(SharedClientTestCase.MOST_HONEST_BESIDE_A_STAND_IN).as("honest tests beside a stand-in")
        .hasValueGreaterThanOrEqualTo(1);

    List<TestOutcome> honest = new ArrayList<>();
    List<TestOutcome> standIns = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      honest.add(ParallelAttributionTests.OUTCOMES.get("SharedClientTestCase.honest" + i));
    }
    for (int i = 1; i <= 2; i++) {
      standIns.add(ParallelAttributionTests.OUTCOMES.get("SharedClientTestCase.standIn" + i));
    }
    measure("parallel", family, honest, standIns);

    for (TestOutcome outcome : honest) {
      assertThat(outcome.evidence()).as(family.name() + " honest").isEmpty();
      if (outcome.proof().isEmpty()) {
        assertThat(outcome.unproven()).as(family.name() + " honest, unproven").hasValueSatisfying(
            why -> assertThat(why).contains(UNATTRIBUTABLE));
      }
    }
    for (TestOutcome outcome : standIns) {
      assertThat(outcome.proof()).as(family.name() + " stand-in").isEmpty();
      if (outcome.evidence().isEmpty()) {
        assertThat(outcome.unproven()).as(family.name() + " stand-in, unproven").hasValueSatisfying(
            why -> assertThat(why).contains(UNATTRIBUTABLE));
      } else {
        assertThat(outcome.evidence()).as(family.name() + " stand-in").extracting(Evidence::kind)
            .containsExactly(EvidenceKind.NO_INTERACTION);
      }
    }
  }

  // ------------------------------------------------------------------ what a suite meets besides

  @Test
  void aRedisOrPostgresqlThatIsDownFailsTheTestWithHowToStartIt() {
    int closed = Backends.closedPort();

    Throwable redis = org.assertj.core.api.Assertions.catchThrowable(() -> redisUp(
        () -> new Jedis("127.0.0.1", closed).ping()));
    Throwable postgres = org.assertj.core.api.Assertions.catchThrowable(() -> postgresUp(
        () -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + closed + "/test", "postgres", "")));

    assertThat(redis).isInstanceOf(IllegalStateException.class).hasMessage(REDIS_DOWN);
    assertThat(postgres).isInstanceOf(IllegalStateException.class).hasMessage(POSTGRES_DOWN);
  }

  /**
   * gRPC's {@code WriteQueue} drains the commands of every thread in one flush, scheduled on the event loop by the
   * first of them: the request of the second test leaves in a task of the first test's window. Both tests must be
   * credited with the answers (the agent hooks the queue), or the second one is {@code NO_INTERACTION}.
   */
  @Test
  void aGrpcFlushThatCarriesTheRequestsOfTwoTestsProvesBoth() throws Exception {
    io.grpc.netty.shaded.io.netty.channel.EventLoopGroup loop =
        new io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup(1);
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcServer.getPort()).usePlaintext()
        .eventLoopGroup(loop).channelType(io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel.class)
        .build();
    ExecutorService tests = Executors.newFixedThreadPool(2);
    try {
      assertThat(ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT, "warm")).isEqualTo("warm");
      java.util.concurrent.CountDownLatch bothEnqueued = new java.util.concurrent.CountDownLatch(2);
      java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
      loop.execute(() -> { // the event loop waits: both requests go out in one flush
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
        }
      });
      AuthenticityConfig config = config(grpc());
      List<java.util.concurrent.Future<TestOutcome>> outcomes = new ArrayList<>();
      for (String name : List.of("first", "second")) {
        outcomes.add(tests.submit(() -> DetectorHarness.run(DetectorHarness.test(name, config), () -> {
          com.google.common.util.concurrent.ListenableFuture<String> answer = ClientCalls.futureUnaryCall(
              channel.newCall(ECHO, CallOptions.DEFAULT), name);
          bothEnqueued.countDown();
          assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(name);
        })));
      }
      assertThat(bothEnqueued.await(10, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(100); // both calls have enqueued their commands
      release.countDown();

      for (java.util.concurrent.Future<TestOutcome> future : outcomes) {
        TestOutcome outcome = future.get(20, TimeUnit.SECONDS);
        assertThat(outcome.failure()).isEmpty();
        assertThat(outcome.evidence()).isEmpty();
        assertThat(outcome.proof()).as("unproven: %s", outcome.unproven()).singleElement().asString()
            .startsWith("grpc: ");
      }
    } finally {
      tests.shutdownNow();
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
  }

  /**
   * A client opened before the test that talks on its own (Java-WebSocket's connection-lost timer pings every
   * {@code connectionLostTimeout} seconds, 60 by default; pools' keep-alives and health checks do the same): its
   * ping and the server's pong are written and read by threads of no test, so they are no test's proof, not even
   * that of the only test running.
   */
  @Test
  void aHeartbeatOfAClientOpenedBeforeTheTestIsNoProofForAStandInRunningAlone() throws Exception {
    JavaWebSocket client = new JavaWebSocket();
    client.setConnectionLostTimeout(1);
    assertThat(client.connectBlocking(5, TimeUnit.SECONDS)).isTrue();
    try {
      TestOutcome standIn = DetectorHarness.run(DetectorHarness.test("heartbeatOnly", config(webSocket())),
          () -> Thread.sleep(2_500)); // the client pings twice meanwhile; the test never calls it

      assertThat(standIn.proof()).isEmpty();
      assertThat(standIn.evidence()).extracting(Evidence::kind).containsExactly(EvidenceKind.NO_INTERACTION);

      // the honest test on the same pinging client: its message, written by the client's own thread, still proves it
      TestOutcome honest = DetectorHarness.run(DetectorHarness.test("sendsOnPingingClient", config(webSocket())),
          () -> {
            client.send("beside the pings");
            assertThat(echo(client.received, "beside the pings", 5)).isEqualTo("beside the pings");
            Thread.sleep(1_200); // and a ping falls inside its window too
          });
      assertThat(honest.evidence()).isEmpty();
      assertThat(honest.proof()).singleElement().asString().startsWith("websocket: ");
    } finally {
      client.closeBlocking();
    }
  }

  /**
   * A pool's keep-alive (HikariCP's housekeeper calls JDBC's {@code isValid}, a Jedis pool's evictor pings idle
   * connections) runs on a thread of the pool, started before the test: no test's proof, not even the only test's;
   * the same check made by the test itself is its exchange.
   */
  @Test
  void aPoolsKeepAliveOnItsOwnThreadIsNoProofButTheTestsOwnCheckIs() throws Exception {
    java.sql.Connection jdbc = postgresUp(() -> java.sql.DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:5432/test", "postgres", ""));
    redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis("127.0.0.1", 6379);
    java.util.concurrent.ScheduledExecutorService housekeeper = Executors.newSingleThreadScheduledExecutor(
        runnable -> new Thread(runnable, "HikariPool-1 housekeeper"));
    try {
      redisUp(jedis::ping);
      AtomicInteger kept = new AtomicInteger();
      // the pool's timer, scheduled before the test (as in @BeforeAll): it checks its connections every 100 ms
      housekeeper.scheduleWithFixedDelay(() -> {
        try {
          if (jdbc.isValid(2) && jedis.ping().equals("PONG")) {
            kept.incrementAndGet();
          }
        } catch (java.sql.SQLException ex) {
          throw new IllegalStateException(ex);
        }
      }, 0, 100, TimeUnit.MILLISECONDS);
      TestOutcome standIn = DetectorHarness.run(DetectorHarness.test("keptAliveOnly",
          config(postgres(), redis())), () -> {
            int before = kept.get();
            Thread.sleep(1_000);
            assertThat(kept.get() - before).as("keep-alives while the stand-in ran").isGreaterThanOrEqualTo(3);
          });
      housekeeper.shutdown();
      assertThat(housekeeper.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
      assertThat(standIn.failure()).isEmpty();
      assertThat(standIn.proof()).isEmpty();
      assertThat(standIn.evidence()).singleElement().satisfies(evidence -> {
        assertThat(evidence.kind()).isEqualTo(EvidenceKind.NO_INTERACTION);
        assertThat(evidence.detail()).contains("postgres (127.0.0.1:5432)", "redis (127.0.0.1:6379)");
      });

      TestOutcome checks = DetectorHarness.run(DetectorHarness.test("checksItself", config(postgres(), redis())),
          () -> {
            assertThat(jdbc.isValid(2)).isTrue();
            assertThat(jedis.ping()).isEqualTo("PONG");
          });
      assertThat(checks.evidence()).isEmpty();
      assertThat(checks.proof()).hasSize(2).anySatisfy(line -> assertThat(line).startsWith("postgres: "))
          .anySatisfy(line -> assertThat(line).startsWith("redis: "));
    } finally {
      housekeeper.shutdownNow();
      jedis.close();
      jdbc.close();
    }
  }

  // ------------------------------------------------------------------ the measurement

  /** {@code [shape] parallel okHttp (JDK 17, Netty epoll): honest 4 proven, 0 unproven, 0 NO_INTERACTION; ...}. */
  private static void measure(String shape, Family<?> family, List<TestOutcome> honest, List<TestOutcome> standIns) {
    java.util.Set<String> why = new java.util.LinkedHashSet<>();
    for (TestOutcome outcome : honest) {
      outcome.unproven().ifPresent(why::add);
    }
    String line = "[shape] " + shape + " " + family.name() + " (" + runtime() + "): honest " + counts(honest)
        + "; stand-ins " + counts(standIns) + (shape.equals("parallel") ? " [at once: "
        + SharedClientTestCase.MOST_AT_ONCE + "]" : "") + (why.isEmpty() ? "" : " (honest unproven: " + why + ")");
    System.out.println(line);
    synchronized (MEASURED) {
      MEASURED.add(line);
    }
  }

  private static String counts(List<TestOutcome> outcomes) {
    int proven = 0;
    int unproven = 0;
    int none = 0;
    for (TestOutcome outcome : outcomes) {
      if (outcome.evidence().stream().anyMatch(evidence -> evidence.kind() == EvidenceKind.NO_INTERACTION)) {
        none++;
      } else if (!outcome.proof().isEmpty()) {
        proven++;
      } else {
        unproven++;
      }
    }
    return proven + " proven, " + unproven + " unproven, " + none + " NO_INTERACTION";
  }
}
