package io.github.authenticity.core.internal.config;

import java.util.List;
import java.util.regex.Pattern;

import org.apiguardian.api.API;

/**
 * The {@code detection} section.
 *
 * @param fallbackPatterns the defaults followed by {@code detection.fallbackPatterns}
 * @param interaction      {@code detection.interaction}
 * @param tooFastFactor    {@code detection.tooFast.factor} (default 10)
 * @param tooFastMinRuns   {@code detection.tooFast.minRuns} (default 3)
 * @param allowedSkips     {@code detection.allowedSkips}: the skips declared legitimate (default none)
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record Detection(List<Pattern> fallbackPatterns, Interaction interaction, double tooFastFactor,
    int tooFastMinRuns, List<AllowedSkip> allowedSkips) {

  /**
   * The fallback patterns every run uses, before the configured ones: the SPEC's two, widened to the
   * shapes real client libraries log ({@code Using MockWebSocketManager}, {@code falling back to
   * InMemoryOrderStore}, {@code stub token instead of ...}, {@code switching to offline mode}); checked
   * against honest log lines in {@code FallbackPatternsTests}.
   */
  public static final List<String> DEFAULT_FALLBACK_PATTERNS = List.of(
      "(?i)\\busing (a |an |the )?(mock|fake|stub|dummy|in-?memory)\\w*",
      "(?i)\\bfall(ing|s)?\\s*back to (a |an |the )?(mock|stub|fake|in-?memory|dummy|no-?op)\\w*",
      "(?i)\\b(mock|fake|stub|in-?memory|dummy)[\\w-]*( \\w+)? (instead of|in place of)\\b",
      "(?i)\\bswitch(ed|ing)? to (a |an |the )?(mock|fake|stub|in-?memory|offline)\\w*");

  public Detection {
    fallbackPatterns = List.copyOf(fallbackPatterns);
    allowedSkips = allowedSkips == null ? List.of() : List.copyOf(allowedSkips);
  }

  /** A detection section without allowed skips. */
  public Detection(List<Pattern> fallbackPatterns, Interaction interaction, double tooFastFactor, int tooFastMinRuns) {
    this(fallbackPatterns, interaction, tooFastFactor, tooFastMinRuns, List.of());
  }

  /** The defaults: default patterns, interaction required, factor 10, 3 runs. */
  public static Detection defaults() {
    return new Detection(DEFAULT_FALLBACK_PATTERNS.stream().map(Pattern::compile).toList(),
        Interaction.REQUIRED, 10, 3);
  }

  /** {@code detection.interaction}: what a guarded test that exchanged no bytes with its services gets. */
  @API(status = API.Status.INTERNAL, since = "0.1")
  public enum Interaction {
    /** It is {@code MASKED} with {@code NO_INTERACTION}. */
    REQUIRED,
    /** It stays {@code AUTHENTIC}; the report and console carry a warning. */
    WARN,
    /** Not observed at all. */
    OFF
  }
}
