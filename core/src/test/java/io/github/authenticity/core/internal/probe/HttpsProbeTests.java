package io.github.authenticity.core.internal.probe;

import static io.github.authenticity.core.internal.probe.ProbeFixtures.probe;
import static io.github.authenticity.core.internal.probe.ProbeFixtures.service;
import io.github.authenticity.core.probe.ProbeResult;
import io.github.authenticity.core.probe.ProbeStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpsProbeTests {

  @TempDir
  static Path certificates;

  private static HttpsServer server;
  private static HttpsServer otherHostServer;
  private static ExecutorService executor;
  private static ProbeFixtures.Http plain;

  @BeforeAll
  static void startServers() throws Exception {
    TlsFixtures.selfSigned(certificates, "localhost", "dns:localhost,ip:127.0.0.1", "PKCS12");
    TlsFixtures.selfSigned(certificates, "elsewhere", "dns:elsewhere.example", "JKS");
    executor = Executors.newCachedThreadPool();
    server = start("localhost");
    otherHostServer = start("elsewhere");
    plain = new ProbeFixtures.Http().route("/health", 200, "{}", 0);
  }

  private static HttpsServer start(String name) throws Exception {
    HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    https.setHttpsConfigurator(new HttpsConfigurator(TlsFixtures.serverContext(certificates, name)));
    https.createContext("/health", exchange -> {
      ProbeFixtures.Http.respond(exchange, 200, "{\"status\":\"UP\"}");
      exchange.close();
    });
    https.setExecutor(executor);
    https.start();
    return https;
  }

  @AfterAll
  static void stopServers() {
    server.stop(0);
    otherHostServer.stop(0);
    plain.close();
    executor.shutdownNow();
  }

  private static String url(HttpsServer https) {
    return "https://127.0.0.1:" + https.getAddress().getPort() + "/health";
  }

  @Test
  void aSelfSignedCertificateIsATlsFailureByDefault() {
    ProbeResult result = probe(service("backend", "https", "url", url(server)));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    assertThat(result.detail()).isEqualTo("TLS failure: certificate not trusted (unable to find valid certification "
        + "path to requested target); if the server's certificate is signed by a private CA, set trustStore (and "
        + "trustStorePassword) for this service");
  }

  @Test
  void theServicesTrustStoreMakesItUp() {
    ProbeResult result = probe(service("backend", "https", "url", url(server),
        "trustStore", certificates.resolve("localhost-trust.pkcs12").toString(),
        "trustStorePassword", TlsFixtures.TRUST_PASSWORD));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.UP);
    assertThat(result.detail()).isEqualTo("answered 200 OK");
    assertThat(result.endpoint()).isEqualTo("GET " + url(server));
  }

  @Test
  void aTrustedCertificateForAnotherHostIsATlsFailure() {
    ProbeResult result = probe(service("backend", "https", "url", url(otherHostServer),
        "trustStore", certificates.resolve("elsewhere-trust.jks").toString(), "trustStoreType", "JKS",
        "trustStorePassword", TlsFixtures.TRUST_PASSWORD));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    assertThat(result.detail()).isEqualTo("TLS failure: certificate does not match host [127.0.0.1] "
        + "(No subject alternative names matching IP address 127.0.0.1 found)");
  }

  @Test
  void aWrongTrustStorePasswordIsReportedWithoutThePassword() {
    ProbeResult result = probe(service("backend", "https", "url", url(server),
        "trustStore", certificates.resolve("localhost-trust.pkcs12").toString(),
        "trustStorePassword", "not-the-password"));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    assertThat(result.detail()).startsWith("cannot read trustStore [" + certificates.resolve("localhost-trust.pkcs12")
        + "] as PKCS12: IOException: ");
    assertThat(result.toString()).doesNotContain("not-the-password");
  }

  @Test
  void aMissingTrustStoreIsReported() {
    ProbeResult result = probe(service("backend", "https", "url", url(server),
        "trustStore", certificates.resolve("nope.p12").toString()));

    assertThat(result.detail()).isEqualTo("cannot read trustStore [" + certificates.resolve("nope.p12")
        + "]: no such file");
  }

  @Test
  void httpsAgainstAPlainTextServerThatAnswersIsATlsFailure() throws Exception {
    try (ProbeFixtures.Banner banner = new ProbeFixtures.Banner("HTTP/1.1 400 Bad Request\r\n\r\n")) {
      ProbeResult result = probe(service("backend", "https", "url", "https://127.0.0.1:" + banner.port() + "/health"));

      assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
      assertThat(result.detail()).isEqualTo("TLS failure: the server did not answer TLS "
          + "(Unsupported or unrecognized SSL message); is it a plain-text port?");
    }
  }

  @Test
  void httpsAgainstAPlainHttpServerThatWaitsTimesOutInTheHandshake() {
    ProbeResult result = probe(service("backend", "https", java.time.Duration.ofMillis(500), null,
        "url", "https://127.0.0.1:" + plain.port() + "/health"));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    // the JDK's HttpServer either waits for a request line that never comes, or answers the ClientHello
    // with a plain-text error at once (seen on a loaded machine): both are told apart from a refusal
    assertThat(result.detail()).isIn(
        "timed out after 500 ms: accepted the connection but did not complete the TLS handshake (is it a TLS port?)",
        "TLS failure: the server did not answer TLS (Unsupported or unrecognized SSL message); is it a plain-text"
            + " port?");
  }

  @Test
  void redisOverTlsVerifiesTheCertificateToo() throws Exception {
    try (ProbeFixtures.Banner redis = new ProbeFixtures.Banner("+PONG\r\n",
        TlsFixtures.serverContext(certificates, "localhost"))) {
      ProbeResult untrusted = probe(service("cache", "redis", "host", "localhost", "port", redis.port(), "tls", true));
      ProbeResult trusted = probe(service("cache", "redis", "host", "localhost", "port", redis.port(), "tls", "true",
          "trustStore", certificates.resolve("localhost-trust.pkcs12").toString(),
          "trustStorePassword", TlsFixtures.TRUST_PASSWORD));

      assertThat(untrusted.status()).as("%s", untrusted).isEqualTo(ProbeStatus.DOWN);
      assertThat(untrusted.detail()).startsWith("TLS failure: certificate not trusted (");
      assertThat(trusted.status()).as("%s", trusted).isEqualTo(ProbeStatus.UP);
      assertThat(trusted.detail()).isEqualTo("PONG");
      assertThat(trusted.endpoint()).isEqualTo("rediss localhost:" + redis.port());
    }
  }

  @Test
  void plainHttpAgainstATlsPortIsDown() {
    ProbeResult result = probe(service("backend", "http", "url",
        "http://127.0.0.1:" + server.getAddress().getPort() + "/health"));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    // the JDK's TLS server closes at once (JDK 17) or first answers with a TLS alert (JDK 25): both say so exactly
    assertThat(result.detail()).isIn(
        "the server closed the connection without an HTTP response (is it a TLS port? then use https://)",
        "wrong protocol: the server answered with TLS, not HTTP (is it a TLS port? then use https://)");
  }
}
