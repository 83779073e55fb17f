package io.github.authenticity.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.github.authenticity.core.probe.ProbeResult;
import io.github.authenticity.core.probe.ProbeStatus;
import org.junit.jupiter.api.Test;

class HealthTableTests {

  private static final Instant AT = Instant.parse("2026-11-22T05:00:00Z");

  private final ProbeResult postgres = ProbeResult.up("postgres", "postgres", "127.0.0.1:5432", 4,
      "PostgreSQL answered", AT);
  private final ProbeResult backend = new ProbeResult("backend", "http", "GET http://localhost:8080/health",
      ProbeStatus.DEGRADED, 1520, "200 OK, slower than maxLatency 1000 ms", AT);
  private final ProbeResult redis = ProbeResult.down("redis", "redis", "127.0.0.1:1", 0,
      "connection refused\nat 127.0.0.1", AT);

  @Test
  void alignsEveryColumnAndRightAlignsTheLatency() {
    assertThat(HealthTable.lines(List.of(postgres, backend, redis))).containsExactly(
        "SERVICE   ENDPOINT                          STATUS    LATENCY  CAUSE",
        "postgres  127.0.0.1:5432                    UP           4 ms  PostgreSQL answered",
        "backend   GET http://localhost:8080/health  DEGRADED  1520 ms  200 OK, slower than maxLatency 1000 ms",
        "redis     127.0.0.1:1                       DOWN         0 ms  connection refused at 127.0.0.1");
  }

  @Test
  void namesEveryDownServiceInOneLine() {
    assertThat(HealthTable.downSummary("local", List.of(postgres, backend, redis))).isEqualTo(
        "1 of 3 services of environment [local] is DOWN: redis (127.0.0.1:1: connection refused at 127.0.0.1)."
            + " Start it or fix its configuration, then run mvn authenticity:probe again.");
    assertThat(HealthTable.downSummary("local", List.of(redis, redis))).startsWith(
        "2 of 2 services of environment [local] are DOWN: redis (");
  }

  @Test
  void hasNoDownSummaryWhenNoneIsDown() {
    assertThat(HealthTable.downSummary("local", List.of(postgres, backend))).isNull();
  }

  @Test
  void warnsAboutDegradedServices() {
    assertThat(HealthTable.degradedWarnings(List.of(postgres, backend, redis))).containsExactly(
        "Service [backend] is DEGRADED: 200 OK, slower than maxLatency 1000 ms "
            + "(GET http://localhost:8080/health in 1520 ms). Tests that require it still run.");
  }
}
