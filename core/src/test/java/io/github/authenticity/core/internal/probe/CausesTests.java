package io.github.authenticity.core.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

/** The one-line causes for the JDK's own exceptions (those a local test cannot provoke, such as a connect time-out). */
class CausesTests {

  private static String cause(Throwable failure) {
    return Causes.of(failure, "api.example.com", 2000, "accepted the connection but sent no answer");
  }

  @Test
  void tellsTheKindsOfFailureApart() {
    assertThat(cause(new ConnectException("Connection refused"))).isEqualTo("connection refused");
    assertThat(cause(new SocketTimeoutException("Connect timed out")))
        .isEqualTo("timed out after 2000 ms: connect did not complete");
    assertThat(cause(new SocketTimeoutException("Read timed out")))
        .isEqualTo("timed out after 2000 ms: accepted the connection but sent no answer");
    assertThat(cause(new UnknownHostException("api.example.com: Name or service not known")))
        .isEqualTo("DNS failure: unknown host [api.example.com]");
    assertThat(cause(new NoRouteToHostException("No route to host"))).isEqualTo("no route to host [api.example.com]");
    assertThat(cause(new SocketException("Connection reset"))).isEqualTo("connection reset by the server");
    assertThat(cause(new SSLHandshakeException("Received fatal alert: handshake_failure")))
        .isEqualTo("TLS failure: Received fatal alert: handshake_failure");
    assertThat(cause(new IOException("disk\nfull"))).isEqualTo("I/O error: IOException: disk full");
    assertThat(cause(new IllegalArgumentException("bad"))).isEqualTo("IllegalArgumentException: bad");
    assertThat(cause(new ProbeFailure("wrong protocol: x"))).isEqualTo("wrong protocol: x");
  }

  @Test
  void anExpiredCertificateIsNamed() {
    SSLHandshakeException failure = new SSLHandshakeException("PKIX path validation failed");
    failure.initCause(new java.security.cert.CertificateExpiredException("NotAfter: Tue Jan 01 00:00:00 UTC 2030"));

    assertThat(cause(failure))
        .isEqualTo("TLS failure: certificate expired or not yet valid (NotAfter: Tue Jan 01 00:00:00 UTC 2030)");
  }
}
