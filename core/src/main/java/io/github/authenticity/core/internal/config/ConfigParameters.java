package io.github.authenticity.core.internal.config;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.apiguardian.api.API;

/**
 * Where {@code authenticity.*} overrides come from: JUnit configuration parameters (launcher request,
 * system properties, {@code junit-platform.properties}) in the extension, user properties in the plugin.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public interface ConfigParameters {

  /** The value of {@code key}, if set. */
  Optional<String> get(String key);

  /** Every key that is set (used to find overrides such as {@code authenticity.services.<name>.<key>}). */
  Set<String> keys();

  /** Parameters from a map, e.g. Maven user properties. */
  static ConfigParameters of(Map<String, String> values) {
    Map<String, String> copy = Map.copyOf(values);
    return new ConfigParameters() {
      @Override
      public Optional<String> get(String key) {
        return Optional.ofNullable(copy.get(key));
      }

      @Override
      public Set<String> keys() {
        return new TreeSet<>(copy.keySet());
      }
    };
  }

  /** The JVM's system properties, read live. */
  static ConfigParameters systemProperties() {
    return new ConfigParameters() {
      @Override
      public Optional<String> get(String key) {
        return Optional.ofNullable(System.getProperty(key));
      }

      @Override
      public Set<String> keys() {
        Properties properties = System.getProperties();
        return new TreeSet<>(properties.stringPropertyNames());
      }
    };
  }

  /** These parameters, then {@code fallback} for keys these do not set. */
  default ConfigParameters orElse(ConfigParameters fallback) {
    ConfigParameters first = this;
    return new ConfigParameters() {
      @Override
      public Optional<String> get(String key) {
        Optional<String> value = first.get(key);
        return value.isPresent() ? value : fallback.get(key);
      }

      @Override
      public Set<String> keys() {
        Set<String> all = new TreeSet<>(first.keys());
        all.addAll(fallback.keys());
        return all;
      }
    };
  }
}
