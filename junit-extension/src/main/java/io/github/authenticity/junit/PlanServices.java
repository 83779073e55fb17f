package io.github.authenticity.junit;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.internal.config.ContainerBinding;
import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.judge.Judge;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;

/** The services a test plan's guarded tests need, for the preflight when the plan starts. */
final class PlanServices {

  private PlanServices() {
  }

  /** The services the plan's guarded tests need and that can run here (not {@code @StagingOnly} outside staging). */
  static List<ServiceDefinition> needed(PlanIndex index, AuthenticityConfig config) {
    if (Judge.contradictedEnvironment(config).isPresent()) {
      return List.of();
    }
    Map<String, ServiceDefinition> needed = new LinkedHashMap<>();
    Set<String> inContainers = new HashSet<>();
    for (PlanIndex.Entry entry : index.units()) {
      Guard guard = entry.guard();
      if (guard.stagingOnly() && !config.staging()) {
        continue;
      }
      if (startsContainers(entry)) {
        inContainers.addAll(guard.services());
      }
      // container: true has no address before its container runs (ContainerServices)
      guard.services().forEach(name -> config.service(name).filter(s -> !ContainerBinding.configured(s))
          .ifPresent(s -> needed.putIfAbsent(name, s)));
    }
    // a service a @Testcontainers class needs may be a container that is not started yet: probed at first use
    needed.keySet().removeAll(inContainers);
    return List.copyOf(needed.values());
  }

  private static boolean startsContainers(PlanIndex.Entry entry) {
    try {
      Optional<TestSource> source = entry.id().getSource();
      if (source.isPresent() && source.get() instanceof MethodSource method) {
        return ContainerSkip.startsContainers(method.getJavaClass());
      }
      return source.isPresent() && source.get() instanceof ClassSource type
          && ContainerSkip.startsContainers(type.getJavaClass());
    } catch (RuntimeException | LinkageError ex) {
      return false;
    }
  }
}
