package io.github.authenticity.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apiguardian.api.API;

/**
 * One service of the active environment, as configured under {@code environments.<env>.services.<name>},
 * with every {@code ${...}} already resolved and every override applied.
 *
 * @param name       the service name used in {@code @RequiresRealService}
 * @param probe      the probe type ({@code http}, {@code https}, {@code tcp}, {@code websocket},
 *                   {@code postgres}, {@code redis} or a custom {@code ServiceProbe#type()})
 * @param settings   every configured key of the service except {@code probe}, with resolved values:
 *                   strings, numbers, booleans, nested maps (e.g. {@code headers}) and lists
 * @param timeout    the hard timeout of the probe (default 2 s)
 * @param maxLatency above this the service is {@code DEGRADED}; {@code null} when not configured
 * @param source     where this service was defined, for messages (e.g. {@code authenticity.yaml:7})
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ServiceDefinition(String name, String probe, Map<String, Object> settings, Duration timeout,
    Duration maxLatency, String source) {

  /** The default hard timeout of every probe. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  public ServiceDefinition {
    settings = Map.copyOf(settings);
  }

  /** The string value of setting {@code key}, if configured. */
  public Optional<String> setting(String key) {
    Object value = settings.get(key);
    return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
  }

  /** The map value of setting {@code key} (e.g. {@code headers}); empty when not configured. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> mapSetting(String key) {
    Object value = settings.get(key);
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  /**
   * The service that tests reach this one through ({@code via: backend}, e.g. the backend's database): it is
   * probed as usual, and a test that requires it is proven by its carrier's exchange.
   */
  public Optional<String> via() {
    return setting("via").map(String::strip).filter(value -> !value.isEmpty());
  }

  /**
   * The network endpoints ({@code host:port}) a test must exchange bytes with to count as having
   * used this service: from {@code url}, or {@code host} and {@code port}, plus any listed under
   * {@code endpoints}. Ports default from the URL scheme or the probe type.
   */
  public List<Endpoint> endpoints() {
    return Endpoint.of(this);
  }
}
