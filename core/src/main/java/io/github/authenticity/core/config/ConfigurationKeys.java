package io.github.authenticity.core.config;

import org.apiguardian.api.API;

/**
 * The configuration keys a user sets: JUnit configuration parameters ({@code junit-platform.properties}, the launcher
 * request, Surefire's {@code configurationParameters}) or system properties ({@code -D}), each overriding
 * {@code authenticity.yaml}. The one definition of their names: the extension, the listener and the configuration
 * reader use these constants. The Maven goals' own parameters are documented with each goal.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class ConfigurationKeys {

  /** An explicit configuration file (a path); default: {@code authenticity.yaml} or {@code .yml} on the test class path. */
  public static final String CONFIG = "authenticity.config";
  /** The active environment; default: {@value #ENVIRONMENT_VARIABLE}, else {@code local}. */
  public static final String ENVIRONMENT = "authenticity.environment";
  /** The environment variable that selects the active environment when {@value #ENVIRONMENT} is not set. */
  public static final String ENVIRONMENT_VARIABLE = "AUTHENTICITY_ENVIRONMENT";
  /** {@code fail} (default: a masked test fails) or {@code report} (it passes and is reported). */
  public static final String MODE = "authenticity.mode";
  /** When set, every guarded test fails unless this is the active environment. */
  public static final String REQUIRE_ENVIRONMENT = "authenticity.requireEnvironment";
  /** Where the events files go; default {@code target/authenticity}. */
  public static final String OUTPUT_DIRECTORY = "authenticity.outputDirectory";
  /** Where the test JVM's listener writes the report; default: the test plugin's reports directory. */
  public static final String REPORTS_DIRECTORY = "authenticity.reportsDirectory";
  /** The history file that {@code TOO_FAST} compares with; default {@code .authenticity/history.json}. */
  public static final String HISTORY = "authenticity.history";
  /** Earlier reports whose authentic durations count as history: comma-separated paths or file/http(s) URLs. */
  public static final String HISTORY_BASELINE = "authenticity.history.baseline";
  /** The active environment's staging flag ({@code true} or {@code false}). */
  public static final String STAGING = "authenticity.staging";
  /** Socket proof: {@code required} (default), {@code warn} or {@code off}. */
  public static final String INTERACTION = "authenticity.detection.interaction";
  /** Fallback patterns added to the defaults and the file's, separated by a line break or {@code ||}. */
  public static final String FALLBACK_PATTERNS = "authenticity.detection.fallbackPatterns";
  /** How many times faster than the median of the last authentic runs is impossibly fast. */
  public static final String TOO_FAST_FACTOR = "authenticity.detection.tooFast.factor";
  /** How many authentic runs the history needs before the too-fast check applies. */
  public static final String TOO_FAST_MIN_RUNS = "authenticity.detection.tooFast.minRuns";
  /** Prefix of per-service overrides: {@code authenticity.services.<name>.<key>}. */
  public static final String SERVICE_OVERRIDE_PREFIX = "authenticity.services.";

  private ConfigurationKeys() {
  }
}
