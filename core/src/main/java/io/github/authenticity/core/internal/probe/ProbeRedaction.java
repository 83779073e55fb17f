package io.github.authenticity.core.internal.probe;

import java.util.regex.Pattern;

import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.redact.Redactor;

/**
 * The probes' use of the one redaction policy ({@link Redactor}): a probed service's secrets are known to it even
 * when the service was not loaded by {@code ConfigLoader}, and endpoints drop URL user-info altogether.
 */
final class ProbeRedaction {

  private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/?#@\\s]*@");

  private ProbeRedaction() {
  }

  /** Whether a setting or header named {@code key} holds a secret. */
  static boolean isSecretKey(String key) {
    return Redactor.isSecretKey(key);
  }

  /** {@code url} without user-info and with secret-looking query parameter values redacted. */
  static String url(String url) {
    String redacted = Redactor.redactUrl(url);
    return redacted.contains("://" + Redactor.REDACTED + "@")
        ? redacted.replace("://" + Redactor.REDACTED + "@", "://") : USER_INFO.matcher(redacted).replaceAll("");
  }

  /** {@code text} with every secret of {@code service} and every secret-shaped fragment redacted. */
  static String text(String text, ServiceDefinition service) {
    if (text == null) {
      return null;
    }
    if (service != null) {
      Redactor.registerSettings(service.settings());
    }
    String redacted = Redactor.redact(text);
    return redacted.replace("://" + Redactor.REDACTED + "@", "://");
  }
}
