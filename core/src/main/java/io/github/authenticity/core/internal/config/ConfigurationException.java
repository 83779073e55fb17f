package io.github.authenticity.core.internal.config;

import org.apiguardian.api.API;

import io.github.authenticity.core.internal.redact.RedactedThrowable;

/**
 * Bad configuration: a malformed file, an unknown key, probe type or service, an unparseable value.
 * The message names the file, the key (and line where there is one), the value and what is allowed.
 * Guarded tests fail with it; nothing falls back to a default.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public class ConfigurationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, RedactedThrowable.of(cause));
  }
}
