package io.github.authenticity.core.internal.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.authenticity.core.config.ServiceDefinition;

/**
 * The HTTP/1.1 exchange of the {@link HttpProbe}: the request, the route through an HTTP proxy (a {@code CONNECT}
 * tunnel for TLS), the answer's status line and headers, and its body, each bounded and within the probe's
 * deadline. What the answer means for the service is the probe's to say.
 */
final class HttpExchange {

  private static final int BODY_LIMIT = 1 << 20;
  private static final int HEAD_LIMIT = 64 * 1024;
  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/\\d\\.\\d [0-9]{3}( |$)");
  private static final Pattern CHARSET = Pattern.compile("(?i)charset=\"?([^\";\\s]+)");
  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(202, "Accepted"), Map.entry(204, "No Content"),
      Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"), Map.entry(303, "See Other"),
      Map.entry(304, "Not Modified"), Map.entry(307, "Temporary Redirect"), Map.entry(308, "Permanent Redirect"),
      Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
      Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"),
      Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"),
      Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

  private HttpExchange() {
  }

  /** A response's status line (after any {@code 1xx} interim answers) and its headers, names lower-cased. */
  record Head(String statusLine, Map<String, String> headers) {
  }

  /**
   * Reads the status line and the headers of the answer on {@code in}, skipping interim {@code 1xx} answers
   * ({@code 101} excepted); what is not an HTTP answer, or comes too late, is a {@link ProbeFailure} that says so.
   */
  static Head readHead(InputStream in, boolean tls, Deadline deadline) throws IOException, ProbeFailure {
    String statusLine;
    Map<String, String> responseHeaders;
    try {
      do {
        statusLine = Wire.readLine(in, HEAD_LIMIT);
        if (statusLine == null) {
          throw new ProbeFailure("the server closed the connection without an HTTP response"
              + (tls ? "" : " (is it a TLS port? then use https://)"));
        }
        if (!STATUS_LINE.matcher(statusLine).lookingAt()) {
          if (!tls && isTlsRecord(statusLine)) {
            // a TLS server answers plain text with an alert (JDK 25) or closes (JDK 17): both mean the same
            throw new ProbeFailure("wrong protocol: the server answered with TLS, not HTTP (is it a TLS port? then"
                + " use https://)");
          }
          throw new ProbeFailure("wrong protocol: the answer is not an HTTP response");
        }
        try {
          responseHeaders = Wire.readHeaders(in, HEAD_LIMIT, "the HTTP response headers");
        } catch (SocketTimeoutException ex) {
          throw new ProbeFailure(Causes.timedOut(deadline.timeoutMillis(), "answered ["
              + Wire.snippet(statusLine) + "] but the headers did not arrive in time"), ex);
        }
      } while (statusLine.charAt(9) == '1' && !statusLine.startsWith("101", 9)); // 100 Continue and the like
    } catch (Wire.PartialLine ex) {
      // some of the status line came, the rest not: a server that trickles is not one that sent nothing
      throw new ProbeFailure(Causes.timedOut(deadline.timeoutMillis(), "answered [" + Wire.snippet(ex.arrived())
          + "] but the rest of the status line did not arrive in time"), ex);
    } catch (SocketTimeoutException ex) {
      throw new ProbeFailure(Causes.timedOut(deadline.timeoutMillis(),
          "accepted the connection but sent no HTTP response"), ex);
    } catch (Wire.LineTooLong ex) {
      if (ex.looksLikeHttp()) {
        throw new ProbeFailure("header too large: the status line [" + ex.shown() + "] exceeds " + HEAD_LIMIT
            + " bytes without a line end", ex);
      }
      throw new ProbeFailure("wrong protocol: the answer is not an HTTP response", ex);
    }
    return new Head(statusLine, responseHeaders);
  }

  /** Whether {@code line} starts like a TLS record: a handshake (22) or an alert (21), version 3.x. */
  private static boolean isTlsRecord(String line) {
    return line.length() >= 2 && (line.charAt(0) == 0x15 || line.charAt(0) == 0x16) && line.charAt(1) == 0x03;
  }

