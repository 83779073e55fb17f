package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.internal.config.Detection.Interaction;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WebSocket clients: the JDK's (NIO, through HttpClient) and Java-WebSocket's (a socket the proxy selector never sees). */
class WebSocketInteractionTests {

  private static EchoServer server;

  @TempDir
  Path directory;

  static final class EchoServer extends WebSocketServer {
    final CompletableFuture<Void> started = new CompletableFuture<>();

    EchoServer() {
      super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      setReuseAddr(true);
    }

    @Override
    public void onOpen(org.java_websocket.WebSocket conn, ClientHandshake handshake) {
    }

    @Override
    public void onClose(org.java_websocket.WebSocket conn, int code, String reason, boolean remote) {
    }

    @Override
    public void onMessage(org.java_websocket.WebSocket conn, String message) {
      conn.send(message);
    }

    @Override
    public void onError(org.java_websocket.WebSocket conn, Exception ex) {
    }

    @Override
    public void onStart() {
      started.complete(null);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    server = new EchoServer();
    server.start();
    server.started.get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop(1000);
  }

  private String url() {
    return "ws://127.0.0.1:" + server.getPort() + "/ws";
  }

  private AuthenticityConfig config() {
    return DetectorHarness.config(DetectorHarness.detection(Interaction.REQUIRED), directory.resolve("history.json"),
        DetectorHarness.service("websocket", "websocket", java.util.Map.of("url", url())));
  }

  @Test
  void theJdkWebSocketClientIsProof() {
    TestOutcome outcome = DetectorHarness.run(DetectorHarness.test("jdkWebSocket", config()), () -> {
      CompletableFuture<String> echoed = new CompletableFuture<>();
      WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url()),
          new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
              echoed.complete(data.toString());
              return null;
            }
          }).get(5, TimeUnit.SECONDS);
      socket.sendText("hello", true).get(5, TimeUnit.SECONDS);
      assertThat(echoed.get(5, TimeUnit.SECONDS)).isEqualTo("hello");
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    });

    assertThat(outcome.failure()).isEmpty();
    assertThat(outcome.evidence()).isEmpty();
    assertThat(outcome.proof()).hasSize(1);
  }

  @Test
  void theJavaWebSocketClientIsProvenByJfrThroughTheThreadItStarts() {
    TestOutcome outcome = DetectorHarness.run(DetectorHarness.test("javaWebSocket", config()), () -> {
      CompletableFuture<String> echoed = new CompletableFuture<>();
      WebSocketClient client = new WebSocketClient(URI.create(url())) {
        @Override
        public void onOpen(ServerHandshake handshake) {
        }

        @Override
        public void onMessage(String message) {
          echoed.complete(message);
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
        }

        @Override
        public void onError(Exception ex) {
          echoed.completeExceptionally(ex);
        }
      };
      assertThat(client.connectBlocking(5, TimeUnit.SECONDS)).isTrue();
      client.send("hello");
      assertThat(echoed.get(5, TimeUnit.SECONDS)).isEqualTo("hello");
      client.closeBlocking();
    });

    assertThat(outcome.failure()).isEmpty();
    assertThat(outcome.evidence()).isEmpty();
    // the server's close frame answers the client's close when it arrives before the client stops reading
    assertThat(outcome.proof()).singleElement().asString().matches("websocket: (2 answers \\(close 1000 ×1, other ×1\\)|\\d+ exchanges?), \\d+ B in, \\d+ B out with "
        + "127.0.0.1:"
        + server.getPort());
  }

  @Test
  void aClientThatFellBackToAMockIsMasked() {
    TestOutcome outcome = DetectorHarness.run(DetectorHarness.test("fellBack", config()),
        () -> System.out.println("Using MockWebSocketManager due to connection failure"));

    assertThat(outcome.evidence()).extracting(Evidence::kind)
        .containsExactly(EvidenceKind.FALLBACK_LOG, EvidenceKind.NO_INTERACTION);
  }
}
