package io.github.authenticity.core.internal.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apiguardian.api.API;

import io.github.authenticity.core.config.ServiceDefinition;

/**
 * The resolved configuration of one run: the active environment and its services, detection
 * settings, mode and output locations. Built by {@link ConfigLoader}; immutable.
 *
 * @param environment        the active environment's name
 * @param staging            whether the active environment is a staging environment
 * @param services           the active environment's services, by name
 * @param detection          the detection settings
 * @param mode               {@code authenticity.mode}
 * @param requireEnvironment {@code authenticity.requireEnvironment}, when set
 * @param outputDirectory    {@code authenticity.outputDirectory} (default {@code target/authenticity})
 * @param historyFile        {@code authenticity.history} (default {@value #DEFAULT_HISTORY_FILE})
 * @param historyBaseline    {@code authenticity.history.baseline}: earlier reports, comma-separated paths or URLs;
 *                           {@code null} when unset
 * @param source             where the configuration came from, for messages
 *                           (e.g. {@code classpath:authenticity.yaml}, a path, or {@code (none)})
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record AuthenticityConfig(String environment, boolean staging, Map<String, ServiceDefinition> services,
    Detection detection, Mode mode, Optional<String> requireEnvironment, Path outputDirectory, Path historyFile,
    String historyBaseline, String source) {

  /** The default output directory, relative to the working directory (the module in a Maven build). */
  public static final String DEFAULT_OUTPUT_DIRECTORY = "target/authenticity";

  /**
   * The default history file, relative to the working directory (the module): outside {@code target/}, so
   * {@code mvn clean} keeps it.
   */
  public static final String DEFAULT_HISTORY_FILE = ".authenticity/history.json";

  /** The {@link #source()} of a configuration loaded without any file. */
  public static final String NO_SOURCE = "(none)";

  /** Keeps the services sorted by name and unmodifiable. */
  public AuthenticityConfig {
    services = java.util.Collections.unmodifiableMap(new TreeMap<>(services));
  }

  /**
   * A configuration without a history baseline.
   *
   * @param environment        the active environment's name
   * @param staging            whether the active environment is a staging environment
   * @param services           the active environment's services, by name
   * @param detection          the detection settings
   * @param mode               {@code authenticity.mode}
   * @param requireEnvironment {@code authenticity.requireEnvironment}, when set
   * @param outputDirectory    {@code authenticity.outputDirectory}
   * @param historyFile        {@code authenticity.history}
   * @param source             where the configuration came from, for messages
   */
  public AuthenticityConfig(String environment, boolean staging, Map<String, ServiceDefinition> services,
      Detection detection, Mode mode, Optional<String> requireEnvironment, Path outputDirectory, Path historyFile,
      String source) {
    this(environment, staging, services, detection, mode, requireEnvironment, outputDirectory, historyFile, null,
        source);
  }

  /**
   * The service named {@code name}, as required by {@code usedBy} (e.g. {@code @RequiresRealService on
   * [com.example.OrderE2E]}).
   *
   * @param name   the service's name, as an annotation names it
   * @param usedBy who requires it, for the message when it is unknown
   * @return the service's definition
   * @throws ConfigurationException naming the unknown service, the environment, the source, the known
   *                                names and the closest one
   */
  public ServiceDefinition requireService(String name, String usedBy) {
    ServiceDefinition service = services.get(name);
    if (service != null) {
      return service;
    }
    if (NO_SOURCE.equals(source)) {
      throw new ConfigurationException(ConfigMessages.noConfiguration(name, usedBy, environment, services.keySet()));
    }
    throw new ConfigurationException(ConfigMessages.unknownService(name, usedBy, environment, source, services.keySet()));
  }

  /**
   * The service named {@code name} in the active environment.
   *
   * @param name the service's name
   * @return its definition, or empty when the active environment has no such service
   */
  public Optional<ServiceDefinition> service(String name) {
    return Optional.ofNullable(services.get(name));
  }
}
