package io.github.authenticity.core.internal.config;

import java.util.Map;

import org.apiguardian.api.API;

import io.github.authenticity.core.config.ConfigurationKeys;
import io.github.authenticity.core.internal.redact.Redactor;

/**
 * Reads {@code authenticity.yaml} (or {@code .yml}) from the root of the test classpath, or the file named by
 * {@code authenticity.config}, resolves placeholders, selects the active environment, applies overrides and
 * validates everything. Bad configuration is a {@link ConfigurationException} naming the file, the key path,
 * the line and column (or the parameter), the value and what is allowed; nothing falls back to a default.
 *
 * <h2>Locating the file</h2>
 * {@code authenticity.config} (a path, relative to the working directory) wins; otherwise
 * {@code authenticity.yaml} or {@code authenticity.yml} at the root of the class loader (both present is an
 * error). No file at all is a valid, empty configuration (environment {@code local}, no services, source
 * {@code (none)}); services may then still be defined by overrides.
 *
 * <h2>File keys</h2>
 * <pre>
 * environment            the active environment when no parameter or variable says otherwise (default local)
 * environments.&lt;env&gt;.staging            true|false (default: true only for an environment named staging)
 * environments.&lt;env&gt;.services.&lt;name&gt;     probe plus the probe's keys (see below)
 * detection.fallbackPatterns     a list of regular expressions (a single string is a list of one),
 *                                added after {@link Detection#DEFAULT_FALLBACK_PATTERNS}
 * detection.interaction          required | warn | off (default required)
 * detection.tooFast.factor       a number greater than 1 (default 10)
 * detection.tooFast.minRuns      a whole number of at least 1 (default 3)
 * mode                           fail | report (default fail)
 * requireEnvironment             an environment name
 * outputDirectory                default target/authenticity
 * history                        default .authenticity/history.json (outside target/: clean keeps it)
 * historyBaseline                earlier authenticity-report.json files (paths or file/http(s) URLs, comma-separated)
 * x-...                          ignored: a place for YAML anchors shared by services
 * </pre>
 * Service keys: {@code probe} (required), {@code timeout} (default 2s), {@code maxLatency}, {@code endpoints}
 * (list of {@code host:port} or URLs) for every probe; {@code http}/{@code https}: {@code url} (required),
 * {@code method}, {@code headers}, {@code expectStatus}, {@code expectBody}, {@code jsonPointer},
 * {@code expectValue}, {@code trustStore}, {@code trustStorePassword}, {@code trustStoreType};
 * {@code tcp}: {@code host}, {@code port} (both required); {@code websocket}: {@code url} (required, ws/wss),
 * {@code headers}, {@code send}, {@code expect}, the trust store keys; {@code postgres}: {@code host} (required),
 * {@code port}, {@code database}, {@code user}, {@code password}, {@code sslmode}; {@code redis}: {@code host}
 * (required), {@code port}, {@code username}, {@code password}, {@code database}, {@code tls}; a custom
 * {@link io.github.authenticity.core.probe.ServiceProbe}: its {@code settingKeys()}. Durations are written
 * {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 1m}, {@code 1h} or ISO-8601 {@code PT2M}. YAML merge keys
 * ({@code <<: *anchor}) work. An empty value ({@code password: "${REDIS_PASSWORD:-}"}) counts as not set.
 *
 * <h2>Placeholders</h2>
 * In any value: {@code ${NAME}} and {@code ${NAME:-default}} read environment variables (the default also
 * applies when the variable is empty), {@code ${sys:name}} and {@code ${sys:name:-default}} read configuration
 * parameters, then system properties; <code>$${</code> is a literal <code>${</code>. An unset variable without default is
 * an error in the active environment; in the other environments the value is not checked.
 *
 * <h2>The active environment</h2>
 * {@code authenticity.environment}, else the environment variable {@code AUTHENTICITY_ENVIRONMENT}, else the
 * file's {@code environment}, else {@code local}. When the file has an {@code environments} section the active
 * environment must be defined there. Every environment is checked (keys, probe types, values); only the active
 * one's secrets are registered with {@link Redactor}, from the model read.
 *
 * <h2>Overrides</h2>
 * Every key can be set by a configuration parameter (JUnit configuration parameters, which include system
 * properties and {@code junit-platform.properties}; Maven user properties in the plugin), checked exactly like
 * the file's values:
 * <pre>
 * authenticity.environment, authenticity.mode, authenticity.requireEnvironment,
 * authenticity.outputDirectory, authenticity.history, authenticity.history.baseline,
 * authenticity.staging                               the active environment's staging flag
 * authenticity.detection.interaction
 * authenticity.detection.fallbackPatterns            added patterns, separated by a line break or ||
 * authenticity.detection.tooFast.factor, authenticity.detection.tooFast.minRuns
 * authenticity.services.&lt;name&gt;.&lt;key&gt;              a key of a service of the active environment
 *                                                    (endpoints: comma-separated)
 * authenticity.services.&lt;name&gt;.headers.&lt;Header&gt;     one header
 * </pre>
 * A service the file does not define can be defined entirely by overrides, starting with
 * {@code authenticity.services.<name>.probe}. Service names cannot contain dots or spaces.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ConfigLoader {

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
    AuthenticityConfig config = new ConfigReader(parameters, environmentVariables, loader).read();
    // from the parsed model, once it is whole: reading the configuration has no side effects of its own
    config.services().values().forEach(service -> Redactor.registerSettings(service.settings()));
    return config;
  }
}
