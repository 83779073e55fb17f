package io.github.authenticity.core.internal.model;

import org.apiguardian.api.API;

/**
 * The preflight outcome of one service, as the report shows it.
 *
 * @param name          the service name from the configuration
 * @param probe         the probe type, e.g. {@code http}
 * @param endpoint      what was probed, secrets redacted
 * @param status        {@code UP}, {@code DEGRADED} or {@code DOWN}
 * @param latencyMillis how long the probe took
 * @param detail        the one-line cause, e.g. {@code connection refused}
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record ServiceStatus(String name, String probe, String endpoint, String status, long latencyMillis,
    String detail) {
}