  /**
   * The HTTP proxy the JVM's {@link ProxySelector} chooses for {@code uri} ({@code http.proxyHost},
   * {@code https.proxyHost}, {@code http.nonProxyHosts}, or a selector the build installed), as
   * {@code HttpURLConnection} would use it; empty for a direct connection. A SOCKS proxy needs nothing here:
   * the socket itself goes through it.
   */
  static Optional<InetSocketAddress> httpProxy(URI uri) {
    ProxySelector selector = ProxySelector.getDefault();
    if (selector == null) {
      return Optional.empty();
    }
    List<Proxy> proxies;
    try {
      proxies = selector.select(uri);
    } catch (RuntimeException ex) {
      return Optional.empty();
    }
    for (Proxy proxy : proxies == null ? List.<Proxy>of() : proxies) {
      if (proxy.type() == Proxy.Type.HTTP && proxy.address() instanceof InetSocketAddress address) {
        return Optional.of(address);
      }
      if (proxy.type() == Proxy.Type.DIRECT || proxy.type() == Proxy.Type.SOCKS) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * A connection to {@code host:port} through the HTTP {@code proxy}: plain for {@code http} (the request then
   * names the whole URL), a {@code CONNECT} tunnel with a verified TLS session over it for {@code https}; all
   * within the probe's deadline.
   */
  static Socket throughProxy(InetSocketAddress proxy, String host, int port, boolean tls,
      ServiceDefinition service, Deadline deadline) throws IOException, ProbeFailure {
    String via = proxy.getHostString() + ":" + proxy.getPort();
    Socket socket;
    try {
      socket = Wire.connect(proxy.getHostString(), proxy.getPort(), deadline);
    } catch (java.net.ConnectException ex) {
      throw new ProbeFailure("connection refused by the HTTP proxy [" + via + "] (http.proxyHost / https.proxyHost)",
          ex);
    }
    if (!tls) {
      return socket;
    }
    try {
      String authority = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
      OutputStream out = socket.getOutputStream();
      out.write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\nUser-Agent: authenticity-probe"
          + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String status = Wire.readLine(in, HEAD_LIMIT);
      if (status == null || !STATUS_LINE.matcher(status).lookingAt()) {
        throw new ProbeFailure("the HTTP proxy [" + via + "] did not answer the CONNECT for [" + authority + "]");
      }
      Wire.readHeaders(in, HEAD_LIMIT, "the HTTP proxy's answer");
      if (!status.startsWith("200", 9)) {
        throw new ProbeFailure("the HTTP proxy [" + via + "] refused to tunnel to [" + authority + "]: answered "
            + Wire.snippet(status.substring(9)) + (status.startsWith("407", 9)
            ? " (it wants credentials, which the probe does not send)" : ""));
      }
      return Wire.startTls(socket, host, port, Tls.context(service), true, deadline);
    } catch (SocketTimeoutException ex) {
      socket.close();
      throw new ProbeFailure(Causes.timedOut(deadline.timeoutMillis(), "the HTTP proxy [" + via
          + "] did not open the tunnel"), ex);
    } catch (IOException | ProbeFailure | RuntimeException ex) {
      socket.close();
      throw ex;
    }
  }

  static String request(URI uri, String method, String host, int port, boolean tls,
      Map<String, String> headers, boolean absolute) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    if (absolute) {
      String authority = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
      path = "http://" + authority + (port == 80 ? "" : ":" + port) + path;
    }
    Map<String, String> all = new LinkedHashMap<>();
    String hostHeader = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    all.put("Host", port == (tls ? 443 : 80) ? hostHeader : hostHeader + ":" + port);
    all.put("User-Agent", "authenticity-probe");
    all.put("Accept", "*/*");
    all.put("Connection", "close");
    if (method.equals("POST") || method.equals("PUT")) {
      all.put("Content-Length", "0");
    }
    headers.forEach((name, value) -> {
      all.keySet().removeIf(known -> known.equalsIgnoreCase(name));
      all.put(name, value);
    });
    StringBuilder request = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    all.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    return request.append("\r\n").toString();
  }

  /** The body as text, at most {@value #BODY_LIMIT} bytes: longer is {@code DOWN}, not cut. */
  static String body(InputStream in, String method, int status, Map<String, String> headers, String answered)
      throws IOException, ProbeFailure {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    if (!method.equals("HEAD") && status != 204 && status != 304) {
      String tooLarge = answered + ", but the body is larger than " + BODY_LIMIT + " bytes (the most the probe reads)";
      String encoding = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
      String length = headers.get("content-length");
      if (encoding.contains("chunked")) {
        while (true) {
          String size = Wire.readLine(in, 1024);
          if (size == null) {
            throw new java.io.EOFException("the body ended in the middle of a chunk");
          }
          long chunk;
          try {
            chunk = Long.parseLong(size.split(";", 2)[0].trim(), 16);
          } catch (NumberFormatException ex) {
            throw new ProbeFailure(answered + ", but the chunked body is malformed (chunk size [" + Wire.snippet(size)
                + "])");
          }
          if (chunk == 0) {
            break;
          }
          if (chunk < 0 || bytes.size() + chunk > BODY_LIMIT) {
            throw new ProbeFailure(tooLarge);
          }
          bytes.write(Wire.readFully(in, (int) chunk));
          Wire.readLine(in, 2);
        }
      } else if (length != null) {
        long declared;
        try {
          declared = Long.parseLong(length.trim());
        } catch (NumberFormatException ex) {
          throw new ProbeFailure(answered + ", but Content-Length is not a number: [" + Wire.snippet(length) + "]");
        }
        if (declared > BODY_LIMIT) {
          throw new ProbeFailure(tooLarge);
        }
        bytes.write(Wire.readFully(in, (int) Math.max(0, declared)));
      } else {
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
          bytes.write(buffer, 0, n);
          if (bytes.size() > BODY_LIMIT) {
            throw new ProbeFailure(tooLarge);
          }
        }
      }
    }
    return bytes.toString(charset(headers.get("content-type")));
  }

  private static Charset charset(String contentType) {
    if (contentType != null) {
      Matcher matcher = CHARSET.matcher(contentType);
      if (matcher.find()) {
        try {
          return Charset.forName(matcher.group(1));
        } catch (RuntimeException ex) {
          return StandardCharsets.UTF_8;
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  static String reason(int status, String serverReason) {
    if (serverReason != null && !serverReason.isBlank()) {
      return Causes.oneLine(serverReason);
    }
    return REASONS.getOrDefault(status, "").isEmpty() ? "(no reason phrase)" : REASONS.get(status);
  }
}
