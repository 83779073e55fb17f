package io.github.authenticity.core.internal.probe;

import static io.github.authenticity.core.internal.probe.ProbeFixtures.service;
import io.github.authenticity.core.probe.ProbeResult;
import io.github.authenticity.core.probe.ProbeStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sslmode} require and verify-*: the probe finishes the TLS handshake that the SSLRequest announced
 * (a single {@code S} byte proves nothing), against a PostgreSQL-speaking server started here.
 */
class PostgresTlsTests {

  @TempDir
  static Path certificates;

  private static SSLContext serverTls;
  private ServerSocket server;

  @BeforeAll
  static void makeCertificate() throws Exception {
    TlsFixtures.selfSigned(certificates, "localhost", "dns:localhost,ip:127.0.0.1", "PKCS12");
    serverTls = TlsFixtures.serverContext(certificates, "localhost");
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  /** Answers an SSLRequest with {@code S}, then (when {@code speaksTls}) TLS with trust authentication. */
  private int start(boolean speaksTls) throws IOException {
    server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread thread = new Thread(() -> {
      while (!server.isClosed()) {
        try (Socket plain = server.accept()) {
          DataInputStream in = new DataInputStream(plain.getInputStream());
          in.readFully(new byte[8]); // SSLRequest
          OutputStream out = plain.getOutputStream();
          out.write('S');
          out.flush();
          if (!speaksTls) {
            out.write("no TLS here, sorry\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread.sleep(300);
            continue;
          }
          try (SSLSocket tls = (SSLSocket) serverTls.getSocketFactory().createSocket(plain, "localhost",
              plain.getPort(), false)) {
            tls.setUseClientMode(false);
            tls.startHandshake();
            DataInputStream secure = new DataInputStream(tls.getInputStream());
            int length = secure.readInt();
            secure.readFully(new byte[length - 4]); // StartupMessage
            OutputStream answer = tls.getOutputStream();
            answer.write(ByteBuffer.allocate(9).put((byte) 'R').putInt(8).putInt(0).array()); // AuthenticationOk
            answer.write(ByteBuffer.allocate(6).put((byte) 'Z').putInt(5).put((byte) 'I').array()); // ReadyForQuery
            answer.flush();
            Thread.sleep(100);
          }
        } catch (Exception ex) {
          // next connection, or the test is over
        }
      }
    }, "test-postgres-tls");
    thread.setDaemon(true);
    thread.start();
    return server.getLocalPort();
  }

  @Test
  void sslmodeRequireFinishesTheHandshakeAndTheStartupOverTls() throws Exception {
    int port = start(true);

    ProbeResult result = ProbeFixtures.probe(service("db", "postgres", "host", "127.0.0.1", "port", port,
        "sslmode", "require"));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.UP);
    assertThat(result.detail()).isEqualTo("PostgreSQL answered: authentication ok");
  }

  @Test
  void aServerThatSaysSButSpeaksNoTlsIsDown() throws Exception {
    int port = start(false);

    ProbeResult result = ProbeFixtures.probe(service("db", "postgres", "host", "127.0.0.1", "port", port,
        "sslmode", "require"));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    assertThat(result.detail()).isEqualTo("TLS failure: the server did not answer TLS "
        + "(Unsupported or unrecognized SSL message); is it a plain-text port?");
  }

  @Test
  void sslmodeVerifyFullVerifiesTheCertificate() throws Exception {
    int port = start(true);

    ProbeResult result = ProbeFixtures.probe(service("db", "postgres", "host", "127.0.0.1", "port", port,
        "sslmode", "verify-full"));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    assertThat(result.detail()).startsWith("TLS failure: certificate not trusted (");
  }

  @Test
  void sslmodeVerifyCaVerifiesTheCertificateToo() throws Exception {
    int port = start(true);

    ProbeResult result = ProbeFixtures.probe(service("db", "postgres", "host", "127.0.0.1", "port", port,
        "sslmode", "verify-ca"));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    assertThat(result.detail()).startsWith("TLS failure: certificate not trusted (");
  }

  @Test
  void aPasswordWithoutTheDriverIsDownSayingHowToAddIt() throws Exception {
    int port = start(true);
    // a class loader that sees the JDK only: no org.postgresql.Driver
    Preflight withoutDriver = new Preflight(ClassLoader.getPlatformClassLoader());

    ProbeResult result = withoutDriver.probeAll(List.of(service("db", "postgres", "host", "127.0.0.1",
        "port", port, "sslmode", "require", "user", "app", "password", "app-pw-no-driver"))).get("db");

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    assertThat(result.detail()).isEqualTo("PostgreSQL answered: authentication ok; but user and password are set, "
        + "so a login is required, and the PostgreSQL JDBC driver [org.postgresql.Driver] is not on the class path: "
        + "add the test dependency org.postgresql:postgresql");
    assertThat(result.toString()).doesNotContain("app-pw-no-driver");
  }
}
