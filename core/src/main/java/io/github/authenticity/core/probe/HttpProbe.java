package io.github.authenticity.core.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import javax.net.ssl.HttpsURLConnection;

import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.json.Json;

/**
 * {@code http} and {@code https}: one request; UP on the expected status (default any 2xx or 3xx,
 * redirects are not followed) and, when configured, a body matching {@code expectBody} or a JSON value
 * at {@code jsonPointer} equal to {@code expectValue}.
 */
final class HttpProbe extends BuiltinProbe {

  private static final int BODY_LIMIT = 1 << 20;
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
    return method(service) + " " + Redaction.url(service.setting("url").orElse("(no url)"));
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
      throw new ProbeFailure("setting [url] must be an https:// URL for probe [https], got [" + Redaction.url(url) + "]");
    }
    Optional<Integer> expectStatus = expectStatus(service);
    Optional<Pattern> expectBody = expectBody(service);
    Optional<String> jsonPointer = service.setting("jsonPointer");
    Optional<String> expectValue = service.setting("expectValue");

    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    try {
      try {
        connection.setRequestMethod(method(service));
      } catch (java.net.ProtocolException ex) {
        throw new ProbeFailure("method [" + method(service) + "] is not supported by the http probe; use GET, HEAD, "
            + "POST, PUT, DELETE, OPTIONS or TRACE", ex);
      }
      connection.setInstanceFollowRedirects(false);
      connection.setUseCaches(false);
      connection.setConnectTimeout(deadline.remainingMillis());
      connection.setReadTimeout(deadline.remainingMillis());
      headers(service).forEach(connection::setRequestProperty);
      if (connection instanceof HttpsURLConnection https && service.setting("trustStore").isPresent()) {
        https.setSSLSocketFactory(Tls.context(service).getSocketFactory());
      }
      try {
        connection.connect();
      } catch (IOException ex) {
        throw new ProbeFailure(Causes.of(ex, uri.getHost(), deadline.timeoutMillis(),
            "accepted the connection but did not complete the TLS handshake (is it a TLS port?)"), ex);
      }
      int status;
      try {
        connection.setReadTimeout(deadline.remainingMillis());
        status = connection.getResponseCode();
      } catch (IOException ex) {
        String message = String.valueOf(ex.getMessage());
        if (!(ex instanceof SocketTimeoutException) && message.toLowerCase(Locale.ROOT).contains("invalid http response")) {
          throw new ProbeFailure("wrong protocol: the answer is not an HTTP response", ex);
        }
        if (message.toLowerCase(Locale.ROOT).contains("unexpected end of file")) {
          throw new ProbeFailure("the server closed the connection without an HTTP response"
              + (scheme.equals("http") ? " (is it a TLS port? then use https://)" : ""), ex);
        }
        throw new ProbeFailure(Causes.of(ex, uri.getHost(), deadline.timeoutMillis(),
            "accepted the connection but sent no HTTP response"), ex);
      }
      if (status < 0) {
        return Outcome.down("wrong protocol: the answer is not an HTTP response");
      }
      String answered = "answered " + status + " " + reason(status, connection.getResponseMessage());
      if (expectStatus.isPresent() ? status != expectStatus.get() : status < 200 || status >= 400) {
        return Outcome.down(answered + expectStatus.map(expected -> ", expected status " + expected).orElse(""));
      }
      if (expectBody.isEmpty() && jsonPointer.isEmpty()) {
        return Outcome.up(answered);
      }
      String body = body(connection, status, deadline, answered);
      if (expectBody.isPresent() && !expectBody.get().matcher(body).find()) {
        return Outcome.down(answered + ", but the body does not match expectBody [" + expectBody.get().pattern()
            + "] (body starts [" + Wire.snippet(body) + "])");
      }
      if (jsonPointer.isPresent()) {
        return checkJson(answered, body, jsonPointer.get(), expectValue);
      }
      return Outcome.up(answered);
    } finally {
      connection.disconnect();
    }
  }

  private static Outcome checkJson(String answered, String body, String pointer, Optional<String> expectValue) {
    Object document;
    try {
      document = Json.parse(body);
    } catch (RuntimeException ex) {
      return Outcome.down(answered + ", but the body is not JSON (" + Causes.oneLine(String.valueOf(ex.getMessage()))
          + "; body starts [" + Wire.snippet(body) + "])");
    }
    Optional<Object> value;
    try {
      value = JsonPointer.resolve(document, pointer);
    } catch (IllegalArgumentException ex) {
      return Outcome.down(ex.getMessage());
    }
    if (value.isEmpty()) {
      return Outcome.down(answered + ", but the JSON has nothing at jsonPointer [" + pointer + "]");
    }
    if (expectValue.isPresent() && !JsonPointer.matches(value.get(), expectValue.get())) {
      return Outcome.down(answered + ", but JSON " + pointer + " is [" + Wire.snippet(JsonPointer.text(value.get()))
          + "], expected [" + expectValue.get() + "]");
    }
    return Outcome.up(answered);
  }

  private static String body(HttpURLConnection connection, int status, Deadline deadline, String answered)
      throws IOException, ProbeFailure {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      connection.setReadTimeout(deadline.remainingMillis());
      InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      if (stream != null) {
        try (InputStream in = stream) {
          byte[] buffer = new byte[8192];
          int n;
          while (bytes.size() < BODY_LIMIT && (n = in.read(buffer)) != -1) {
            bytes.write(buffer, 0, n);
          }
        }
      }
    } catch (SocketTimeoutException ex) {
      throw new ProbeFailure(Causes.timedOut(deadline.timeoutMillis(), answered + " but the body did not arrive in time"),
          ex);
    }
    return bytes.toString(charset(connection.getContentType()));
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
