package io.github.authenticity.core.probe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.authenticity.core.config.ServiceDefinition;

/**
 * Removes secrets from the endpoint and detail text of probe results: the service's secret settings and
 * headers, URL user-info, secret-looking query parameters, {@code Bearer}/{@code Basic} credentials and
 * {@code password=...} pairs.
 */
final class Redaction {

  static final String REDACTED = "****";

  private static final Pattern SECRET_NAME = Pattern.compile(
      "(?i).*(password|passwd|secret|token|authorization|cookie|api[-_]?key|credential|private).*");
  private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/?#@\\s]*@");
  private static final Pattern SECRET_QUERY = Pattern.compile(
      "(?i)([?&;][^=&#\\s]*(?:password|passwd|pwd|secret|token|auth|key|credential|signature|sig|private|session)"
          + "[^=&#\\s]*=)[^&#\\s]*");
  private static final Pattern SCHEME_CREDENTIAL = Pattern.compile("(?i)\\b(Bearer|Basic|Token)\\s+[A-Za-z0-9._~+/=-]+");
  private static final Pattern PAIR = Pattern.compile(
      "(?i)\\b((?:password|passwd|pwd|secret|token|api[-_]?key)\\s*[=:]\\s*)[^\\s,;&]+");

  private Redaction() {
  }

  /** Whether a setting or header named {@code key} holds a secret. */
  static boolean isSecretKey(String key) {
    return key != null && SECRET_NAME.matcher(key).matches();
  }

  /** {@code url} without user-info and with secret-looking query parameter values redacted. */
  static String url(String url) {
    String text = USER_INFO.matcher(url).replaceAll("");
    return SECRET_QUERY.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(REDACTED));
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
        result = result.replace(secret, REDACTED);
      }
    }
    result = url(result);
    result = SCHEME_CREDENTIAL.matcher(result).replaceAll("$1 " + Matcher.quoteReplacement(REDACTED));
    return PAIR.matcher(result).replaceAll("$1" + Matcher.quoteReplacement(REDACTED));
  }

  /** The secret values configured for {@code service}, longest first. */
  private static List<String> secrets(ServiceDefinition service) {
    List<String> secrets = new ArrayList<>();
    if (service != null) {
      collect(service.settings(), secrets, false);
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
    if (settings.containsKey("url")) {
      Matcher userInfo = USER_INFO.matcher(String.valueOf(settings.get("url")));
      if (userInfo.find()) {
        String info = userInfo.group();
        int colon = info.indexOf(':');
        if (colon >= 0 && info.length() - 1 > colon + 1) {
          secrets.add(info.substring(colon + 1, info.length() - 1));
        }
      }
    }
  }
}
