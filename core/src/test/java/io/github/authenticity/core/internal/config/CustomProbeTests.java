package io.github.authenticity.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.authenticity.core.internal.redact.Redactor;

/** Probe types and keys of custom probes found with ServiceLoader. */
class CustomProbeTests {

  @TempDir
  Path root;

  private Loading withKafkaProbe(String yaml) {
    return Loading.yaml(root, yaml).parent(CustomProbeTests.class.getClassLoader())
        .file("META-INF/services/io.github.authenticity.core.probe.ServiceProbe", KafkaProbeForTests.class.getName());
  }

  @Test
  void aCustomProbesKeysAreAcceptedAndKeepTheirYamlTypes() {
    AuthenticityConfig config = withKafkaProbe("""
        environments:
          local:
            services:
              events:
                probe: kafka
                bootstrapServers: [ "localhost:9092", "localhost:9093" ]
                topic: "${TOPIC:-orders}"
                acks: 1
                sasl: { mechanism: PLAIN, enabled: true, apiSecret: "custom-secret-5512" }
                timeout: 3s
                endpoints: [ "localhost:9092" ]
        """).load();

    assertThat(config.services().get("events").settings()).containsOnly(
        entry("bootstrapServers", List.of("localhost:9092", "localhost:9093")), entry("topic", "orders"),
        entry("acks", 1), entry("sasl", Map.of("mechanism", "PLAIN", "enabled", true, "apiSecret",
            "custom-secret-5512")), entry("timeout", java.time.Duration.ofSeconds(3)),
        entry("endpoints", List.of("localhost:9092")));
    assertThat(Redactor.redact("custom-secret-5512")).isEqualTo("****");
  }

  @Test
  void anUnknownKeyOfACustomProbeListsItsKeys() {
    assertThat(withKafkaProbe("environments: { local: { services: { events: { probe: kafka, topik: t } } } }\n")
        .error()).isEqualTo("authenticity.yaml:1:62: environments.local.services.events.topik: unknown key for probe"
        + " [kafka]. Did you mean [topic]? Allowed: [acks, apiSecret, bootstrapServers, container, endpoints,"
        + " maxLatency, probe, sasl, timeout, topic, via]");
  }

  @Test
  void anUnknownProbeTypeListsTheCustomOnesToo() {
    assertThat(withKafkaProbe("environments: { local: { services: { events: { probe: kafak } } } }\n").error())
        .isEqualTo("authenticity.yaml:1:55: environments.local.services.events.probe: unknown probe type [kafak]."
            + " Did you mean [kafka]? Allowed: [http, https, kafka, postgres, redis, tcp, websocket]; a custom probe"
            + " type comes from a ServiceProbe listed in"
            + " META-INF/services/io.github.authenticity.core.probe.ServiceProbe");
  }

  @Test
  void aBrokenRegistrationIsAnErrorWithItsCause() {
    String message = Loading.yaml(root, "environments: { local: { services: { e: { probe: kafka } } } }\n")
        .parent(CustomProbeTests.class.getClassLoader())
        .file("META-INF/services/io.github.authenticity.core.probe.ServiceProbe", "com.example.MissingProbe").error();

    assertThat(message).isEqualTo("Cannot load the custom probes listed in"
        + " META-INF/services/io.github.authenticity.core.probe.ServiceProbe: java.util.ServiceConfigurationError:"
        + " io.github.authenticity.core.probe.ServiceProbe: Provider com.example.MissingProbe not found; fix or"
        + " remove the broken entry");
  }
}
