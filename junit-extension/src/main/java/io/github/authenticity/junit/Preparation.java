package io.github.authenticity.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.internal.config.ConfigurationException;
import io.github.authenticity.core.internal.judge.VerdictMessages;
import io.github.authenticity.core.internal.redact.RedactedThrowable;
import io.github.authenticity.core.internal.redact.Redactor;
import io.github.authenticity.core.probe.ProbeResult;
import io.github.authenticity.core.probe.ProbeStatus;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The checks before a guarded test or class runs: configuration, required environment, service names,
 * {@code minDuration}, and the preflight (a required service {@code DOWN} fails it at once).
 */
final class Preparation {

  private Preparation() {
  }

  /**
   * The required services of {@code guard}, resolved and probed.
   *
   * @param usedBy   e.g. {@code @RequiresRealService on [com.example.OrderE2E#places]}
   * @param uniqueId the test or class being prepared (to count the others sharing a dead service)
   * @param forClass whether a whole class is being prepared
   * @throws ExtensionConfigurationException for bad configuration or a contradicted required environment
   * @throws ServiceDownException            when a required service is {@code DOWN}
   */
  static List<ServiceDefinition> check(Run run, Guard guard, String usedBy, String uniqueId, boolean forClass) {
    return check(run, guard, usedBy, uniqueId, forClass, UnaryOperator.identity());
  }

  /**
   * As {@link #check(Run, Guard, String, String, boolean)}, with the configured services turned into the ones the
   * test uses by {@code bind} (e.g. a container's address, {@link ContainerServices}) before they are probed.
   */
  static List<ServiceDefinition> check(Run run, Guard guard, String usedBy, String uniqueId, boolean forClass,
      UnaryOperator<List<ServiceDefinition>> bind) {
    AuthenticityConfig config = run.config();
    io.github.authenticity.core.internal.judge.Judge.contradictedEnvironment(config).ifPresent(contradiction -> {
      throw new ExtensionConfigurationException(contradiction);
    });
    List<ServiceDefinition> services = new ArrayList<>();
    for (String name : guard.services()) {
      try {
        services.add(config.requireService(name, usedBy));
      } catch (ConfigurationException ex) {
        throw new ExtensionConfigurationException(Redactor.redact(ex.getMessage()), RedactedThrowable.of(ex));
      }
    }
    services = bind.apply(services);
    guard.minDuration();
    if (services.isEmpty()) {
      return services;
    }
    Map<String, ProbeResult> results = run.probe(services);
    List<ProbeResult> down = new ArrayList<>(0);
    for (ProbeResult result : results.values()) {
      if (result.status() == ProbeStatus.DOWN) {
        down.add(result);
      }
    }
    if (!down.isEmpty()) {
      List<String> names = down.stream().map(ProbeResult::service).toList();
      OptionalInt others = run.plan().isPresent() && forClass
          ? OptionalInt.of(run.plan().get().othersRequiring(names, "\0")) : run.othersRequiring(names, uniqueId);
      throw new ServiceDownException(VerdictMessages.serviceDown(down, forClass, others));
    }
    return services;
  }
}
