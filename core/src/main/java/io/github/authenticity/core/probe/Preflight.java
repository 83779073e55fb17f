package io.github.authenticity.core.probe;

import java.util.Collection;
import java.util.Map;

import io.github.authenticity.core.config.ServiceDefinition;
import org.apiguardian.api.API;

/**
 * Probes services once each, all in parallel, each under its hard timeout, with the built-in probes
 * and those found with {@link java.util.ServiceLoader} on {@code classLoader}.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Preflight {

  private final ClassLoader classLoader;

  public Preflight(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  /**
   * Probes every service in parallel; returns when all have answered or timed out, so the whole
   * preflight takes about the slowest single probe. Never throws for a service's failure: that is
   * a {@code DOWN} result.
   *
   * @return one result per service, by service name, in the order given
   */
  public Map<String, ProbeResult> probeAll(Collection<ServiceDefinition> services) {
    throw new UnsupportedOperationException("implemented by the probes work");
  }

  /** The probe types known on {@code classLoader}: the built-ins and every {@link ServiceProbe} found. */
  public Map<String, ServiceProbe> probes() {
    throw new UnsupportedOperationException("implemented by the probes work");
  }
}
