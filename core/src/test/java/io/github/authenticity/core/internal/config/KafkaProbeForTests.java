package io.github.authenticity.core.internal.config;

import java.util.Set;

import io.github.authenticity.core.probe.ProbeResult;
import io.github.authenticity.core.probe.ServiceProbe;

/** A custom probe type, registered only in the temporary classpath roots of {@link CustomProbeTests}. */
public class KafkaProbeForTests implements ServiceProbe {

  @Override
  public String type() {
    return "kafka";
  }

  @Override
  public Set<String> settingKeys() {
    return Set.of("bootstrapServers", "topic", "acks", "sasl", "apiSecret");
  }

  @Override
  public ProbeResult probe(io.github.authenticity.core.config.ServiceDefinition service) {
    throw new UnsupportedOperationException("never probed by configuration tests");
  }
}
