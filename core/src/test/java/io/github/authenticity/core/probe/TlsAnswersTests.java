package io.github.authenticity.core.probe;

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
import io.github.authenticity.core.detect.InteractionMonitor;
import io.github.authenticity.core.detect.InteractionMonitor.Finding;
import io.github.authenticity.core.detect.InteractionMonitor.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over TLS the socket carries ciphertext, so the agent does not read answers there (docs/detection.md,
 * "SERVER_ERRORS"): a real HTTPS server answering 503 is proven by its bytes as before, never {@code SERVER_ERRORS}.
 * When answers are read at the TLS engine's application data, this test changes with it.
 */
class TlsAnswersTests {

  @TempDir
  static Path certificates;

  @Test
  void anHttpsAnswerIsNotReadSoA503OverTlsProvesByItsBytesAsBefore() throws Exception {
    TlsFixtures.selfSigned(certificates, "localhost", "dns:localhost,ip:127.0.0.1", "PKCS12");
    HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    https.setHttpsConfigurator(new HttpsConfigurator(TlsFixtures.serverContext(certificates, "localhost")));
    https.createContext("/api/orders", exchange -> {
      ProbeFixtures.Http.respond(exchange, 503, "database unreachable");
      exchange.close();
    });
    https.start();
    try {
      int port = https.getAddress().getPort();
      InteractionMonitor.Watch watch = InteractionMonitor.start().watch("tls",
          Map.of("backend", List.of(new Endpoint("127.0.0.1", port))));
      HttpsURLConnection connection = (HttpsURLConnection) URI.create("https://127.0.0.1:" + port + "/api/orders")
          .toURL().openConnection();
      connection.setSSLSocketFactory(trusting().getSocketFactory());
      assertThat(connection.getResponseCode()).isEqualTo(503);
      try (InputStream in = connection.getErrorStream()) {
        in.readAllBytes();
      }
      Finding finding = watch.finish(true).get(0);

      assertThat(finding.status()).isEqualTo(Status.PROVEN);
      assertThat(finding.line()).matches("\\d+ exchanges?, \\d+(\\.\\d)? K?B in, \\d+(\\.\\d)? K?B out with 127\\.0\\.0\\.1:"
          + port);
      assertThat(finding.answers()).isEmpty();
      assertThat(finding.onlyServerErrors()).isFalse();
    } finally {
      https.stop(0);
    }
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
