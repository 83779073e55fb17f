package io.github.authenticity.core.config;

import org.apiguardian.api.API;

import io.github.authenticity.core.redact.Redactor;

/**
 * The redaction policy under its first name, for code that calls it here: everything delegates to
 * {@link Redactor}, which owns the rules.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Secrets {

  /** What a redacted value is replaced with. */
  public static final String REDACTED = Redactor.REDACTED;

  private Secrets() {
  }

  /** See {@link Redactor#isSecretKey(String)}. */
  public static boolean isSecretKey(String key) {
    return Redactor.isSecretKey(key);
  }

  /** See {@link Redactor#redactUrl(String)}. */
  public static String redactUrl(String url) {
    return Redactor.redactUrl(url);
  }

  /** See {@link Redactor#redact(String)}. */
  public static String redact(String text) {
    return Redactor.redact(text);
  }

  /** See {@link Redactor#register(String)}. */
  public static void register(String value) {
    Redactor.register(value);
  }
}
