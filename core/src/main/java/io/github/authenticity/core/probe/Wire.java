package io.github.authenticity.core.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import io.github.authenticity.core.config.ServiceDefinition;

/** Raw socket helpers for the protocol probes: connect and read within a {@link Deadline}. */
final class Wire {

  private Wire() {
  }

  /** Opens a TCP connection within the deadline. */
  static Socket connect(String host, int port, Deadline deadline) throws IOException, ProbeFailure {
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new UnknownHostException(host);
    }
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(address, deadline.remainingMillis());
      socket.setSoTimeout(deadline.remainingMillis());
      return socket;
    } catch (SocketTimeoutException ex) {
      socket.close();
      throw new ProbeFailure(Causes.timedOut(deadline.timeoutMillis(), "connect did not complete"), ex);
    } catch (IOException ex) {
      socket.close();
      throw ex;
    }
  }

  /** Opens a TCP connection and, when {@code tls}, a verified TLS session over it (host name checked). */
  static Socket connect(String host, int port, boolean tls, ServiceDefinition service, Deadline deadline)
      throws IOException, ProbeFailure {
    Socket plain = connect(host, port, deadline);
    if (!tls) {
      return plain;
    }
    try {
      SSLSocket socket = (SSLSocket) Tls.context(service).getSocketFactory().createSocket(plain, host, port, true);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.setSoTimeout(deadline.remainingMillis());
      try {
        socket.startHandshake();
      } catch (SocketTimeoutException ex) {
        throw new ProbeFailure(Causes.timedOut(deadline.timeoutMillis(),
            "accepted the connection but did not complete the TLS handshake (is it a TLS port?)"), ex);
      }
      return socket;
    } catch (IOException | ProbeFailure | RuntimeException ex) {
      plain.close();
      throw ex;
    }
  }

  /** Sets the socket's read timeout to what is left of the deadline. */
  static void refresh(Socket socket, Deadline deadline) throws IOException {
    socket.setSoTimeout(deadline.remainingMillis());
  }

  /**
   * Reads up to and including CRLF (or LF), returns the line without it; {@code null} at end of stream
   * before any byte. Fails after {@code limit} bytes without a line end.
   */
  static String readLine(InputStream in, int limit) throws IOException, ProbeFailure {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
      if (line.size() > limit) {
        throw new ProbeFailure("wrong protocol: answered [" + snippet(line.toByteArray()) + "] without a line end");
      }
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  /** Reads exactly {@code length} bytes. */
  static byte[] readFully(InputStream in, int length) throws IOException {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length < length) {
      throw new java.io.EOFException("expected " + length + " bytes, got " + bytes.length);
    }
    return bytes;
  }

  /** The first printable characters of {@code bytes} (up to the first line end), for {@code wrong protocol} causes. */
  static String snippet(byte[] bytes) {
    return snippet(new String(bytes, StandardCharsets.ISO_8859_1));
  }

  /** The first printable characters of {@code text} (up to the first line end, at most 60). */
  static String snippet(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < 60; i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n') {
        if (out.length() > 0) {
          break;
        }
        continue;
      }
      out.append(c >= 0x20 && c < 0x7f || Character.isLetterOrDigit(c) && c > 0xa0 ? c : '.');
    }
    String result = out.toString();
    return text.length() > 60 && result.length() >= 60 ? result + "..." : result;
  }
}
