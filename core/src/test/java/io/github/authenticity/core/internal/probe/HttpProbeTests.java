package io.github.authenticity.core.internal.probe;

import static io.github.authenticity.core.internal.probe.ProbeFixtures.closedPort;
import static io.github.authenticity.core.internal.probe.ProbeFixtures.probe;
import static io.github.authenticity.core.internal.probe.ProbeFixtures.service;
import io.github.authenticity.core.probe.ProbeResult;
import io.github.authenticity.core.probe.ProbeStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpProbeTests {

  private static ProbeFixtures.Http http;

  @BeforeAll
  static void startServer() throws Exception {
    http = new ProbeFixtures.Http()
        .route("/health", 200, "{\"status\":\"UP\",\"checks\":[{\"name\":\"db\",\"ok\":true}],\"a/b\":1}", 0)
        .route("/unavailable", 503, "down for maintenance", 0)
        .route("/moved", 302, "", 0)
        .route("/slow", 200, "{}", 400)
        .route("/very-slow", 200, "{}", 3000);
    http.server.createContext("/echo-method", exchange -> {
      ProbeFixtures.Http.respond(exchange, exchange.getRequestMethod().equals("HEAD") ? 204 : 405, "");
      exchange.close();
    });
    http.server.createContext("/needs-token", exchange -> {
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      ProbeFixtures.Http.respond(exchange, "Bearer s3cr3t-t0ken".equals(auth) ? 200 : 401, "");
      exchange.close();
    });
  }

  @AfterAll
  static void stopServer() {
    http.close();
  }

  @Test
  void aServerAnswering200IsUp() {
    ProbeResult result = probe(service("backend", "http", "url", http.url("/health")));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.UP);
    assertThat(result.detail()).isEqualTo("answered 200 OK");
    assertThat(result.endpoint()).isEqualTo("GET " + http.url("/health"));
    assertThat(result.service()).isEqualTo("backend");
    assertThat(result.probe()).isEqualTo("http");
    assertThat(result.latencyMillis()).isBetween(0L, 1000L);
    assertThat(result.probedAt()).isNotNull();
  }

  @Test
  void a503IsDownWithStatusAndReasonPhrase() {
    ProbeResult result = probe(service("backend", "http", "url", http.url("/unavailable")));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    assertThat(result.detail()).isEqualTo("answered 503 Service Unavailable");
  }

  @Test
  void aRedirectIsDownUnlessExpectedAndNotFollowed() {
    ProbeResult result = probe(service("backend", "http", "url", http.url("/moved")));
    ProbeResult expected = probe(service("backend", "http", "url", http.url("/moved"), "expectStatus", 302));

    // a 302 to a login or maintenance page is not a healthy service
    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    // the reason phrase is the server's own (the JDK's HttpServer calls 302 "Temporary Redirect")
    assertThat(result.detail()).isEqualTo("answered 302 Temporary Redirect: redirected without a Location header "
        + "(set expectStatus: 302 if a redirect is the healthy answer)");
    assertThat(expected.status()).as("%s", expected).isEqualTo(ProbeStatus.UP);
    assertThat(expected.detail()).isEqualTo("answered 302 Temporary Redirect");
  }

  @Test
  void anExpectedStatusOtherThanTheAnswerIsDown() {
    ProbeResult result = probe(service("backend", "http", "url", http.url("/moved"), "expectStatus", 200));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    assertThat(result.detail()).isEqualTo("answered 302 Temporary Redirect, expected status 200");
  }

  @Test
  void anExpectedNon2xxStatusIsUp() {
    ProbeResult result = probe(service("backend", "http", "url", http.url("/unavailable"), "expectStatus", "503"));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.UP);
    assertThat(result.detail()).isEqualTo("answered 503 Service Unavailable");
  }

  @Test
  void methodAndHeadersAreSent() {
    assertThat(probe(service("backend", "http", "url", http.url("/echo-method"), "method", "head")))
        .extracting(ProbeResult::status, ProbeResult::detail, ProbeResult::endpoint)
        .containsExactly(ProbeStatus.UP, "answered 204 No Content", "HEAD " + http.url("/echo-method"));

    ProbeResult withToken = probe(service("backend", "http", "url", http.url("/needs-token"),
        "headers", Map.of("Authorization", "Bearer s3cr3t-t0ken")));
    ProbeResult withoutToken = probe(service("backend", "http", "url", http.url("/needs-token")));

    assertThat(withToken.detail()).isEqualTo("answered 200 OK");
    assertThat(withoutToken.detail()).isEqualTo("answered 401 Unauthorized");
  }

  @Test
  void expectBodyIsARegexFoundInTheBody() {
    ProbeResult matching = probe(service("backend", "http", "url", http.url("/health"),
        "expectBody", "\"status\"\\s*:\\s*\"UP\""));
    ProbeResult notMatching = probe(service("backend", "http", "url", http.url("/health"),
        "expectBody", "\"status\":\"READY\""));

    assertThat(matching.status()).as("%s", matching).isEqualTo(ProbeStatus.UP);
    assertThat(notMatching.status()).as("%s", notMatching).isEqualTo(ProbeStatus.DOWN);
    assertThat(notMatching.detail()).isEqualTo("answered 200 OK, but the body does not match expectBody "
        + "[\"status\":\"READY\"] (body starts [{\"status\":\"UP\",\"checks\":[{\"name\":\"db\",\"ok\":true}],\"a/b\":1}])");
  }

  @Test
  void jsonPointerAndExpectValueCheckTheJsonBody() {
    assertThat(probe(service("b", "http", "url", http.url("/health"), "jsonPointer", "/status", "expectValue", "UP"))
        .detail()).isEqualTo("answered 200 OK");
    assertThat(probe(service("b", "http", "url", http.url("/health"), "jsonPointer", "/checks/0/ok",
        "expectValue", "true")).status()).isEqualTo(ProbeStatus.UP);
    assertThat(probe(service("b", "http", "url", http.url("/health"), "jsonPointer", "/a~1b", "expectValue", "1.0"))
        .status()).isEqualTo(ProbeStatus.UP);

    ProbeResult wrongValue = probe(service("b", "http", "url", http.url("/health"), "jsonPointer", "/status",
        "expectValue", "DOWN"));
    assertThat(wrongValue.status()).as("%s", wrongValue).isEqualTo(ProbeStatus.DOWN);
    assertThat(wrongValue.detail()).isEqualTo("answered 200 OK, but JSON /status is [UP], expected [DOWN]");

    ProbeResult missing = probe(service("b", "http", "url", http.url("/health"), "jsonPointer", "/checks/1/ok"));
    assertThat(missing.detail()).isEqualTo("answered 200 OK, but the JSON has nothing at jsonPointer [/checks/1/ok]");
  }

  @Test
  void aBodyThatIsNotJsonIsDownWhenAJsonPointerIsConfigured() {
    ProbeResult result = probe(service("b", "http", "url", http.url("/unavailable"), "expectStatus", 503,
        "jsonPointer", "/status"));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    assertThat(result.detail()).startsWith("answered 503 Service Unavailable, but the body is not JSON (")
        .endsWith("; body starts [down for maintenance])");
  }

  @Test
  void anUpSlowerThanMaxLatencyIsDegraded() {
    ProbeResult result = probe(service("backend", "http", Duration.ofSeconds(2), Duration.ofMillis(100),
        "url", http.url("/slow")));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DEGRADED);
    assertThat(result.latencyMillis()).isBetween(400L, 1500L);
    assertThat(result.detail())
        .isEqualTo("answered 200 OK in " + result.latencyMillis() + " ms, over maxLatency 100 ms");
  }

  @Test
  void anUpWithinMaxLatencyStaysUp() {
    ProbeResult result = probe(service("backend", "http", Duration.ofSeconds(2), Duration.ofSeconds(1),
        "url", http.url("/health")));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.UP);
    assertThat(result.detail()).isEqualTo("answered 200 OK");
  }

  @Test
  void aHandlerSlowerThanTheTimeoutIsDownWithinTheTimeout() {
    long start = System.nanoTime();
    ProbeResult result = probe(service("backend", "http", Duration.ofMillis(500), null, "url", http.url("/very-slow")));
    long tookMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    assertThat(result.detail())
        .isEqualTo("timed out after 500 ms: accepted the connection but sent no HTTP response");
    assertThat(tookMillis).isLessThan(500 + 500);
  }

  @Test
  void aSilentServerIsDownWithinTheTimeout() throws Exception {
    try (ProbeFixtures.Silent silent = new ProbeFixtures.Silent()) {
      long start = System.nanoTime();
      ProbeResult result = probe(service("backend", "http", Duration.ofMillis(800), null,
          "url", "http://127.0.0.1:" + silent.port() + "/health"));
      long tookMillis = (System.nanoTime() - start) / 1_000_000;

      assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
      assertThat(result.detail())
          .isEqualTo("timed out after 800 ms: accepted the connection but sent no HTTP response");
      assertThat(tookMillis).isBetween(700L, 800L + 500);
    }
  }

  @Test
  void aClosedPortIsConnectionRefused() throws Exception {
    int port = closedPort();

    ProbeResult result = probe(service("backend", "http", "url", "http://127.0.0.1:" + port + "/health"));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    assertThat(result.detail()).isEqualTo("connection refused");
    assertThat(result.latencyMillis()).isLessThan(1000);
  }

  @Test
  void anUnknownHostIsADnsFailure() {
    ProbeResult result = probe(service("backend", "http", "url", "http://no-such-host.invalid/health"));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    assertThat(result.detail()).isEqualTo("DNS failure: unknown host [no-such-host.invalid]");
  }

  @Test
  void anHttpsProbeRefusesAPlainHttpUrl() {
    ProbeResult result = probe(service("backend", "https", "url", http.url("/health")));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    assertThat(result.detail())
        .isEqualTo("setting [url] must be an https:// URL for probe [https], got [" + http.url("/health") + "]");
  }

  @Test
  void secretsNeverReachEndpointOrDetail() {
    String url = "http://alice:pa55word@127.0.0.1:" + http.port() + "/needs-token?access_token=abc123&x=1";
    ProbeResult result = probe(service("backend", "http", "url", url,
        "headers", Map.of("Authorization", "Bearer s3cr3t-t0ken")));

    assertThat(result.endpoint())
        .isEqualTo("GET http://127.0.0.1:" + http.port() + "/needs-token?access_token=****&x=1");
    assertThat(result.toString()).doesNotContain("pa55word", "alice", "abc123", "s3cr3t-t0ken");
  }

  @Test
  void aNonHttpServerIsWrongProtocol() throws Exception {
    try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Thread thread = new Thread(() -> {
        try (java.net.Socket socket = server.accept()) {
          socket.getOutputStream().write("-ERR unknown command 'GET'\r\n".getBytes());
          socket.getOutputStream().flush();
          Thread.sleep(200);
        } catch (Exception ignored) {
          // the test asserts on the probe's side
        }
      });
      thread.start();
      ProbeResult result = probe(service("backend", "http", "url", "http://127.0.0.1:" + server.getLocalPort() + "/"));
      thread.join(2000);

      assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
      assertThat(result.detail()).isEqualTo("wrong protocol: the answer is not an HTTP response");
    }
  }
}
