package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/**
 * Real third-party clients against real servers on loopback (the local Redis and PostgreSQL, in-process
 * HTTP and gRPC servers), every client built and connected before the test (as a pooled client in a
 * suite is), its I/O on its own event-loop threads: the honest test is proven per service, the stand-in
 * that does nothing stays {@code NO_INTERACTION}. Surefire runs this class twice: as the class path comes
 * (Netty's native epoll transport, which reactor-netty brings and Lettuce and gRPC then use) and with
 * {@code -Dio.netty.transport.noNative=true} (Netty's NIO transport, on the JDK's own socket channels).
 */
@Isolated // measures time and shares the local Redis connection count
class ClientInteractionTests {

  static final String REDIS_DOWN = "needs the local Redis on 127.0.0.1:6379 (start it: redis-server --daemonize yes)";
  static final String POSTGRES_DOWN = "needs the local PostgreSQL on 127.0.0.1:5432 with trust auth and "
      + "database test (start it: pg_ctlcluster 15 main start)";
  private static final MethodDescriptor.Marshaller<String> TEXT = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(String value) {
      return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String parse(InputStream stream) {
      try {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }
  };
  /** A unary gRPC method whose messages are plain text, for an echo server. */
  static final MethodDescriptor<String, String> ECHO = MethodDescriptor.<String, String>newBuilder()
      .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("test.Echo/Say")
      .setRequestMarshaller(TEXT).setResponseMarshaller(TEXT).build();

  private static HttpServer http;
  private static Server grpcServer;
  private static RedisClient lettuce;
  private static StatefulRedisConnection<String, String> lettuceConnection;
  private static JedisPool jedis;
  private static reactor.netty.http.client.HttpClient reactorClient;
  private static okhttp3.OkHttpClient okHttp;
  private static CloseableHttpClient apache;
  private static Vertx vertx;
  private static WebClient vertxClient;
  private static ManagedChannel grpcChannel;
  private static Connection r2dbc;
  private static java.sql.Connection jdbc;
  private static java.net.http.HttpClient jdkClient;

  @TempDir
  Path directory;

  @BeforeAll
  static void startServersAndConnectClients() throws Exception {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/health", exchange -> {
      byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    http.start();
    grpcServer = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(ServerServiceDefinition.builder("test.Echo").addMethod(ECHO, ServerCalls.asyncUnaryCall(
            (request, response) -> {
              response.onNext(request);
              response.onCompleted();
            })).build())
        .build().start();

    try {
      lettuce = RedisClient.create("redis://127.0.0.1:6379");
      lettuceConnection = lettuce.connect();
      jedis = new JedisPool("127.0.0.1", 6379);
      try (Jedis warm = jedis.getResource()) {
        warm.ping();
      }
    } catch (RuntimeException ex) {
      throw new IllegalStateException(REDIS_DOWN, ex);
    }
    try {
      r2dbc = Mono.from(new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
          .host("127.0.0.1").port(5432).username("postgres").database("test").build()).create()).block();
      jdbc = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
    } catch (RuntimeException | java.sql.SQLException ex) {
      throw new IllegalStateException(POSTGRES_DOWN, ex);
    }
    reactorClient = reactor.netty.http.client.HttpClient.create().baseUrl(httpUrl(""));
    reactorClient.get().uri("/health").responseContent().aggregate().asString().block(Duration.ofSeconds(10));
    okHttp = new okhttp3.OkHttpClient();
    apache = HttpClients.createDefault();
    vertx = Vertx.vertx();
    vertxClient = WebClient.create(vertx);
    grpcChannel = NettyChannelBuilder.forAddress("127.0.0.1", grpcServer.getPort()).usePlaintext().build();
    ClientCalls.blockingUnaryCall(grpcChannel, ECHO, CallOptions.DEFAULT, "warm");
    jdkClient = java.net.http.HttpClient.newHttpClient();
  }

  @AfterAll
  static void stop() throws Exception {
    lettuceConnection.close();
    lettuce.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    jedis.close();
    Mono.from(r2dbc.close()).block(Duration.ofSeconds(5));
    jdbc.close();
    apache.close();
    vertxClient.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    grpcChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    grpcServer.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    okHttp.dispatcher().executorService().shutdown();
    okHttp.connectionPool().evictAll();
    http.stop(0);
  }

