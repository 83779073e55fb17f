package io.github.authenticity.core.internal.probe;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import javax.net.ssl.SSLException;

import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.probe.ProbeResult;
import io.github.authenticity.core.probe.ProbeStatus;
import io.github.authenticity.core.probe.ServiceProbe;

/** The frame of every built-in probe: budget, endpoint text, latency, and exceptions turned into causes. */
abstract class BuiltinProbe implements ServiceProbe {

  /** What a built-in check found: {@code UP} or {@code DOWN} and the one-line detail. */
  record Outcome(ProbeStatus status, String detail) {

    static Outcome up(String detail) {
      return new Outcome(ProbeStatus.UP, detail);
    }

    static Outcome down(String cause) {
      return new Outcome(ProbeStatus.DOWN, cause);
    }
  }

  @Override
  public final ProbeResult probe(ServiceDefinition service) {
    Instant probedAt = Instant.now();
    Duration timeout = service.timeout() == null || service.timeout().isZero() || service.timeout().isNegative()
        ? ServiceDefinition.DEFAULT_TIMEOUT : service.timeout();
    String endpoint = ProbeRedaction.text(endpoint(service), service);
    Outcome outcome;
    Deadline deadline = new Deadline(timeout);
    try (deadline) {
      outcome = check(service, deadline);
    } catch (Exception failure) {
      // past the deadline its guard closes the sockets: whatever I/O error follows is the time-out
      Exception cause = deadline.expired() && failure instanceof IOException
          && !(failure instanceof UnknownHostException) && !(failure instanceof SSLException)
          ? new SocketTimeoutException("the probe's deadline passed") : failure;
      outcome = Outcome.down(Causes.of(cause, host(service), deadline.timeoutMillis(),
          "accepted the connection but sent no answer"));
    }
    return new ProbeResult(service.name(), type(), endpoint, outcome.status(), deadline.elapsedMillis(),
        ProbeRedaction.text(Causes.oneLine(outcome.detail()), service), probedAt);
  }

  /** What is probed, e.g. {@code tcp localhost:5432}; redacted by the caller. */
  abstract String endpoint(ServiceDefinition service);

  /** The host name used in causes such as {@code DNS failure: unknown host [x]}. */
  String host(ServiceDefinition service) {
    return service.setting("host").orElseGet(() -> service.setting("url").map(ProbeRedaction::url).map(url -> {
      try {
        return URI.create(url).getHost();
      } catch (IllegalArgumentException ex) {
        return url;
      }
    }).orElse("?"));
  }

  /** Probes within {@code deadline}; exceptions become {@code DOWN} with a cause from {@link Causes}. */
  abstract Outcome check(ServiceDefinition service, Deadline deadline) throws Exception;

  // ---- settings, shared by the built-ins

  static String required(ServiceDefinition service, String key) throws ProbeFailure {
    Optional<String> value = service.setting(key).filter(text -> !text.isBlank());
    if (value.isEmpty()) {
      throw new ProbeFailure("missing setting [" + key + "] for probe [" + service.probe() + "]");
    }
    return value.get();
  }

  /**
   * The setting [url] parsed, with a host and a scheme of {@code plain} or {@code secure} (lower-cased).
   *
   * @param article {@code "a"} or {@code "an"}, for the message "must be an http:// or https:// URL"
   */
  static java.net.URI url(ServiceDefinition service, String article, String plain, String secure)
      throws ProbeFailure {
    String url = required(service, "url");
    java.net.URI uri;
    try {
      uri = new java.net.URI(url);
    } catch (java.net.URISyntaxException ex) {
      throw new ProbeFailure("setting [url] is not a URL: [" + ProbeRedaction.url(url) + "] (" + ex.getReason() + ")");
    }
    String scheme = String.valueOf(uri.getScheme()).toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals(plain) && !scheme.equals(secure) || uri.getHost() == null) {
      throw new ProbeFailure("setting [url] must be " + article + " " + plain + ":// or " + secure
          + ":// URL with a host, got [" + ProbeRedaction.url(url) + "]");
    }
    return uri;
  }

  static int port(ServiceDefinition service, int defaultPort) throws ProbeFailure {
    return intSetting(service, "port", defaultPort);
  }

  static int intSetting(ServiceDefinition service, String key, int defaultValue) throws ProbeFailure {
    Optional<String> text = service.setting(key).map(String::trim).filter(value -> !value.isEmpty());
    if (text.isEmpty()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(text.get());
    } catch (NumberFormatException ex) {
      throw new ProbeFailure("setting [" + key + "] is not a number: [" + text.get() + "]");
    }
  }

  /** The regular expression in setting {@code key}, if set; one that does not compile fails the probe, saying why. */
  static Optional<Pattern> patternSetting(ServiceDefinition service, String key) throws ProbeFailure {
    Optional<String> regex = service.setting(key);
    try {
      return regex.map(Pattern::compile);
    } catch (PatternSyntaxException ex) {
      throw new ProbeFailure("setting [" + key + "] is not a regular expression: [" + regex.get() + "] ("
          + ex.getDescription() + ")");
    }
  }

  static boolean boolSetting(ServiceDefinition service, String key) {
    return service.setting(key).map(String::trim).map(Boolean::parseBoolean).orElse(false);
  }

  /** The {@code headers} setting as strings. */
  static Map<String, String> headers(ServiceDefinition service) {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    service.mapSetting("headers").forEach((name, value) -> headers.put(name, value == null ? "" : String.valueOf(value)));
    return headers;
  }

  /** {@code host:port}, with brackets around IPv6 literals. */
  static String hostPort(String host, int port) {
    return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }
}
