package io.github.authenticity.core.probe;

import java.time.Instant;

import org.apiguardian.api.API;

/**
 * What probing one service found.
 *
 * @param service       the service name
 * @param probe         the probe type
 * @param endpoint      what was probed, secrets redacted, e.g. {@code GET https://api.example.com/health}
 * @param status        {@code UP}, {@code DEGRADED} or {@code DOWN}
 * @param latencyMillis how long the probe took
 * @param detail        one line: the cause when {@code DOWN} (e.g.
 *                      {@code answered 503 Service Unavailable}, {@code connection refused},
 *                      {@code timed out after 2000 ms}), what answered otherwise; secrets redacted
 * @param probedAt      when the probe started
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ProbeResult(String service, String probe, String endpoint, ProbeStatus status, long latencyMillis,
    String detail, Instant probedAt) {

  /** A real server of the expected kind answered; {@code detail} says what answered (e.g. {@code 200 OK}). */
  public static ProbeResult up(String service, String probe, String endpoint, long latencyMillis, String detail,
      Instant probedAt) {
    return new ProbeResult(service, probe, endpoint, ProbeStatus.UP, latencyMillis, detail, probedAt);
  }

  /** The service is not usable; {@code cause} is one line such as {@code connection refused}. */
  public static ProbeResult down(String service, String probe, String endpoint, long latencyMillis, String cause,
      Instant probedAt) {
    return new ProbeResult(service, probe, endpoint, ProbeStatus.DOWN, latencyMillis, cause, probedAt);
  }

  /** A copy with another status and detail. */
  public ProbeResult withStatus(ProbeStatus newStatus, String newDetail) {
    return new ProbeResult(service, probe, endpoint, newStatus, latencyMillis, newDetail, probedAt);
  }
}
