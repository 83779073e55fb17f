package io.github.authenticity.core.config;

import org.apiguardian.api.API;

/**
 * Redaction of secrets before any text reaches a report, a log line or a message: passwords,
 * tokens, {@code Authorization} and other credential headers, and URL user-info.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Secrets {

  /** What a redacted value is replaced with. */
  public static final String REDACTED = "****";

  private Secrets() {
  }

  /** Whether a setting or header named {@code key} holds a secret (password, token, authorization, api key, cookie, secret...). */
  public static boolean isSecretKey(String key) {
    throw new UnsupportedOperationException("implemented by the configuration work");
  }

  /** {@code url} without its user-info and with secret-looking query parameters redacted. */
  public static String redactUrl(String url) {
    throw new UnsupportedOperationException("implemented by the configuration work");
  }

  /**
   * {@code text} with every known secret value of the loaded configuration replaced, plus
   * URL user-info, {@code Bearer ...}/{@code Basic ...} credentials and {@code password=...}-shaped pairs.
   */
  public static String redact(String text) {
    throw new UnsupportedOperationException("implemented by the configuration work");
  }

  /** Remembers {@code value} as a secret so that {@link #redact(String)} removes it wherever it appears. */
  public static void register(String value) {
    throw new UnsupportedOperationException("implemented by the configuration work");
  }
}
