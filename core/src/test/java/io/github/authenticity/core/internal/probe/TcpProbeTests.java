package io.github.authenticity.core.internal.probe;

import static io.github.authenticity.core.internal.probe.ProbeFixtures.closedPort;
import static io.github.authenticity.core.internal.probe.ProbeFixtures.probe;
import static io.github.authenticity.core.internal.probe.ProbeFixtures.service;
import io.github.authenticity.core.probe.ProbeResult;
import io.github.authenticity.core.probe.ProbeStatus;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TcpProbeTests {

  @Test
  void aListeningPortIsUp() throws Exception {
    try (ProbeFixtures.Silent silent = new ProbeFixtures.Silent()) {
      ProbeResult result = probe(service("broker", "tcp", "host", "127.0.0.1", "port", silent.port()));

      assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.UP);
      assertThat(result.detail()).isEqualTo("connected");
      assertThat(result.endpoint()).isEqualTo("tcp 127.0.0.1:" + silent.port());
    }
  }

  @Test
  void aClosedPortIsRefused() throws Exception {
    int port = closedPort();

    ProbeResult result = probe(service("broker", "tcp", "host", "127.0.0.1", "port", String.valueOf(port)));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    assertThat(result.detail()).isEqualTo("connection refused");
  }

  @Test
  void anUnknownHostIsADnsFailure() {
    ProbeResult result = probe(service("broker", "tcp", "host", "no-such-host.invalid", "port", 9092));

    assertThat(result.detail()).isEqualTo("DNS failure: unknown host [no-such-host.invalid]");
    assertThat(result.endpoint()).isEqualTo("tcp no-such-host.invalid:9092");
  }

  @Test
  void aMissingPortIsNamed() {
    ProbeResult result = probe(service("broker", "tcp", "host", "127.0.0.1"));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    assertThat(result.detail()).isEqualTo("setting [port] must be a TCP port (1-65535) for probe [tcp], got []");
  }
}
