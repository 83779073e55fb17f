package io.github.authenticity.junit;

import java.time.Duration;
import java.util.List;

import io.github.authenticity.core.internal.config.Durations;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * How a test or class is guarded: the services it requires (class and method values added up), whether
 * {@code @StagingOnly} applies and its raw {@code minDuration} (the method's wins over the class's).
 *
 * @param services            the required service names, in declaration order, without duplicates
 * @param stagingOnly         whether {@code @StagingOnly} applies
 * @param minDurationText     the raw {@code minDuration}, or {@code null}
 * @param minDurationLocation where it was declared, e.g. {@code [com.example.OrderE2E#places]}
 * @param expectErrors        whether {@code expectErrors = true} applies (on the method or its class)
 */
record Guard(List<String> services, boolean stagingOnly, String minDurationText, String minDurationLocation,
    boolean expectErrors) {

  Guard {
    services = List.copyOf(services);
  }

  Guard(List<String> services, boolean stagingOnly, String minDurationText, String minDurationLocation) {
    this(services, stagingOnly, minDurationText, minDurationLocation, false);
  }

  /**
   * The parsed {@code minDuration}, or {@code null}.
   *
   * @throws ExtensionConfigurationException naming the annotation, where it is and the value
   */
  Duration minDuration() {
    if (minDurationText == null) {
      return null;
    }
    try {
      return Durations.parse(minDurationText);
    } catch (IllegalArgumentException ex) {
      throw new ExtensionConfigurationException(String.format(
          "@RequiresRealService(minDuration = \"%s\") on %s: %s", minDurationText,
          minDurationLocation, ex.getMessage()), ex);
    }
  }

  /** The parsed {@code minDuration}, or {@code null} when it is absent or invalid (for the events file). */
  Duration minDurationOrNull() {
    try {
      return minDuration();
    } catch (RuntimeException ex) {
      return null;
    }
  }
}