  private static String httpUrl(String path) {
    return "http://127.0.0.1:" + http.getAddress().getPort() + path;
  }

  private AuthenticityConfig config(ServiceDefinition service) {
    return DetectorHarness.config(DetectorHarness.detection(Interaction.REQUIRED), directory.resolve("history.json"),
        service);
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

  /** The honest body is proven with the counts of what it received; the stand-in that does nothing is not. */
  private void honestAndFaked(String client, ServiceDefinition service, DetectorHarness.Body honest) {
    AuthenticityConfig config = config(service);
    long start = System.nanoTime();
    TestOutcome proven = DetectorHarness.run(DetectorHarness.test(client, config), honest);
    long provenMicros = (System.nanoTime() - start) / 1_000;
    TestOutcome faked = DetectorHarness.run(DetectorHarness.test(client + "StandIn", config), () -> { });
    String endpoint = service.endpoints().get(0).toString();

    assertThat(proven.failure()).as(client).isEmpty();
    assertThat(proven.evidence()).as(client).isEmpty();
    assertThat(proven.unproven()).as(client).isEmpty();
    // an HTTP/1.1 client's answers are read (200 each); a Redis client's connection set-up may get error replies
    // (HELLO, CLIENT SETINFO on an older server) beside its answers; other protocols' answers count as exchanges
    String counted = switch (service.name()) {
      case "backend" -> "\\d+ answers? \\(200 ×\\d+\\)";
      case "redis" -> "(\\d+ exchanges?|\\d+ answers \\((-ERR ×\\d+, )?other ×\\d+\\))";
      default -> "\\d+ exchanges?";
    };
    assertThat(proven.proof()).as(client).singleElement().asString()
        .matches(service.name() + ": " + counted + ", \\d+(\\.\\d)? K?B in, \\d+(\\.\\d)? K?B out with "
            + java.util.regex.Pattern.quote(endpoint));
    assertThat(faked.proof()).as(client).isEmpty();
    assertThat(faked.evidence()).as(client).containsExactly(new Evidence(EvidenceKind.NO_INTERACTION,
        "no bytes exchanged with " + service.name() + " (" + endpoint + ") while the test ran"));
    System.out.println("[measure] " + client + " (" + transport() + "): honest test proven in " + provenMicros
        + " us (body included): " + proven.proof().get(0));
  }

  private static String transport() {
    return io.netty.channel.epoll.Epoll.isAvailable() ? "epoll" : "nio";
  }

  @Test
  void nettyUsesTheTransportThisRunIsFor() {
    assertThat(io.netty.channel.epoll.Epoll.isAvailable()).isEqualTo(!Boolean.getBoolean("io.netty.transport.noNative"));
  }

  @Test
  void lettuce() {
    honestAndFaked("lettuce", redis(), () -> assertThat(lettuceConnection.sync().ping()).isEqualTo("PONG"));
  }

  /**
   * A client created in the test body: its connection is not in the kernel's start snapshot, so its whole
   * count is the test's (it stays open past the end snapshot, as a pooled client's does).
   */
  @Test
  void lettuceClientCreatedInTheBody() {
    RedisClient[] created = new RedisClient[1];
    StatefulRedisConnection<?, ?>[] connection = new StatefulRedisConnection<?, ?>[1];
    try {
      honestAndFaked("lettuceCreatedInBody", redis(), () -> {
        created[0] = RedisClient.create("redis://127.0.0.1:6379");
        connection[0] = created[0].connect();
        assertThat(connection[0].sync().ping()).isEqualTo("PONG");
      });
    } finally {
      if (connection[0] != null) {
        connection[0].close();
      }
      if (created[0] != null) {
        created[0].shutdown(Duration.ZERO, Duration.ofSeconds(2));
      }
    }
  }

  @Test
  void lettuceAsyncOnItsEventLoop() {
    honestAndFaked("lettuceAsync", redis(), () -> assertThat(lettuceConnection.async().set("authenticity", "1")
        .get(5, TimeUnit.SECONDS)).isEqualTo("OK"));
  }

  @Test
  void jedisPool() {
    honestAndFaked("jedis", redis(), () -> {
      try (Jedis connection = jedis.getResource()) {
        assertThat(connection.ping()).isEqualTo("PONG");
      }
    });
  }

  @Test
  void reactorNettyHttpClient() {
    honestAndFaked("reactorNetty", backend(), () -> assertThat(reactorClient.get().uri("/health").responseContent()
        .aggregate().asString().block(Duration.ofSeconds(10))).contains("UP"));
  }

  @Test
  void grpcNettyShaded() {
    honestAndFaked("grpc", grpc(), () -> assertThat(ClientCalls.blockingUnaryCall(grpcChannel, ECHO,
        CallOptions.DEFAULT, "ping")).isEqualTo("ping"));
  }

  @Test
  void vertxWebClient() {
    honestAndFaked("vertx", backend(), () -> assertThat(vertxClient.getAbs(httpUrl("/health")).send()
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).bodyAsString()).contains("UP"));
  }

