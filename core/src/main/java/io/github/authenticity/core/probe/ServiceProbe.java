package io.github.authenticity.core.probe;

import java.util.Set;

import io.github.authenticity.core.config.ServiceDefinition;
import org.apiguardian.api.API;

/**
 * The SPI for custom probes, found with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/io.github.authenticity.core.probe.ServiceProbe} and use its {@link #type()}
 * as {@code probe:} in {@code authenticity.yaml}.
 *
 * <p>Implementations must be thread-safe (services are probed in parallel) and should honour
 * {@link ServiceDefinition#timeout()}; the runner also enforces it as a hard limit and reports a probe
 * that overruns it as {@code DOWN} ("timed out").
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
