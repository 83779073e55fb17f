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
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.redact.Redactor;

/**
 * {@code http} and {@code https}: one HTTP/1.1 request over a socket of the probe's own (its own TLS context,
 * everything within the probe's deadline, the answer bounded); UP on the expected status (default any 2xx: a
 * redirect is DOWN unless {@code expectStatus} names it, and it is not followed) and, when configured, a body
 * matching {@code expectBody} or a JSON value at {@code jsonPointer} equal to {@code expectValue}.
 */
final class HttpProbe extends BuiltinProbe {

  private static final int BODY_LIMIT = 1 << 20;
  private static final int HEAD_LIMIT = 64 * 1024;
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE");
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

  private final String type;

  HttpProbe(String type) {
    this.type = type;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public Set<String> settingKeys() {
    return Set.of("url", "method", "headers", "expectStatus", "expectBody", "jsonPointer", "expectValue",
        "trustStore", "trustStorePassword", "trustStoreType");
  }

  @Override
  String endpoint(ServiceDefinition service) {
    return method(service) + " " + ProbeRedaction.url(service.setting("url").orElse("(no url)"));
  }

  private static String method(ServiceDefinition service) {
    return service.setting("method").filter(m -> !m.isBlank()).map(m -> m.trim().toUpperCase(Locale.ROOT))
        .orElse("GET");
  }

  @Override
  Outcome check(ServiceDefinition service, Deadline deadline) throws Exception {
    URI uri = url(service, "an", "http", "https");
    String url = uri.toString();
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (type.equals("https") && !scheme.equals("https")) {
      throw new ProbeFailure("setting [url] must be an https:// URL for probe [https], got [" + ProbeRedaction.url(url) + "]");
    }
    String method = method(service);
    if (!METHODS.contains(method)) {
      throw new ProbeFailure("method [" + method + "] is not supported by the http probe; use GET, HEAD, "
          + "POST, PUT, DELETE, OPTIONS or TRACE");
    }
    Optional<Integer> expectStatus = expectStatus(service);
    Optional<Pattern> expectBody = expectBody(service);
    Optional<String> jsonPointer = service.setting("jsonPointer");
    Optional<String> expectValue = service.setting("expectValue");
    boolean tls = scheme.equals("https");
    String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
        : uri.getHost();
    int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;

    Optional<InetSocketAddress> proxy = httpProxy(uri);
    try (Socket socket = proxy.isEmpty() ? Wire.connect(host, port, tls, service, deadline)
        : throughProxy(proxy.get(), host, port, tls, service, deadline)) {
      OutputStream out = socket.getOutputStream();
      // through a plain HTTP proxy the request names the whole URL (absolute form); a tunnel carries it as is
      boolean absolute = proxy.isPresent() && !tls;
      out.write(request(uri, method, host, port, tls, headers(service), absolute)
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = Wire.in(socket, deadline);
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
      int status = Integer.parseInt(statusLine.substring(9, 12));
      String answered = "answered " + status + " " + reason(status, statusLine.length() > 13
          ? statusLine.substring(13) : null);
      if (expectStatus.isPresent() && status != expectStatus.get()) {
        return Outcome.down(answered + ", expected status " + expectStatus.get());
      }
      if (expectStatus.isEmpty() && status >= 300 && status < 400) {
        String location = responseHeaders.get("location");
        return Outcome.down(answered + ": " + (location == null ? "redirected without a Location header"
            : "redirected to " + Redactor.redactLine(location, 300)) + " (set expectStatus: " + status
            + " if a redirect is the healthy answer)");
      }
      if (expectStatus.isEmpty() && (status < 200 || status >= 300)) {
        return Outcome.down(answered);
      }
      if (expectBody.isEmpty() && jsonPointer.isEmpty()) {
        return Outcome.up(answered);
      }
      String body;
      try {
        body = body(in, method, status, responseHeaders, answered);
      } catch (SocketTimeoutException ex) {
        throw new ProbeFailure(Causes.timedOut(deadline.timeoutMillis(),
            answered + " but the body did not arrive in time"), ex);
      }
      if (expectBody.isPresent() && !expectBody.get().matcher(body).find()) {
        return Outcome.down(answered + ", but the body does not match expectBody [" + expectBody.get().pattern()
            + "] (body starts [" + Wire.snippet(body) + "])");
      }
      if (jsonPointer.isPresent()) {
        return checkJson(answered, body, jsonPointer.get(), expectValue);
      }
      return Outcome.up(answered);
    }
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
  private static Socket throughProxy(InetSocketAddress proxy, String host, int port, boolean tls,
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

  private static String request(URI uri, String method, String host, int port, boolean tls,
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
  private static String body(InputStream in, String method, int status, Map<String, String> headers, String answered)
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

  private static Outcome checkJson(String answered, String body, String pointer, Optional<String> expectValue) {
    if (!pointer.isEmpty() && !pointer.startsWith("/")) {
      return Outcome.down("jsonPointer [" + pointer + "] must be empty or start with '/' (RFC 6901)");
    }
    Optional<JsonValue> value;
    try {
      value = JsonValue.at(body, pointer);
    } catch (IOException ex) {
      String message = ex instanceof com.fasterxml.jackson.core.JsonProcessingException json
          ? json.getOriginalMessage() : ex.getMessage();
      return Outcome.down(answered + ", but the body is not JSON (" + Causes.oneLine(String.valueOf(message))
          + "; body starts [" + Wire.snippet(body) + "])");
    }
    if (value.isEmpty()) {
      return Outcome.down(answered + ", but the JSON has nothing at jsonPointer [" + pointer + "]");
    }
    if (expectValue.isPresent() && !value.get().matches(expectValue.get())) {
      return Outcome.down(answered + ", but JSON " + pointer + " is [" + Wire.snippet(value.get().text())
          + "], expected [" + expectValue.get() + "]");
    }
    return Outcome.up(answered);
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

  private static Optional<Integer> expectStatus(ServiceDefinition service) throws ProbeFailure {
    Optional<String> text = service.setting("expectStatus").map(String::trim).filter(s -> !s.isEmpty());
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(text.get()));
    } catch (NumberFormatException ex) {
      throw new ProbeFailure("setting [expectStatus] must be an HTTP status code such as 200, got [" + text.get() + "]");
    }
  }

  private static Optional<Pattern> expectBody(ServiceDefinition service) throws ProbeFailure {
    Optional<String> regex = service.setting("expectBody");
    try {
      return regex.map(Pattern::compile);
    } catch (PatternSyntaxException ex) {
      throw new ProbeFailure("setting [expectBody] is not a regular expression: [" + regex.get() + "] ("
          + ex.getDescription() + ")");
    }
  }
}
