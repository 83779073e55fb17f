package io.github.authenticity.junit;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import io.github.authenticity.core.internal.config.ConfigLoader;
import io.github.authenticity.core.internal.config.ConfigParameters;
import org.junit.platform.engine.ConfigurationParameters;
import io.github.authenticity.core.config.ConfigurationKeys;

/** Adapts JUnit configuration parameters (launcher request, system properties, junit-platform.properties). */
final class JUnitParameters {

  /** The keys the configuration reads besides per-service overrides, always offered for lookup. */
  private static final Set<String> KNOWN_KEYS = Set.of(ConfigurationKeys.CONFIG, ConfigurationKeys.ENVIRONMENT,
      ConfigurationKeys.MODE, ConfigurationKeys.REQUIRE_ENVIRONMENT, ConfigurationKeys.OUTPUT_DIRECTORY,
      ConfigurationKeys.HISTORY, ConfigurationKeys.HISTORY_BASELINE, ConfigurationKeys.STAGING,
      ConfigurationKeys.FALLBACK_PATTERNS, ConfigurationKeys.INTERACTION, ConfigurationKeys.TOO_FAST_FACTOR,
      ConfigurationKeys.TOO_FAST_MIN_RUNS);

  private JUnitParameters() {
  }

  /** The test plan's parameters, which can list every key they hold. */
  static ConfigParameters of(ConfigurationParameters parameters) {
    return of(parameters::get, parameters.keySet()).orElse(ConfigParameters.systemProperties());
  }

  /**
   * Parameters read through an {@code ExtensionContext}, which can look up any key but cannot list them:
   * the keys offered are the known ones and the system properties, so a per-service override given only as
   * a launcher parameter is seen when the listener runs (it reads the whole plan), not in a bare
   * {@code EngineTestKit} run.
   */
  static ConfigParameters of(Function<String, Optional<String>> lookup) {
    return of(lookup, Set.of()).orElse(ConfigParameters.systemProperties());
  }

  private static ConfigParameters of(Function<String, Optional<String>> lookup, Set<String> keys) {
    Set<String> all = new TreeSet<>(KNOWN_KEYS);
    keys.stream().filter(k -> k.startsWith("authenticity.")).forEach(all::add);
    return new ConfigParameters() {
      @Override
      public Optional<String> get(String key) {
        return lookup.apply(key);
      }

      @Override
      public Set<String> keys() {
        Set<String> present = new TreeSet<>();
        all.stream().filter(k -> lookup.apply(k).isPresent()).forEach(present::add);
        return present;
      }
    };
  }
}
