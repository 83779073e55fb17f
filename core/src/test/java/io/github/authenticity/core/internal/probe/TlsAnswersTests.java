package io.github.authenticity.core.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.authenticity.core.config.Endpoint;
import io.github.authenticity.core.internal.detect.InteractionMonitor.Finding;
import io.github.authenticity.core.internal.detect.InteractionMonitor.Status;
import io.github.authenticity.core.internal.detect.InteractionMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over TLS the socket carries ciphertext: the agent reads an answer where the JDK's {@code SSLSocket} hands its
 * plaintext to the client (docs/detection.md, "SERVER_ERRORS"), and counts the handshake and the closing alerts as
 * steps, not answers. A real HTTPS server behind {@code HttpsURLConnection}, one kept-alive TLS connection.
 */
class TlsAnswersTests {

  @TempDir
  static Path certificates;

  @Test
  void anHttpsAnswerIsReadFromThePlaintextOfTheSslSocket() throws Exception {
    TlsFixtures.selfSigned(certificates, "localhost", "dns:localhost,ip:127.0.0.1", "PKCS12");
    HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    https.setHttpsConfigurator(new HttpsConfigurator(TlsFixtures.serverContext(certificates, "localhost")));
    https.createContext("/api/orders", exchange -> {
      ProbeFixtures.Http.respond(exchange, 503, "database unreachable");
      exchange.close();
    });
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    https.createContext("/api/flaky", exchange -> {
      ProbeFixtures.Http.respond(exchange, calls.getAndIncrement() == 0 ? 503 : 200, "[1,2]");
      exchange.close();
    });
    https.start();
    try {
      int port = https.getAddress().getPort();
      Map<String, List<Endpoint>> backend = Map.of("backend", List.of(new Endpoint("127.0.0.1", port)));
      javax.net.ssl.SSLSocketFactory factory = trusting().getSocketFactory();
      InteractionMonitor.Watch watch = InteractionMonitor.start().watch("tls", backend);
      assertThat(get(factory, port, "/api/orders")).isEqualTo(503);
      Finding finding = watch.finish().get(0);
      InteractionMonitor.Watch retry = InteractionMonitor.start().watch("tls-retry", backend);
      assertThat(get(factory, port, "/api/flaky")).isEqualTo(503);
      assertThat(get(factory, port, "/api/flaky")).isEqualTo(200);
      Finding retried = retry.finish().get(0);

      assertThat(finding.status()).isEqualTo(Status.PROVEN);
      assertThat(finding.line()).matches("1 answer \\(503 ×1\\), \\d+(\\.\\d)? K?B in, \\d+(\\.\\d)? K?B out with "
          + "127\\.0\\.0\\.1:" + port);
      assertThat(finding.onlyServerErrors()).isTrue();
      assertThat(finding.serverErrors()).isEqualTo("503 Service Unavailable (1 answer)");
      assertThat(retried.line()).matches("2 answers \\(503 ×1, 200 ×1\\), \\d+(\\.\\d)? K?B in, \\d+(\\.\\d)? K?B out with "
          + "127\\.0\\.0\\.1:" + port);
      assertThat(retried.onlyServerErrors()).isFalse();
    } finally {
      https.stop(0);
    }
  }

  /** A GET over {@code HttpsURLConnection} (its keep-alive cache reuses the TLS connection); the status. */
  private static int get(javax.net.ssl.SSLSocketFactory factory, int port, String path) throws Exception {
    HttpsURLConnection connection = (HttpsURLConnection) URI.create("https://127.0.0.1:" + port + path).toURL()
        .openConnection();
    connection.setSSLSocketFactory(factory);
    int status = connection.getResponseCode();
    try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
      in.readAllBytes();
    }
    return status;
  }

  /** A client context that trusts the fixture's self-signed certificate. */
  private static SSLContext trusting() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in = java.nio.file.Files.newInputStream(certificates.resolve("localhost-trust.pkcs12"))) {
      trust.load(in, TlsFixtures.TRUST_PASSWORD.toCharArray());
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
