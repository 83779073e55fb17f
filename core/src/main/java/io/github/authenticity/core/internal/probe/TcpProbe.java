package io.github.authenticity.core.internal.probe;

import java.net.Socket;
import java.util.Set;

import io.github.authenticity.core.config.ServiceDefinition;

/** {@code tcp}: UP when a TCP connection to {@code host}:{@code port} opens within the timeout. */
final class TcpProbe extends BuiltinProbe {

  @Override
  public String type() {
    return "tcp";
  }

  @Override
  public Set<String> settingKeys() {
    return Set.of("host", "port");
  }

  @Override
  String endpoint(ServiceDefinition service) {
    return "tcp " + hostPort(service.setting("host").orElse("?"), service.setting("port").map(p -> {
      try {
        return Integer.parseInt(p.trim());
      } catch (NumberFormatException ex) {
        return -1;
      }
    }).orElse(-1));
  }

  @Override
  Outcome check(ServiceDefinition service, Deadline deadline) throws Exception {
    String host = required(service, "host");
    int port = port(service, -1);
    if (port <= 0 || port > 65535) {
      throw new ProbeFailure("setting [port] must be a TCP port (1-65535) for probe [tcp], got ["
          + service.setting("port").orElse("") + "]");
    }
    Socket socket = Wire.connect(host, port, deadline);
    socket.close();
    return Outcome.up("connected");
  }
}
