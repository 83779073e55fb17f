package io.github.authenticity.core.internal.probe;

import static io.github.authenticity.core.internal.probe.ProbeFixtures.closedPort;
import static io.github.authenticity.core.internal.probe.ProbeFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.probe.ProbeResult;
import io.github.authenticity.core.probe.ProbeStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a service can fail, each against a real local server started here: the probe gives the right status
 * and the exact cause within its deadline plus {@value #SLACK_MILLIS} ms, however the server misbehaves.
 */
class FaultMatrixTests {

  static final long TIMEOUT_MILLIS = 1000;
  static final long SLACK_MILLIS = 250;
  private static final Duration TIMEOUT = Duration.ofMillis(TIMEOUT_MILLIS);

  @TempDir
  static Path certificates;

  private static final List<Scripted> servers = new ArrayList<>();
  private static ServerSocket backlogOnly;
  private static int refused;
  private static Scripted silent;
  private static Scripted trickleHead;
  private static Scripted trickleBody;
  private static Scripted trickleWebSocket;
  private static Scripted status503;
  private static Scripted status302;
  private static Scripted selfSigned;
  private static Scripted wrongHost;
  private static ProbeFixtures.Http http;
  private static Scripted oversizedBody;
  private static Scripted endlessBody;
  private static Scripted endlessHeader;
  private static Scripted endlessStatusLine;
  private static Scripted trickleStatusLine;
  private static Scripted oversizedFrame;
  private static Scripted endlessContinuation;

  @BeforeAll
  static void startServers() throws Exception {
    TlsFixtures.selfSigned(certificates, "localhost", "dns:localhost,ip:127.0.0.1", "PKCS12");
    TlsFixtures.selfSigned(certificates, "elsewhere", "dns:elsewhere.example", "PKCS12");
    refused = closedPort();
    // a listening socket that never accepts: the kernel completes the connect, nobody ever reads or answers
    backlogOnly = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    silent = start(null, (in, out) -> sleep(60_000));
    trickleHead = start(null, (in, out) -> {
      readRequest(in);
      out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.ISO_8859_1));
      trickle(out, "X-Padding: " + "a".repeat(10_000));
    });
    trickleBody = start(null, (in, out) -> {
      readRequest(in);
      out.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      trickle(out, "{\"status\":\"UP\"" + " ".repeat(99_000) + "}");
    });
    trickleWebSocket = start(null, (in, out) -> {
      String key = readRequest(in).lines().filter(line -> line.startsWith("Sec-WebSocket-Key: ")).findFirst()
          .orElse("x: ").split(": ", 2)[1];
      out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Accept: " + WebSocketProbe.accept(key) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      // a text frame announcing 1000 bytes, sent one byte every 100 ms
      out.write(new byte[] {(byte) 0x81, 126, 0x03, (byte) 0xe8});
      trickle(out, "x".repeat(1000));
    });
    status503 = start(null, answer("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\ndown"));
    status302 = start(null, answer("HTTP/1.1 302 Found\r\nLocation: https://sso.example.com/login?token=tk-302-secret"
        + "\r\nContent-Length: 0\r\n\r\n"));
    selfSigned = start(TlsFixtures.serverContext(certificates, "localhost"),
        answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
    wrongHost = start(TlsFixtures.serverContext(certificates, "elsewhere"),
        answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
    http = new ProbeFixtures.Http().route("/health", 200, "{}", 0);
    ProbeFixtures.requireRunning(6379, "Redis", ProbeFixtures.REDIS_START);
    oversizedBody = start(null, (in, out) -> {
      readRequest(in);
      out.write("HTTP/1.1 200 OK\r\nContent-Length: 2097152\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.write(new byte[2 << 20]);
    });
    endlessBody = start(null, (in, out) -> {
      readRequest(in);
      out.write("HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      endless(out, (byte) 'x');
    });
    endlessHeader = start(null, (in, out) -> {
      readRequest(in);
      out.write("HTTP/1.1 200 OK\r\nX-Endless: ".getBytes(StandardCharsets.ISO_8859_1));
      endless(out, (byte) 'x');
    });
    endlessStatusLine = start(null, (in, out) -> {
      readRequest(in);
      out.write("HTTP/1.1 200 ".getBytes(StandardCharsets.ISO_8859_1));
      endless(out, (byte) 'x');
    });
    trickleStatusLine = start(null, (in, out) -> {
      readRequest(in);
      out.write("HTTP/".getBytes(StandardCharsets.ISO_8859_1));
      trickle(out, "1.1 200 OK\r\n\r\n");
    });
    oversizedFrame = start(null, webSocket(out -> {
      out.write(new byte[] {(byte) 0x81, 127, 0, 0, 0, 0, 0, 0x20, 0, 0}); // 2 MiB
      endless(out, (byte) 'x');
    }));
    endlessContinuation = start(null, webSocket(out -> {
      byte[] chunk = new byte[64 * 1024];
      out.write(new byte[] {0x01, 127, 0, 0, 0, 0, 0, 1, 0, 0});
      out.write(chunk);
      while (true) {
        out.write(new byte[] {0x00, 127, 0, 0, 0, 0, 0, 1, 0, 0});
        out.write(chunk);
      }
    }));
  }

  @AfterAll
  static void stopServers() throws IOException {
    backlogOnly.close();
    http.close();
    for (Scripted server : servers) {
      server.close();
    }
  }

  static Stream<Arguments> faults() {
    String tls = "TLS failure: ";
    return Stream.of(
        fault("refused", http("http://127.0.0.1:" + refused + "/health"), is("connection refused")),
        fault("black hole: a listening socket that never accepts",
            http("http://127.0.0.1:" + backlogOnly.getLocalPort() + "/health"),
            is("timed out after 1000 ms: accepted the connection but sent no HTTP response")),
        fault("black hole: accepts and stays silent", http(silent.url("/health")),
            is("timed out after 1000 ms: accepted the connection but sent no HTTP response")),
        fault("black hole: redis", redis(silent.port()),
            is("timed out after 1000 ms: accepted the connection but sent no answer to PING")),
        fault("black hole: postgres", postgres(silent.port()),
            is("timed out after 1000 ms: accepted the connection but sent no answer to a PostgreSQL StartupMessage")),
        fault("trickle: the headers, one byte every 100 ms", http(trickleHead.url("/health")),
            is("timed out after 1000 ms: answered [HTTP/1.1 200 OK] but the headers did not arrive in time")),
        fault("trickle: the body, one byte every 100 ms",
            http(trickleBody.url("/health"), "expectBody", "UP"),
            is("timed out after 1000 ms: answered 200 OK but the body did not arrive in time")),
        fault("trickle: a WebSocket frame, one byte every 100 ms",
            service("ws", "websocket", TIMEOUT, null, "url", "ws://127.0.0.1:" + trickleWebSocket.port() + "/ws",
                "expect", "x"),
            is("timed out after 1000 ms: handshake ok, but no message came after the handshake")),
        fault("503", http(status503.url("/health")), is("answered 503 Service Unavailable")),
        fault("302 (the Location is redacted)", http(status302.url("/health")),
            is("answered 302 Found: redirected to https://sso.example.com/login?token=**** "
                + "(set expectStatus: 302 if a redirect is the healthy answer)")),
        fault("unresolvable name", http("http://nonexistent.invalid/health"),
            is("DNS failure: unknown host [nonexistent.invalid]")),
        fault("TLS with a self-signed certificate", http(selfSigned.url("/health").replace("http:", "https:")),
            starts(tls + "certificate not trusted (unable to find valid certification path to requested target); "
                + Causes.TRUST_STORE_HINT)),
        fault("TLS with a certificate for another host (trusted, so that the host is what fails)",
            http("https://127.0.0.1:" + wrongHost.port() + "/health",
                "trustStore", certificates.resolve("elsewhere-trust.pkcs12").toString(),
                "trustStorePassword", TlsFixtures.TRUST_PASSWORD),
            starts(tls + "certificate does not match host [127.0.0.1] (")),
        // Redis drops a connection that sends a Host: line (its guard against cross-protocol scripting)
        fault("wrong protocol: an http probe against Redis", http("http://127.0.0.1:6379/health"),
            is("the server closed the connection without an HTTP response (is it a TLS port? then use https://)")),
        fault("wrong protocol: a redis probe against HTTP", redis(http.port()),
            is("wrong protocol: answered [HTTP/1.1 400 Bad Request] instead of a Redis reply")),
        fault("wrong protocol: a postgres probe against HTTP", postgres(http.port()),
            is("wrong protocol: closed the connection without answering a PostgreSQL StartupMessage")),
        fault("oversized: a body of 2 MiB", http(oversizedBody.url("/health"), "expectBody", "UP"),
            is("answered 200 OK, but the body is larger than 1048576 bytes (the most the probe reads)")),
        fault("oversized: a body without end", http(endlessBody.url("/health"), "expectBody", "UP"),
            is("answered 200 OK, but the body is larger than 1048576 bytes (the most the probe reads)")),
        fault("oversized: a header without end", http(endlessHeader.url("/health")),
            is("header too large: the HTTP response headers exceed 65536 bytes (a header line of more than 65536"
                + " bytes without a line end)")),
        fault("oversized: a status line without end", http(endlessStatusLine.url("/health")),
            is("header too large: the status line [HTTP/1.1 200 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...]"
                + " exceeds 65536 bytes without a line end")),
        fault("trickle: the status line, HTTP/ then one byte every 100 ms", http(trickleStatusLine.url("/health")),
            // how much of the line came depends on the machine's timing
            matches("timed out after 1000 ms: answered \\[HTTP/1[^\\]]*\\] but the rest of the status line did not"
                + " arrive in time")),
        fault("oversized: a WebSocket frame of 2 MiB", webSocketProbe(oversizedFrame.port()),
            is("handshake ok, but the server sent a frame of 2097152 bytes after the handshake")),
        fault("oversized: continuation frames without end", webSocketProbe(endlessContinuation.port()),
            is("handshake ok, but the server sent a message of more than 1048576 bytes in continuation frames "
                + "after the handshake")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void eachFaultIsDownWithItsCauseWithinTheDeadline(String fault, ServiceDefinition service,
      Cause cause) {
    long start = System.nanoTime();
    ProbeResult result = ProbeFixtures.probe(service);
    long tookMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    if (cause.exactly() != null) {
      assertThat(result.detail()).as("cause").isEqualTo(cause.exactly());
    } else {
      if (cause.prefix() != null) {
        assertThat(result.detail()).as("cause").startsWith(cause.prefix());
      } else {
        assertThat(result.detail()).as("cause").matches(cause.regex());
      }
    }
    assertThat(tookMillis).as("%s took", fault).isLessThanOrEqualTo(TIMEOUT_MILLIS + SLACK_MILLIS);
  }

  @Test
  void aTrustAllDefaultInstalledByATestDoesNotWeakenTheProbes() throws Exception {
    SSLContext previous = SSLContext.getDefault();
    javax.net.ssl.SSLSocketFactory previousFactory = HttpsURLConnection.getDefaultSSLSocketFactory();
    SSLContext trustAll = Tls.unverified();
    SSLContext.setDefault(trustAll);
    HttpsURLConnection.setDefaultSSLSocketFactory(trustAll.getSocketFactory());
    try {
      ProbeResult result = ProbeFixtures.probe(https(selfSigned.port()));

      assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
      assertThat(result.detail()).startsWith("TLS failure: certificate not trusted (");
    } finally {
      SSLContext.setDefault(previous);
      HttpsURLConnection.setDefaultSSLSocketFactory(previousFactory);
    }
  }

  @Test
  void theSameServerTrustedThroughItsTrustStoreIsUp() {
    ProbeResult result = ProbeFixtures.probe(service("backend", "https", ProbeFixtures.TEST_TIMEOUT, null,
        "url", "https://localhost:" + selfSigned.port() + "/health",
        "trustStore", certificates.resolve("localhost-trust.pkcs12").toString(),
        "trustStorePassword", TlsFixtures.TRUST_PASSWORD));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.UP);
    assertThat(result.detail()).isEqualTo("answered 200 OK");
  }

  @Test
  void aRedirectNamedByExpectStatusIsUp() {
    ProbeResult result = ProbeFixtures.probe(service("backend", "http", ProbeFixtures.TEST_TIMEOUT, null,
        "url", status302.url("/health"), "expectStatus", 302));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.UP);
    assertThat(result.detail()).isEqualTo("answered 302 Found");
  }

  @Test
  void aHealthBodyWithAnIntegerBeyondLongIsStillJson() throws Exception {
    String body = "{\"uptime\":123456789012345678901234567,\"status\":\"UP\"}";
    try (Scripted server = start(null, answer("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + body.length() + "\r\n\r\n" + body))) {
      ProbeResult result = ProbeFixtures.probe(service("backend", "http", ProbeFixtures.TEST_TIMEOUT, null,
          "url", server.url("/health"), "jsonPointer", "/status", "expectValue", "UP"));

      assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.UP);
      assertThat(result.detail()).isEqualTo("answered 200 OK");
    }
  }

  // ---- the faults' services and causes

  private static Arguments fault(String name, ServiceDefinition service, Cause cause) {
    return Arguments.of(name, service, cause);
  }

  private static Cause is(String expected) {
    return new Cause(expected, null, null);
  }

  private static Cause starts(String prefix) {
    return new Cause(null, prefix, null);
  }

  private static Cause matches(String regex) {
    return new Cause(null, null, regex);
  }

  /** The exact cause, or (where the JDK's wording follows in brackets) how it starts, or (timing) its pattern. */
  record Cause(String exactly, String prefix, String regex) {
    @Override
    public String toString() {
      return exactly != null ? "[" + exactly + "]" : prefix != null ? "starting [" + prefix + "]"
          : "matching [" + regex + "]";
    }
  }

  private static ServiceDefinition http(String url, Object... more) {
    Object[] keyValues = new Object[more.length + 2];
    keyValues[0] = "url";
    keyValues[1] = url;
    System.arraycopy(more, 0, keyValues, 2, more.length);
    return service("backend", url.startsWith("https") ? "https" : "http", TIMEOUT, null, keyValues);
  }

  private static ServiceDefinition https(int port) {
    return http("https://127.0.0.1:" + port + "/health");
  }

  private static ServiceDefinition redis(int port) {
    return service("cache", "redis", TIMEOUT, null, "host", "127.0.0.1", "port", port);
  }

  private static ServiceDefinition postgres(int port) {
    return service("db", "postgres", TIMEOUT, null, "host", "127.0.0.1", "port", port);
  }

  private static ServiceDefinition webSocketProbe(int port) {
    return service("ws", "websocket", TIMEOUT, null, "url", "ws://127.0.0.1:" + port + "/ws", "expect", "x");
  }

  // ---- the servers

  private interface Script {
    void run(InputStream in, OutputStream out) throws Exception;
  }

  private interface Frames {
    void send(OutputStream out) throws Exception;
  }

  private static Script answer(String response) {
    return (in, out) -> {
      readRequest(in);
      out.write(response.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      sleep(300);
    };
  }

  private static Script webSocket(Frames frames) {
    return (in, out) -> {
      String key = readRequest(in).lines().filter(line -> line.startsWith("Sec-WebSocket-Key: ")).findFirst()
          .orElse("x: ").split(": ", 2)[1];
      out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Accept: " + WebSocketProbe.accept(key) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      frames.send(out);
    };
  }

  /** Reads up to the end of a request head (or whatever comes first within a moment). */
  private static String readRequest(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int b;
    while (!head.toString().endsWith("\r\n\r\n") && (b = in.read()) != -1) {
      head.append((char) b);
      if (head.length() > 64 * 1024) {
        break;
      }
    }
    return head.toString();
  }

  private static void trickle(OutputStream out, String text) throws IOException {
    for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
      out.write(b);
      out.flush();
      sleep(100);
    }
  }

  private static void endless(OutputStream out, byte value) throws IOException {
    byte[] chunk = new byte[8192];
    java.util.Arrays.fill(chunk, value);
    while (true) {
      out.write(chunk);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
  }

  private static Scripted start(SSLContext tls, Script script) throws IOException {
    Scripted server = new Scripted(tls, script);
    servers.add(server);
    return server;
  }

  /** A server on 127.0.0.1 (over TLS when given a context) that runs {@code script} for every connection. */
  private static final class Scripted implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> accepted = new ArrayList<>();

    Scripted(SSLContext tls, Script script) throws IOException {
      server = tls == null ? new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
          : tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
      if (server instanceof SSLServerSocket secure) {
        secure.setNeedClientAuth(false);
      }
      Thread acceptor = new Thread(() -> {
        while (!server.isClosed()) {
          try {
            Socket socket = server.accept();
            synchronized (accepted) {
              accepted.add(socket);
            }
            Thread handler = new Thread(() -> {
              try (socket) {
                script.run(socket.getInputStream(), socket.getOutputStream());
              } catch (Exception ex) {
                // the client gave up or the test is over: the probe's side is what is asserted
              }
            }, "test-scripted-connection");
            handler.setDaemon(true);
            handler.start();
          } catch (IOException ex) {
            return;
          }
        }
      }, "test-scripted-server");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    String url(String path) {
      return "http://127.0.0.1:" + port() + path;
    }

    @Override
    public void close() throws IOException {
      server.close();
      synchronized (accepted) {
        for (Socket socket : accepted) {
          socket.close();
        }
      }
    }
  }
}
