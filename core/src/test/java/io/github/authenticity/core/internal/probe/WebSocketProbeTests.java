package io.github.authenticity.core.internal.probe;

import static io.github.authenticity.core.internal.probe.ProbeFixtures.closedPort;
import static io.github.authenticity.core.internal.probe.ProbeFixtures.probe;
import static io.github.authenticity.core.internal.probe.ProbeFixtures.service;
import io.github.authenticity.core.probe.ProbeResult;
import io.github.authenticity.core.probe.ProbeStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebSocketProbeTests {

  @Test
  void theAcceptValueIsTheOneFromRfc6455() {
    // the example of RFC 6455 section 1.3
    assertThat(WebSocketProbe.accept("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  }

  @Test
  void aRealHandshakeIsUp() throws Exception {
    try (WebSocketTestServer server = new WebSocketTestServer(WebSocketTestServer.Mode.ECHO, null)) {
      String url = "ws://127.0.0.1:" + server.port() + "/ws?room=1";
      ProbeResult result = probe(service("websocket", "websocket", "url", url,
          "headers", Map.of("X-Probe", "yes")));

      assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.UP);
      assertThat(result.detail()).isEqualTo("101 Switching Protocols");
      assertThat(result.endpoint()).isEqualTo(url);
      assertThat(server.requests).singleElement().asString()
          .startsWith("GET /ws?room=1 HTTP/1.1\nHost: 127.0.0.1:" + server.port() + "\nUpgrade: websocket\n")
          .contains("Sec-WebSocket-Version: 13\n", "X-Probe: yes\n");
    }
  }

  @Test
  void aMessageRoundTripMatchingExpectIsUp() throws Exception {
    try (WebSocketTestServer server = new WebSocketTestServer(WebSocketTestServer.Mode.ECHO, null)) {
      ProbeResult result = probe(service("websocket", "websocket", "url", "ws://127.0.0.1:" + server.port() + "/ws",
          "send", "{\"type\":\"ping\"}", "expect", "^echo: .*ping"));

      assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.UP);
      assertThat(result.detail()).isEqualTo("101 Switching Protocols, first reply matches expect [^echo: .*ping]");
    }
  }

  @Test
  void aLongMessageRoundTripUsesExtendedLengths() throws Exception {
    try (WebSocketTestServer server = new WebSocketTestServer(WebSocketTestServer.Mode.ECHO, null)) {
      ProbeResult result = probe(service("websocket", "websocket", "url", "ws://127.0.0.1:" + server.port() + "/",
          "send", "x".repeat(1000), "expect", "^echo: x{1000}$"));

      assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.UP);
    }
  }

  @Test
  void aReplyNotMatchingExpectIsDown() throws Exception {
    try (WebSocketTestServer server = new WebSocketTestServer(WebSocketTestServer.Mode.ECHO, null)) {
      ProbeResult result = probe(service("websocket", "websocket", "url", "ws://127.0.0.1:" + server.port() + "/ws",
          "send", "ping", "expect", "pong"));

      assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
      assertThat(result.detail()).isEqualTo("handshake ok, but the first reply [echo: ping] does not match expect [pong]");
    }
  }

  @Test
  void expectWithoutSendWaitsForTheServersFirstMessage() throws Exception {
    try (WebSocketTestServer server = new WebSocketTestServer(WebSocketTestServer.Mode.GREET, null)) {
      ProbeResult result = probe(service("websocket", "websocket", "url", "ws://127.0.0.1:" + server.port() + "/ws",
          "expect", "hello"));

      assertThat(result.detail()).isEqualTo("101 Switching Protocols, first reply matches expect [hello]");
    }
  }

  @Test
  void noMessageWithinTheTimeoutIsDown() throws Exception {
    try (WebSocketTestServer server = new WebSocketTestServer(WebSocketTestServer.Mode.ECHO, null)) {
      ProbeResult result = probe(service("websocket", "websocket", Duration.ofMillis(500), null,
          "url", "ws://127.0.0.1:" + server.port() + "/ws", "expect", "hello"));

      assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
      assertThat(result.detail()).isEqualTo("timed out after 500 ms: handshake ok, but no message came after the handshake");
      assertThat(result.latencyMillis()).isLessThan(1000);
    }
  }

  @Test
  void aCloseFrameInsteadOfAReplyIsDown() throws Exception {
    try (WebSocketTestServer server = new WebSocketTestServer(WebSocketTestServer.Mode.CLOSE, null)) {
      ProbeResult result = probe(service("websocket", "websocket", "url", "ws://127.0.0.1:" + server.port() + "/ws",
          "send", "ping", "expect", "pong"));

      assertThat(result.detail()).isEqualTo(
          "handshake ok, but the server closed the WebSocket (code 1008, reason [policy]) after the message was sent");
    }
  }

  @Test
  void aWrongAcceptValueIsWrongProtocol() throws Exception {
    try (WebSocketTestServer server = new WebSocketTestServer(WebSocketTestServer.Mode.WRONG_ACCEPT, null)) {
      ProbeResult result = probe(service("websocket", "websocket", "url", "ws://127.0.0.1:" + server.port() + "/ws"));

      assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
      assertThat(result.detail()).startsWith("wrong protocol: answered 101 Switching Protocols with Sec-WebSocket-Accept "
          + "[d3JvbmctYWNjZXB0LXZhbHVlPQ==], expected [");
    }
  }

  @Test
  void aPlainHttpServerIsWrongProtocol() throws Exception {
    try (ProbeFixtures.Http http = new ProbeFixtures.Http().route("/health", 200, "{}", 0)) {
      ProbeResult notFound = probe(service("websocket", "websocket", "url", "ws://127.0.0.1:" + http.port() + "/ws"));
      ProbeResult ok = probe(service("websocket", "websocket", "url", "ws://127.0.0.1:" + http.port() + "/health"));

      assertThat(notFound.status()).as("%s", notFound).isEqualTo(ProbeStatus.DOWN);
      assertThat(notFound.detail())
          .isEqualTo("wrong protocol: answered HTTP 404 Not Found instead of 101 Switching Protocols");
      assertThat(ok.detail()).isEqualTo("wrong protocol: answered HTTP 200 OK instead of 101 Switching Protocols");
    }
  }

  @Test
  void aNonHttpServerIsWrongProtocol() throws Exception {
    try (ProbeFixtures.Banner banner = new ProbeFixtures.Banner("-ERR unknown command\r\n")) {
      ProbeResult result = probe(service("websocket", "websocket", "url", "ws://127.0.0.1:" + banner.port() + "/ws"));

      assertThat(result.detail()).isEqualTo(
          "wrong protocol: answered [-ERR unknown command] instead of an HTTP response to the WebSocket handshake");
    }
  }

  @Test
  void aSilentServerTimesOut() throws Exception {
    try (ProbeFixtures.Silent silent = new ProbeFixtures.Silent()) {
      long start = System.nanoTime();
      ProbeResult result = probe(service("websocket", "websocket", Duration.ofMillis(600), null,
          "url", "ws://127.0.0.1:" + silent.port() + "/ws"));
      long tookMillis = (System.nanoTime() - start) / 1_000_000;

      assertThat(result.detail()).isEqualTo(
          "timed out after 600 ms: accepted the connection but sent no answer to the WebSocket handshake");
      assertThat(tookMillis).isLessThan(600 + 500);
    }
  }

  @Test
  void aClosedPortIsRefused() throws Exception {
    ProbeResult result = probe(service("websocket", "websocket", "url", "ws://127.0.0.1:" + closedPort() + "/ws"));

    assertThat(result.detail()).isEqualTo("connection refused");
  }

  @Test
  void wssVerifiesTheCertificateAndAcceptsTheServicesTrustStore(@TempDir Path certificates) throws Exception {
    TlsFixtures.selfSigned(certificates, "localhost", "dns:localhost,ip:127.0.0.1", "PKCS12");
    try (WebSocketTestServer server = new WebSocketTestServer(WebSocketTestServer.Mode.ECHO,
        TlsFixtures.serverContext(certificates, "localhost"))) {
      String url = "wss://localhost:" + server.port() + "/ws";

      ProbeResult untrusted = probe(service("websocket", "websocket", "url", url));
      ProbeResult trusted = probe(service("websocket", "websocket", "url", url, "send", "ping", "expect", "ping",
          "trustStore", certificates.resolve("localhost-trust.pkcs12").toString(),
          "trustStorePassword", TlsFixtures.TRUST_PASSWORD));

      assertThat(untrusted.status()).as("%s", untrusted).isEqualTo(ProbeStatus.DOWN);
      assertThat(untrusted.detail()).startsWith("TLS failure: certificate not trusted (");
      assertThat(trusted.status()).as("%s", trusted).isEqualTo(ProbeStatus.UP);
      assertThat(trusted.detail()).isEqualTo("101 Switching Protocols, first reply matches expect [ping]");
    }
  }
}
