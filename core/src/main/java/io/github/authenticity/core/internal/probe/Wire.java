package io.github.authenticity.core.internal.probe;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.net.Resolver;
import io.github.authenticity.core.internal.redact.Redactor;

/** Raw socket helpers for the protocol probes: connect and read within a {@link Deadline}. */
final class Wire {

  private Wire() {
  }

  /**
   * Opens a TCP connection within the deadline: the host name looked up within it (a lookup that does not
   * finish is a {@code DNS failure}), then each address tried in turn with what is left. The socket is closed
   * when the deadline passes.
   */
  static Socket connect(String host, int port, Deadline deadline) throws IOException, ProbeFailure {
    List<InetAddress> addresses;
    try {
      addresses = Resolver.resolve(host, deadline.remaining());
    } catch (Resolver.LookupTimeoutException ex) {
      throw new ProbeFailure("DNS failure: lookup of [" + host + "] did not complete within "
          + deadline.timeoutMillis() + " ms", ex);
    }
    IOException last = null;
    for (InetAddress address : addresses) {
      Socket socket = new Socket();
      deadline.guard(socket);
      try {
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(address, port), deadline.remainingMillis());
        socket.setSoTimeout(deadline.remainingMillis());
        return socket;
      } catch (SocketTimeoutException ex) {
        socket.close();
        throw new ProbeFailure(Causes.timedOut(deadline.timeoutMillis(), "connect did not complete"), ex);
      } catch (IOException ex) {
        socket.close();
        if (deadline.expired()) {
          throw new ProbeFailure(Causes.timedOut(deadline.timeoutMillis(), "connect did not complete"), ex);
        }
        last = ex;
      }
    }
    throw last != null ? last : new UnknownHostException(host);
  }

  /** Opens a TCP connection and, when {@code tls}, a verified TLS session over it (host name checked). */
  static Socket connect(String host, int port, boolean tls, ServiceDefinition service, Deadline deadline)
      throws IOException, ProbeFailure {
    Socket plain = connect(host, port, deadline);
    if (!tls) {
      return plain;
    }
    return startTls(plain, host, port, Tls.context(service), true, deadline);
  }

  /**
   * A TLS session over {@code plain}, handshake finished within the deadline; {@code checkHost} verifies that
   * the certificate names {@code host}.
   */
  static SSLSocket startTls(Socket plain, String host, int port, SSLContext context, boolean checkHost,
      Deadline deadline) throws IOException, ProbeFailure {
    try {
      SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
      deadline.guard(socket);
      if (checkHost) {
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
      }
      socket.setSoTimeout(deadline.remainingMillis());
      try {
        socket.startHandshake();
      } catch (SocketTimeoutException ex) {
        throw handshakeTimedOut(deadline, ex);
      } catch (IOException ex) {
        if (deadline.expired()) {
          throw handshakeTimedOut(deadline, ex);
        }
        throw ex;
      }
      return socket;
    } catch (IOException | ProbeFailure | RuntimeException ex) {
      plain.close();
      throw ex;
    }
  }

  private static ProbeFailure handshakeTimedOut(Deadline deadline, IOException ex) {
    return new ProbeFailure(Causes.timedOut(deadline.timeoutMillis(),
        "accepted the connection but did not complete the TLS handshake (is it a TLS port?)"), ex);
  }

  /**
   * The socket's input, kept to the deadline: every read waits at most for what is left of it, and once it is
   * used up a read fails with {@link SocketTimeoutException} however many bytes keep trickling in.
   */
  static InputStream in(Socket socket, Deadline deadline) throws IOException {
    InputStream raw = socket.getInputStream();
    return new BufferedInputStream(new FilterInputStream(raw) {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (deadline.expired()) {
          throw new SocketTimeoutException("the probe's deadline passed");
        }
        try {
          socket.setSoTimeout(deadline.remainingMillis());
          return raw.read(buffer, offset, length);
        } catch (SocketException ex) {
          if (deadline.expired()) {
            SocketTimeoutException timeout = new SocketTimeoutException("the probe's deadline passed");
            timeout.initCause(ex);
            throw timeout;
          }
          throw ex;
        }
      }
    });
  }

  /** Sets the socket's read timeout to what is left of the deadline. */
  static void refresh(Socket socket, Deadline deadline) throws IOException {
    socket.setSoTimeout(deadline.remainingMillis());
  }

  /**
   * Reads up to and including CRLF (or LF), returns the line without it; {@code null} at end of stream
   * before any byte. Fails after {@code limit} bytes without a line end ({@link LineTooLong}); a read that times
   * out after some bytes of the line throws a {@link PartialLine} that holds them.
   */
  static String readLine(InputStream in, int limit) throws IOException, ProbeFailure {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while (true) {
      try {
        b = in.read();
      } catch (SocketTimeoutException ex) {
        if (line.size() == 0) {
          throw ex;
        }
        throw new PartialLine(line.toString(StandardCharsets.ISO_8859_1), ex);
      }
      if (b == -1) {
        break;
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
      if (line.size() > limit) {
        throw new LineTooLong(line.toByteArray(), limit);
      }
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  /** A line longer than the limit without a line end; keeps its start, to tell a long header from another protocol. */
  static final class LineTooLong extends ProbeFailure {
    private static final long serialVersionUID = 1L;
    private final String start;
    private final String shown;

    LineTooLong(byte[] line, int limit) {
      super("wrong protocol: answered [" + snippet(line) + "] without a line end");
      this.start = new String(line, 0, Math.min(line.length, 16), StandardCharsets.ISO_8859_1);
      this.shown = snippet(line);
    }

    /** The start of the line, as {@link #snippet(String)} shows it. */
    String shown() {
      return shown;
    }

    /** Whether the line starts as an HTTP status line does. */
    boolean looksLikeHttp() {
      return start.startsWith("HTTP/");
    }
  }

  /** A read that timed out in the middle of a line: what of the line had arrived. */
  static final class PartialLine extends SocketTimeoutException {
    private static final long serialVersionUID = 1L;
    private final String arrived;

    PartialLine(String arrived, SocketTimeoutException cause) {
      super(cause.getMessage());
      initCause(cause);
      this.arrived = arrived;
    }

    /** The bytes of the line that arrived, as ISO-8859-1 text. */
    String arrived() {
      return arrived;
    }
  }

  /**
   * Reads HTTP response headers up to the empty line, names lower-cased (the first of a repeated one kept);
   * {@code what} names them when they exceed {@code limit} bytes.
   */
  static Map<String, String> readHeaders(InputStream in, int limit, String what) throws IOException, ProbeFailure {
    Map<String, String> headers = new LinkedHashMap<>();
    int total = 0;
    String line;
    while (true) {
      try {
        line = readLine(in, limit);
      } catch (LineTooLong ex) {
        throw new ProbeFailure("header too large: " + what + " exceed " + limit + " bytes (a header line of more"
            + " than " + limit + " bytes without a line end)", ex);
      }
      if (line == null || line.isEmpty()) {
        break;
      }
      total += line.length();
      if (total > limit) {
        throw new ProbeFailure("header too large: " + what + " exceed " + limit + " bytes");
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
      }
    }
    return headers;
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

  /**
   * The first printable characters of {@code text} (up to the first line end, at most 60), redacted before it is
   * cut (a secret across the cut cannot leak its start).
   */
  static String snippet(String raw) {
    String text = Redactor.redact(raw);
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
