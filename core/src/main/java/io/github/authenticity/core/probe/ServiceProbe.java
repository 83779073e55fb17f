package io.github.authenticity.core.probe;

import java.util.Set;

import io.github.authenticity.core.config.ServiceDefinition;
import org.apiguardian.api.API;

/**
 * The SPI for custom probes, found with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/io.github.authenticity.core.probe.ServiceProbe} and use its {@link #type()}
 * as {@code probe:} in {@code authenticity.yaml}.
 *
 * <pre>{@code
 * public final class KafkaProbe implements ServiceProbe {
 *   public String type() { return "kafka"; }
 *   public Set<String> settingKeys() { return Set.of("bootstrapServers"); }
 *   public ProbeResult probe(ServiceDefinition service) throws Exception {
 *     Instant start = Instant.now();
 *     String servers = service.setting("bootstrapServers").orElseThrow();
 *     // ... ask a real broker for its metadata within service.timeout() ...
 *     return ProbeResult.up(service.name(), type(), "kafka " + servers, 0, "3 brokers answered", start);
 *   }
 * }
 * }</pre>
 *
 * <pre>
 * services:
 *   events: { probe: kafka, bootstrapServers: "broker:9092", timeout: 3s }
 * </pre>
 *
 * <p>Contract:
 * <ul>
 *   <li>Implementations need a public no-argument constructor and must be thread-safe: services are probed
 *       in parallel, each on its own daemon thread whose context class loader is the test class loader.</li>
 *   <li>Honour {@link ServiceDefinition#timeout()}. The runner also enforces it as a hard limit: a probe
 *       still running shortly after it is reported {@code DOWN} ({@code timed out after 2000 ms}), its
 *       thread is interrupted and abandoned.</li>
 *   <li>Return {@link ProbeResult#up} only when a real server of the expected kind answered, and
 *       {@link ProbeResult#down} with a one-line cause otherwise. Or throw: the runner turns any exception
 *       into {@code DOWN} with a one-line cause ({@code connection refused}, {@code DNS failure: unknown
 *       host [x]}, {@code TLS failure: ...}, or the exception's type and message).</li>
 *   <li>The runner measures the latency and fills in the service name, the probe type and the start time;
 *       an {@code UP} slower than {@code maxLatency} becomes {@code DEGRADED}. It redacts the endpoint and
 *       the detail (the service's secret settings and headers, URL user-info, credentials), but a probe
 *       should not put secrets there in the first place.</li>
 *   <li>A custom type that equals a built-in one ({@code http}, {@code https}, {@code tcp},
 *       {@code websocket}, {@code postgres}, {@code redis}) or another custom probe's is an error, never a
 *       silent override.</li>
 * </ul>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ServiceProbe {

  /** The probe type named by {@code probe:} in the configuration, e.g. {@code kafka}. */
  String type();

  /**
   * The service keys this probe understands, besides the common ones ({@code probe}, {@code timeout},
   * {@code maxLatency}, {@code endpoints}); any other key is a configuration error that lists these.
   */
  default Set<String> settingKeys() {
    return Set.of();
  }

  /**
   * Probes {@code service} once.
   *
   * @return {@link ProbeResult#up}, or {@link ProbeResult#down} with a one-line cause; the runner turns
   *         an {@code UP} slower than {@code maxLatency} into {@code DEGRADED}
   * @throws Exception any failure; the runner turns it into {@code DOWN} with a one-line cause
   */
  ProbeResult probe(ServiceDefinition service) throws Exception;
}
