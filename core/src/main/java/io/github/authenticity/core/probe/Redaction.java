package io.github.authenticity.core.probe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.config.Secrets;

/**
 * Removes secrets from the endpoint and detail text of probe results: the service's own secret settings and
 * headers (also when the service was not loaded by {@code ConfigLoader}, which registers them globally), URL
 * user-info (dropped, not masked), then everything {@link Secrets#redact(String)} knows.
 */
final class Redaction {

  private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/?#@\\s]*@");

  private Redaction() {
  }

  /** Whether a setting or header named {@code key} holds a secret. */
  static boolean isSecretKey(String key) {
    return Secrets.isSecretKey(key);
  }

  /** {@code url} without user-info and with secret-looking query parameter values redacted. */
  static String url(String url) {
    return Secrets.redactUrl(USER_INFO.matcher(url).replaceAll(""));
  }

  /** {@code text} with every secret of {@code service} and every secret-shaped fragment redacted. */
  static String text(String text, ServiceDefinition service) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets(service)) {
      // values this short cannot be told apart from ordinary words; probes never print secrets anyway
      if (secret.length() >= 4) {
        result = result.replace(secret, Secrets.REDACTED);
      }
    }
    return Secrets.redact(USER_INFO.matcher(result).replaceAll(""));
  }

  /** The secret values configured for {@code service}, longest first. */
  private static List<String> secrets(ServiceDefinition service) {
    List<String> secrets = new ArrayList<>();
    if (service != null) {
      collect(service.settings(), secrets, false);
      service.setting("url").ifPresent(url -> {
        Matcher userInfo = USER_INFO.matcher(url);
        if (userInfo.find()) {
          String info = userInfo.group();
          int colon = info.indexOf(':');
          if (colon >= 0 && info.length() - 1 > colon + 1) {
            secrets.add(info.substring(colon + 1, info.length() - 1));
          }
        }
      });
    }
    secrets.sort(Comparator.comparingInt(String::length).reversed());
    return secrets;
  }

  private static void collect(Map<?, ?> settings, List<String> secrets, boolean allSecret) {
    for (Map.Entry<?, ?> entry : settings.entrySet()) {
      String key = String.valueOf(entry.getKey());
      Object value = entry.getValue();
      boolean secret = allSecret || isSecretKey(key);
      if (value instanceof Map<?, ?> nested) {
        collect(nested, secrets, secret);
      } else if (value != null && secret) {
        String text = String.valueOf(value);
        if (!text.isBlank()) {
          secrets.add(text);
          // "Bearer abc" also leaks as "abc"
          int space = text.indexOf(' ');
          if (space > 0 && space + 1 < text.length()) {
            secrets.add(text.substring(space + 1).trim());
          }
        }
      }
    }
  }
}
