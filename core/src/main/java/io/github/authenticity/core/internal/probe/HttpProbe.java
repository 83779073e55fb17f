package io.github.authenticity.core.internal.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.redact.Redactor;

/**
 * {@code http} and {@code https}: one HTTP/1.1 request over a socket of the probe's own (its own TLS context,
 * everything within the probe's deadline, the answer bounded); UP on the expected status (default any 2xx: a
 * redirect is DOWN unless {@code expectStatus} names it, and it is not followed) and, when configured, a body
 * matching {@code expectBody} or a JSON value at {@code jsonPointer} equal to {@code expectValue}. The exchange
 * itself (request, proxy, status line, headers, body) is {@link HttpExchange}'s; this class reads the settings
 * and says what the answer means.
 */
final class HttpProbe extends BuiltinProbe {

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
    // method and expectStatus were checked when the configuration was read (ServiceSchema: the methods it names,
    // a status from 100 to 599), the one place that says which values a service setting takes
    String method = method(service);
    Optional<Integer> expectStatus = expectStatus(service);
    Optional<Pattern> expectBody = patternSetting(service, "expectBody");
    Optional<String> jsonPointer = service.setting("jsonPointer");
    Optional<String> expectValue = service.setting("expectValue");
    boolean tls = scheme.equals("https");
    String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
        : uri.getHost();
    int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;

    Optional<InetSocketAddress> proxy = HttpExchange.httpProxy(uri);
    try (Socket socket = proxy.isEmpty() ? Wire.connect(host, port, tls, service, deadline)
        : HttpExchange.throughProxy(proxy.get(), host, port, tls, service, deadline)) {
      OutputStream out = socket.getOutputStream();
      // through a plain HTTP proxy the request names the whole URL (absolute form); a tunnel carries it as is
      boolean absolute = proxy.isPresent() && !tls;
      out.write(HttpExchange.request(uri, method, host, port, tls, headers(service), absolute)
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = Wire.in(socket, deadline);
      HttpExchange.Head head = HttpExchange.readHead(in, tls, deadline);
      String statusLine = head.statusLine();
      Map<String, String> responseHeaders = head.headers();
      int status = Integer.parseInt(statusLine.substring(9, 12));
      String answered = "answered " + status + " " + HttpExchange.reason(status, statusLine.length() > 13
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
        body = HttpExchange.body(in, method, status, responseHeaders, answered);
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

  private static Optional<Integer> expectStatus(ServiceDefinition service) {
    return service.setting("expectStatus").map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf);
  }
}