  @Test
  void r2dbcPostgresql() {
    honestAndFaked("r2dbc", postgres(), () -> assertThat(Flux.from(r2dbc.createStatement("SELECT 1").execute())
        .flatMap(result -> result.map((row, metadata) -> row.get(0, Integer.class))).blockLast(Duration.ofSeconds(10)))
        .isEqualTo(1));
  }

  @Test
  void postgresqlJdbcConnectionOpenedBeforeTheTest() {
    honestAndFaked("jdbc", postgres(), () -> {
      try (ResultSet rows = jdbc.createStatement().executeQuery("SELECT 1")) {
        assertThat(rows.next()).isTrue();
      }
    });
  }

  @Test
  void okHttp() {
    honestAndFaked("okhttp", backend(), () -> {
      try (okhttp3.Response response = okHttp.newCall(new okhttp3.Request.Builder().url(httpUrl("/health")).build())
          .execute()) {
        assertThat(response.body().string()).contains("UP");
      }
    });
  }

  @Test
  void apacheHttpClient5() {
    honestAndFaked("apache", backend(), () -> {
      String body = apache.execute(new HttpGet(httpUrl("/health")), response -> EntityUtils.toString(response.getEntity()));
      assertThat(body).contains("UP");
    });
  }

  @Test
  void jdkHttpClientSharedAcrossTests() {
    honestAndFaked("jdkHttpClient", backend(), () -> assertThat(jdkClient.send(java.net.http.HttpRequest.newBuilder(
        URI.create(httpUrl("/health"))).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body())
        .contains("UP"));
  }

  @Test
  void aServiceTheTestNeverReachedIsNamedWithTheOneItDidReach() {
    AuthenticityConfig config = DetectorHarness.config(DetectorHarness.detection(Interaction.REQUIRED),
        directory.resolve("history.json"), backend(), redis());

    // calls the backend for real, keeps its session in a HashMap: nothing reaches Redis
    TestOutcome outcome = DetectorHarness.run(DetectorHarness.test("sessionsInAHashMap", config),
        () -> reactorClient.get().uri("/health").responseContent().aggregate().asString().block(Duration.ofSeconds(10)));

    assertThat(outcome.proof()).singleElement().asString().startsWith("backend: ");
    assertThat(outcome.evidence()).containsExactly(new Evidence(EvidenceKind.NO_INTERACTION,
        "no bytes exchanged with redis (127.0.0.1:6379) while the test ran: exchanged with backend, never with redis. "
            + "If the test does not use redis itself, require it only on the tests that do, or declare it "
            + "`via: backend` in authenticity.yaml when backend reaches it"));
  }

  @Test
  void aServiceReachedViaAnotherIsProvenByItsCarriersExchange() {
    ServiceDefinition database = DetectorHarness.service("postgres", "postgres", Map.of("host", "127.0.0.1",
        "port", 5432, "via", "backend"));
    AuthenticityConfig config = DetectorHarness.config(DetectorHarness.detection(Interaction.REQUIRED),
        directory.resolve("history.json"), backend(), database);

    TestOutcome outcome = DetectorHarness.run(DetectorHarness.test("throughTheBackend", config),
        () -> reactorClient.get().uri("/health").responseContent().aggregate().asString().block(Duration.ofSeconds(10)));

    assertThat(outcome.evidence()).isEmpty();
    assertThat(outcome.proof()).hasSize(2);
    assertThat(outcome.proof().get(0)).startsWith("backend: ");
    assertThat(outcome.proof().get(1)).isEqualTo("postgres: via backend: " + outcome.proof().get(0)
        .substring("backend: ".length()));
  }

  @Test
  void twoServicesOnOneEndpointAreProvenByOneExchangeAndTheProofSaysSo() {
    ServiceDefinition api = DetectorHarness.http("api", httpUrl("/health"));
    ServiceDefinition socket = DetectorHarness.service("events", "tcp", Map.of("host", "127.0.0.1",
        "port", http.getAddress().getPort()));
    AuthenticityConfig config = DetectorHarness.config(DetectorHarness.detection(Interaction.REQUIRED),
        directory.resolve("history.json"), api, socket);

    TestOutcome outcome = DetectorHarness.run(DetectorHarness.test("oneExchange", config),
        () -> reactorClient.get().uri("/health").responseContent().aggregate().asString().block(Duration.ofSeconds(10)));

    assertThat(outcome.evidence()).isEmpty();
    assertThat(outcome.proof()).hasSize(2).allSatisfy((String line) -> assertThat(line)
        .endsWith(" (one exchange proved api and events: they share the endpoint)"));
  }

  @Test
  void warnModeMarksAStandInUnprovenAndSaysWhy() {
    AuthenticityConfig config = DetectorHarness.config(DetectorHarness.detection(Interaction.WARN),
        directory.resolve("history.json"), redis());

    TestOutcome outcome = DetectorHarness.run(DetectorHarness.test("standIn", config), () -> { });

    assertThat(outcome.evidence()).isEmpty();
    assertThat(outcome.warnings()).containsExactly("no bytes exchanged with redis (127.0.0.1:6379) while the test ran");
    assertThat(outcome.unproven()).contains("no bytes exchanged with redis (127.0.0.1:6379) while the test ran");
  }


  @Test
  void anExchangeInTheClassesBeforeAllProvesNoTestOfTheClassButTheTestsOwnExchangeDoes() throws Exception {
    AuthenticityConfig config = config(redis());
    GuardedClass guarded = new GuardedClass("[engine:junit-jupiter]/[class:Fixture]", DetectorHarness.class,
        List.copyOf(config.services().values()), config);
    Detectors.all().forEach(detector -> detector.beforeClass(guarded));
    Jedis opened = new Jedis("127.0.0.1", 6379); // the class's @BeforeAll: connected and used there
    try {
      assertThat(opened.ping()).isEqualTo("PONG");
      TestOutcome standIn = DetectorHarness.run(DetectorHarness.test("standIn", config), () -> { });
      TestOutcome honest = DetectorHarness.run(DetectorHarness.test("honest", config),
          () -> assertThat(opened.echo("it")).isEqualTo("it"));
      TestOutcome standInAgain = DetectorHarness.run(DetectorHarness.test("standInAgain", config), () -> { });
      Detectors.all().forEach(detector -> detector.afterClass(guarded, new TestOutcome(Duration.ZERO, null)));

      assertThat(standIn.evidence()).containsExactly(new Evidence(EvidenceKind.NO_INTERACTION, "no bytes exchanged"
          + " with redis (127.0.0.1:6379; reached only by the class's @BeforeAll: 1 exchange, 7 B in, 14 B out with"
          + " 127.0.0.1:6379) while the test ran"));
      assertThat(standIn.proof()).isEmpty();
      assertThat(honest.evidence()).isEmpty();
      assertThat(honest.proof()).containsExactly("redis: 1 exchange, 8 B in, 22 B out with 127.0.0.1:6379");
      assertThat(standInAgain.evidence()).extracting(Evidence::kind).containsExactly(EvidenceKind.NO_INTERACTION);
    } finally {
      opened.close();
    }
  }

}
