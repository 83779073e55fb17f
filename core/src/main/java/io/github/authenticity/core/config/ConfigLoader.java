package io.github.authenticity.core.config;

import java.util.Map;

import org.apiguardian.api.API;

/**
 * Reads {@code authenticity.yaml} (or {@code .yml}) from the test classpath, or the file named by
 * {@code authenticity.config}, resolves {@code ${NAME}}, {@code ${NAME:-default}} and
 * {@code ${sys:name}}, selects the active environment and applies overrides.
 *
 * <p>Lookup order for every key {@code authenticity.*}: {@code parameters} (JUnit configuration
 * parameters, which already include system properties), then the file. The active environment is
 * {@code authenticity.environment}, else the environment variable {@code AUTHENTICITY_ENVIRONMENT},
 * else the file's {@code environment}, else {@code local}.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ConfigLoader {

  /** Configuration parameter naming an explicit configuration file. */
  public static final String CONFIG_KEY = "authenticity.config";
  /** Configuration parameter selecting the active environment. */
  public static final String ENVIRONMENT_KEY = "authenticity.environment";
  /** Environment variable selecting the active environment. */
  public static final String ENVIRONMENT_VARIABLE = "AUTHENTICITY_ENVIRONMENT";
  /** {@code fail} (default) or {@code report}. */
  public static final String MODE_KEY = "authenticity.mode";
  /** When set, every guarded test fails unless this is the active environment. */
  public static final String REQUIRE_ENVIRONMENT_KEY = "authenticity.requireEnvironment";
  /** Where the events files (and the listener's report, unless Surefire's is found) go. */
  public static final String OUTPUT_DIRECTORY_KEY = "authenticity.outputDirectory";
  /** The history file for the too-fast check. */
  public static final String HISTORY_KEY = "authenticity.history";
  /** Prefix of per-service overrides: {@code authenticity.services.<name>.<key>}. */
  public static final String SERVICE_OVERRIDE_PREFIX = "authenticity.services.";

  private final ConfigParameters parameters;
  private final Map<String, String> environmentVariables;
  private final ClassLoader classLoader;

  /**
   * @param parameters           configuration parameters (JUnit parameters, which include system properties;
   *                             or Maven user properties)
   * @param environmentVariables usually {@code System.getenv()}
   * @param classLoader          where {@code authenticity.yaml} is looked up
   */
  public ConfigLoader(ConfigParameters parameters, Map<String, String> environmentVariables,
      ClassLoader classLoader) {
    this.parameters = parameters;
    this.environmentVariables = environmentVariables;
    this.classLoader = classLoader;
  }

  /**
   * Loads and validates the configuration.
   *
   * @throws ConfigurationException for any bad input, with file, key, line and what is allowed
   */
  public AuthenticityConfig load() {
    ClassLoader loader = classLoader != null ? classLoader : ConfigLoader.class.getClassLoader();
    return new ConfigReader(parameters, environmentVariables, loader).read();
  }
}
