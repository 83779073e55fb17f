package io.github.authenticity.examples.platform;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which parts of the demo platform are down or degraded, so the outages of real incidents can be
 * replayed on purpose.
 *
 * <p>Read from the system properties {@value #OUTAGE_PROPERTY} and {@value #DEGRADED_PROPERTY}, each a
 * comma-separated list of {@link Part} names, e.g. {@code -Dexamples.outage=websocket,auth}.
 */
public record PlatformOptions(Set<Part> outages, Set<Part> degraded, Duration degradedDelay) {

  /** Parts that are down: {@code websocket} (port closed), {@code auth} (login hangs), {@code backend}. */
  public static final String OUTAGE_PROPERTY = "examples.outage";

  /** Parts that answer slowly (over the configured {@code maxLatency}). */
  public static final String DEGRADED_PROPERTY = "examples.degraded";

  /** How slowly a degraded part answers. */
  public static final Duration DEFAULT_DEGRADED_DELAY = Duration.ofMillis(1500);

  /** The parts of the platform. */
  public enum Part {
    /** The HTTP API (health, runs, exports). */
    BACKEND,
    /** Login and token issuing. */
    AUTH,
    /** The WebSocket event stream. */
    WEBSOCKET
  }

  public PlatformOptions {
    outages = outages.isEmpty() ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(outages);
    degraded = degraded.isEmpty() ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(degraded);
  }

  /** Everything up and fast. */
  public static PlatformOptions healthy() {
    return new PlatformOptions(Set.of(), Set.of(), DEFAULT_DEGRADED_DELAY);
  }

  /** From {@value #OUTAGE_PROPERTY} and {@value #DEGRADED_PROPERTY}. */
  public static PlatformOptions fromSystemProperties() {
    return new PlatformOptions(parse(OUTAGE_PROPERTY, System.getProperty(OUTAGE_PROPERTY, "")),
        parse(DEGRADED_PROPERTY, System.getProperty(DEGRADED_PROPERTY, "")), DEFAULT_DEGRADED_DELAY);
  }

  /** A copy with {@code parts} down. */
  public PlatformOptions withOutage(Part... parts) {
    Set<Part> result = EnumSet.noneOf(Part.class);
    result.addAll(outages);
    result.addAll(Arrays.asList(parts));
    return new PlatformOptions(result, degraded, degradedDelay);
  }

  /** A copy with {@code parts} degraded. */
  public PlatformOptions withDegraded(Part... parts) {
    Set<Part> result = EnumSet.noneOf(Part.class);
    result.addAll(degraded);
    result.addAll(Arrays.asList(parts));
    return new PlatformOptions(outages, result, degradedDelay);
  }

  /** Whether {@code part} is down. */
  public boolean isDown(Part part) {
    return outages.contains(part);
  }

  /** Whether {@code part} answers slowly. */
  public boolean isDegraded(Part part) {
    return degraded.contains(part);
  }

  static Set<Part> parse(String property, String value) {
    Set<Part> parts = EnumSet.noneOf(Part.class);
    for (String item : value.split(",")) {
      String name = item.trim();
      if (name.isEmpty() || name.equalsIgnoreCase("none")) {
        continue;
      }
      try {
        parts.add(Part.valueOf(name.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(String.format(
            "System property [%s] names an unknown part [%s]; use a comma-separated list of %s", property,
            name, Arrays.stream(Part.values()).map(p -> p.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "))), e);
      }
    }
    return parts;
  }

  @Override
  public String toString() {
    return "outages " + names(outages) + ", degraded " + names(degraded);
  }

  private static String names(Set<Part> parts) {
    return parts.isEmpty() ? "[none]"
        : parts.stream().map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ", "[", "]"));
  }
}
