package io.github.authenticity.core.internal.judge;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.internal.config.ContainerBinding;
import io.github.authenticity.core.config.Endpoint;
import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import org.apiguardian.api.API;

/**
 * {@code LOOPBACK_IN_STAGING}: in a staging environment, a required service that resolves to this machine or is a
 * container started by this JVM (the extension's {@code RealServiceContainer}). What a host resolves to is looked up
 * here, once per test, as the rule reads it.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class LoopbackRule {

  private LoopbackRule() {
  }

  /** One piece of evidence per required service with an endpoint on loopback; none outside staging. */
  public static List<Evidence> evidence(AuthenticityConfig config, List<ServiceDefinition> services) {
    List<Evidence> evidence = new ArrayList<>();
    if (!config.staging()) {
      return evidence;
    }
    for (ServiceDefinition service : services) {
      Optional<String> container = ContainerBinding.resolved(service);
      if (container.isPresent()) {
        // a container started by this JVM, wherever its ports are published
        evidence.add(new Evidence(EvidenceKind.LOOPBACK_IN_STAGING, ContainerBinding.inStaging(service.name(),
            container.get(), service.endpoints().stream().map(Endpoint::toString).collect(Collectors.joining(", ")),
            config.environment())));
        continue;
      }
      for (Endpoint endpoint : service.endpoints()) {
        InetAddress local = localAddress(endpoint.host());
        if (local != null) {
          evidence.add(new Evidence(EvidenceKind.LOOPBACK_IN_STAGING, VerdictMessages.loopback(service.name(),
              endpoint.host(), local.getHostAddress(), config.environment())));
          break;
        }
      }
    }
    return evidence;
  }

  /** The first loopback or wildcard address {@code host} resolves to, or {@code null} (also when it does not resolve: the probe says so). */
  private static InetAddress localAddress(String host) {
    try {
      for (InetAddress address : InetAddress.getAllByName(host)) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
          return address;
        }
      }
    } catch (UnknownHostException ex) {
      return null;
    }
    return null;
  }
}
