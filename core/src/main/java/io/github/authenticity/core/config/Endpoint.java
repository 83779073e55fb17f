package io.github.authenticity.core.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apiguardian.api.API;

/**
 * A host and port that a service answers on.
 *
 * @param host a host name or literal address, as configured
 * @param port the TCP port
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Endpoint(String host, int port) {

  private static final Map<String, Integer> DEFAULT_PORTS = Map.of(
      "http", 80, "ws", 80, "https", 443, "wss", 443,
      "postgres", 5432, "postgresql", 5432, "redis", 6379, "rediss", 6379);

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /** The port a URL of {@code scheme} (or a service of that probe type) uses by default; -1 when there is none. */
  public static int defaultPort(String scheme) {
    return scheme == null ? -1 : DEFAULT_PORTS.getOrDefault(scheme.toLowerCase(Locale.ROOT), -1);
  }

  static List<Endpoint> of(ServiceDefinition service) {
    List<Endpoint> result = new ArrayList<>();
    service.setting("url").ifPresent(url -> fromUri(url, service.probe()).ifPresent(result::add));
    service.setting("host").ifPresent(host -> {
      int port = service.setting("port").map(Integer::parseInt)
          .orElse(defaultPort(service.probe()));
      if (port > 0) {
        result.add(new Endpoint(host, port));
      }
    });
    Object extra = service.settings().get("endpoints");
    if (extra instanceof List<?> list) {
      for (Object item : list) {
        String text = String.valueOf(item);
        if (text.contains("://")) {
          fromUri(text, service.probe()).ifPresent(result::add);
        } else {
          int colon = text.lastIndexOf(':');
          if (colon > 0) {
            result.add(new Endpoint(text.substring(0, colon).replace("[", "").replace("]", ""),
                Integer.parseInt(text.substring(colon + 1))));
          }
        }
      }
    }
    return List.copyOf(result);
  }

  private static java.util.Optional<Endpoint> fromUri(String text, String probe) {
    try {
      URI uri = URI.create(text);
      if (uri.getHost() == null) {
        return java.util.Optional.empty();
      }
      int port = uri.getPort();
      if (port < 0) {
        port = defaultPort(uri.getScheme() == null ? probe : uri.getScheme());
      }
      return port < 0 ? java.util.Optional.empty()
          : java.util.Optional.of(new Endpoint(uri.getHost().replace("[", "").replace("]", ""), port));
    } catch (IllegalArgumentException ex) {
      return java.util.Optional.empty();
    }
  }
}
