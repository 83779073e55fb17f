package io.github.authenticity.core.config;

import java.time.Duration;

import org.apiguardian.api.API;

/** Parses durations as users write them: {@code 2s}, {@code 500ms}, {@code 1m}, {@code 1h}, ISO-8601 {@code PT2M}. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Durations {

  private Durations() {
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the value and the accepted forms when it is not a duration
   */
  public static Duration parse(String text) {
    throw new UnsupportedOperationException("implemented by the configuration work");
  }
}
