package io.github.authenticity.core.internal.probe;

import static io.github.authenticity.core.internal.probe.ProbeFixtures.probe;
import static io.github.authenticity.core.internal.probe.ProbeFixtures.service;
import io.github.authenticity.core.probe.ProbeResult;
import io.github.authenticity.core.probe.ProbeStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The http probe goes through the HTTP proxy the JVM's {@link ProxySelector} names ({@code http.proxyHost} and
 * the like), as {@code HttpURLConnection} does: a staging service behind a corporate proxy is not DOWN.
 */
class HttpProxyProbeTests {

  @TempDir
  static Path certificates;

  private static ExecutorService executor;
  private static ProbeFixtures.Http plain;
  private static HttpsServer https;
  private static final ProxySelector ORIGINAL = ProxySelector.getDefault();

  /** What the proxy was asked, one request line each. */
  private static final List<String> ASKED = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    executor = Executors.newCachedThreadPool();
    plain = new ProbeFixtures.Http().route("/health", 200, "{\"status\":\"UP\"}", 0);
    TlsFixtures.selfSigned(certificates, "localhost", "dns:localhost,ip:127.0.0.1", "PKCS12");
    https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    https.setHttpsConfigurator(new HttpsConfigurator(TlsFixtures.serverContext(certificates, "localhost")));
    https.createContext("/health", exchange -> {
      ProbeFixtures.Http.respond(exchange, 200, "{}");
      exchange.close();
    });
    https.setExecutor(executor);
    https.start();
  }

  @AfterAll
  static void stop() {
    plain.close();
    https.stop(0);
    executor.shutdownNow();
  }

  @AfterEach
  void restoreTheSelector() {
    ProxySelector.setDefault(ORIGINAL);
    ASKED.clear();
  }

  /** A proxy on loopback: tunnels CONNECT, forwards absolute-form requests, or answers {@code refusal}. */
  private static int proxy(String refusal) throws IOException {
    ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    executor.submit(() -> {
      while (!server.isClosed()) {
        Socket client = server.accept();
        executor.submit(() -> serve(client, refusal));
      }
      return null;
    });
    return server.getLocalPort();
  }

  private static Void serve(Socket client, String refusal) throws IOException {
    try (client) {
      InputStream in = client.getInputStream();
      String line = line(in);
      ASKED.add(line);
      String rest;
      StringBuilder headers = new StringBuilder();
      while (!(rest = line(in)).isEmpty()) {
        headers.append(rest).append("\r\n");
      }
      OutputStream out = client.getOutputStream();
      if (refusal != null) {
        out.write(("HTTP/1.1 " + refusal + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return null;
      }
      String target = line.split(" ")[1];
      boolean connect = line.startsWith("CONNECT ");
      URI uri = URI.create(connect ? "tcp://" + target : target);
      try (Socket upstream = new Socket(uri.getHost(), uri.getPort())) {
        if (connect) {
          out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        } else {
          upstream.getOutputStream().write((line + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        executor.submit(() -> in.transferTo(upstream.getOutputStream()));
        upstream.getInputStream().transferTo(out);
      }
    }
    return null;
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  private static void useProxy(int port) {
    ProxySelector.setDefault(new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
      }

      @Override
      public void connectFailed(URI uri, SocketAddress address, IOException ex) {
      }
    });
  }

  @Test
  void aPlainHttpServiceIsProbedThroughTheProxyWithTheWholeUrl() throws IOException {
    useProxy(proxy(null));
    String url = plain.url("/health");

    ProbeResult result = probe(service("backend", "http", "url", url));

    assertThat(result.status()).as(result.detail()).isEqualTo(ProbeStatus.UP);
    assertThat(ASKED).containsExactly("GET " + url + " HTTP/1.1");
  }

  @Test
  void anHttpsServiceIsProbedThroughATunnelAndItsCertificateIsStillVerified() throws IOException {
    useProxy(proxy(null));
    int port = https.getAddress().getPort();

    ProbeResult trusted = probe(service("backend", "https", "url", "https://localhost:" + port + "/health",
        "trustStore", certificates.resolve("localhost-trust.pkcs12").toString(),
        "trustStorePassword", TlsFixtures.TRUST_PASSWORD));
    ProbeResult untrusted = probe(service("backend", "https", "url", "https://localhost:" + port + "/health"));

    assertThat(trusted.status()).as(trusted.detail()).isEqualTo(ProbeStatus.UP);
    assertThat(ASKED).first().isEqualTo("CONNECT localhost:" + port + " HTTP/1.1");
    assertThat(untrusted.status()).isEqualTo(ProbeStatus.DOWN);
    assertThat(untrusted.detail()).startsWith("TLS failure");
  }

  @Test
  void aProxyThatWantsCredentialsIsNamedInTheCause() throws IOException {
    int port = proxy("407 Proxy Authentication Required");
    useProxy(port);

    ProbeResult result = probe(service("backend", "https", "url", "https://staging.example.com/health"));

    assertThat(result.status()).isEqualTo(ProbeStatus.DOWN);
    assertThat(result.detail()).isEqualTo("the HTTP proxy [localhost:" + port + "] refused to tunnel to"
        + " [staging.example.com:443]: answered 407 Proxy Authentication Required (it wants credentials, which the"
        + " probe does not send)");
  }
}
