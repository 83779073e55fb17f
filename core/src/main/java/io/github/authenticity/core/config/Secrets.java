package io.github.authenticity.core.config;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apiguardian.api.API;

/**
 * Redaction of secrets before any text reaches a report, a log line or a message: passwords,
 * tokens, {@code Authorization} and other credential headers, and URL user-info.
 *
 * <p>A key is secret when its name contains (case-insensitive) {@code password}, {@code passwd},
 * {@code secret}, {@code token}, {@code authorization}, {@code cookie}, {@code api-key}, {@code apikey},
 * {@code api_key}, {@code credential}, {@code private} or {@code signature}. {@link ConfigLoader} registers
 * every secret value it resolves, so {@link #redact(String)} removes it wherever it appears. Values of
 * fewer than four characters are only removed where they stand alone (not inside a longer word).
 * The registry is global to the JVM and thread-safe.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Secrets {

  /** What a redacted value is replaced with. */
  public static final String REDACTED = "****";

  private static final List<String> SECRET_WORDS = List.of("password", "passwd", "secret", "token",
      "authorization", "cookie", "api-key", "apikey", "api_key", "credential", "private", "signature");

  private static final Set<String> REGISTERED = ConcurrentHashMap.newKeySet();

  private static final Pattern USER_INFO = Pattern.compile("\\b([a-zA-Z][a-zA-Z0-9+.-]*://)([^/\\s@?#\"'<>]+)@");

  private static final Pattern QUERY_PAIR = Pattern.compile("([?&;])([^=&\\s#\"'<>]+)=([^&\\s#\"'<>]*)");

  private static final Pattern SCHEME_CREDENTIAL = Pattern.compile("(?i)\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=:-]+");

  private static final Pattern PAIR = Pattern.compile(
      "([A-Za-z0-9_.-]*(?i:password|passwd|secret|token|authorization|cookie|api-key|apikey|api_key|credential"
          + "|private|signature)[A-Za-z0-9_.-]*)(\"?\\s*(?:=|:(?!-))\\s*)"
          + "((?i:Bearer|Basic)\\s+[A-Za-z0-9._~+/=:-]+|\"[^\"]*\"|'[^']*'|[^\\s,;&\"'<>)}\\]]+)");

  private Secrets() {
  }

  /** Whether a setting or header named {@code key} holds a secret (password, token, authorization, api key, cookie, secret...). */
  public static boolean isSecretKey(String key) {
    if (key == null) {
      return false;
    }
    String lower = key.toLowerCase(Locale.ROOT);
    for (String word : SECRET_WORDS) {
      if (lower.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code url} without its user-info and with secret-looking query parameters redacted:
   * {@code https://u:p@h/x?token=abc&a=1} becomes {@code https://****@h/x?token=****&a=1}.
   */
  public static String redactUrl(String url) {
    if (url == null) {
      return null;
    }
    String result = url;
    int schemeEnd = result.indexOf("://");
    if (schemeEnd > 0) {
      int authorityStart = schemeEnd + 3;
      int authorityEnd = authorityStart;
      while (authorityEnd < result.length() && "/?#".indexOf(result.charAt(authorityEnd)) < 0) {
        authorityEnd++;
      }
      int at = result.lastIndexOf('@', authorityEnd - 1);
      if (at >= authorityStart) {
        result = result.substring(0, authorityStart) + REDACTED + result.substring(at);
      }
    }
    int query = result.indexOf('?');
    if (query >= 0) {
      int fragment = result.indexOf('#', query);
      String head = result.substring(0, query);
      String pairs = fragment < 0 ? result.substring(query) : result.substring(query, fragment);
      String tail = fragment < 0 ? "" : result.substring(fragment);
      result = head + redactQueryPairs(pairs) + tail;
    }
    return result;
  }

  /**
   * {@code text} with every known secret value of the loaded configuration replaced, plus
   * URL user-info, {@code Bearer ...}/{@code Basic ...} credentials and {@code password=...}-shaped pairs.
   */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String result = text;
    List<String> known = REGISTERED.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    for (String secret : known) {
      if (secret.length() >= 4) {
        result = result.replace(secret, REDACTED);
      } else {
        result = result.replaceAll("(?<![A-Za-z0-9])" + Pattern.quote(secret) + "(?![A-Za-z0-9])",
            Matcher.quoteReplacement(REDACTED));
      }
    }
    result = USER_INFO.matcher(result).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + REDACTED + "@"));
    result = redactQueryPairs(result);
    result = PAIR.matcher(result).replaceAll(match -> {
      if (match.group(2).contains(":") && match.group(1).contains(".")) {
        // a key path in a message ("...headers.Authorization: environment variable ... is not set"), not a pair
        return Matcher.quoteReplacement(match.group());
      }
      String value = match.group(3);
      String replacement = value.startsWith("\"") ? "\"" + REDACTED + "\""
          : value.startsWith("'") ? "'" + REDACTED + "'" : REDACTED;
      return Matcher.quoteReplacement(match.group(1) + match.group(2) + replacement);
    });
    result = SCHEME_CREDENTIAL.matcher(result).replaceAll(match -> {
      String whole = match.group();
      String credential = whole.substring(match.group(1).length()).strip();
      return credential.equals(REDACTED) ? Matcher.quoteReplacement(whole)
          : Matcher.quoteReplacement(match.group(1) + " " + REDACTED);
    });
    return result;
  }

  /** Remembers {@code value} as a secret so that {@link #redact(String)} removes it wherever it appears. */
  public static void register(String value) {
    if (value == null || value.isBlank() || value.equals(REDACTED)) {
      return;
    }
    REGISTERED.add(value);
    String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
    if (!encoded.equals(value)) {
      REGISTERED.add(encoded);
    }
  }

  /** The secret parts of {@code url}: its user-info (and password) and the values of secret query parameters. */
  static List<String> secretsOfUrl(String url) {
    List<String> result = new ArrayList<>();
    if (url == null) {
      return result;
    }
    int schemeEnd = url.indexOf("://");
    if (schemeEnd > 0) {
      int start = schemeEnd + 3;
      int end = start;
      while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
        end++;
      }
      int at = url.lastIndexOf('@', end - 1);
      if (at >= start) {
        String userInfo = url.substring(start, at);
        result.add(userInfo);
        int colon = userInfo.indexOf(':');
        if (colon >= 0) {
          result.add(userInfo.substring(colon + 1));
          result.add(decode(userInfo.substring(colon + 1)));
        }
      }
    }
    Matcher pairs = QUERY_PAIR.matcher(url);
    while (pairs.find()) {
      if (isSecretKey(decode(pairs.group(2)))) {
        result.add(pairs.group(3));
        result.add(decode(pairs.group(3)));
      }
    }
    return result;
  }

  /** The secret parts of a header: its whole value when the name is secret, and any {@code Bearer ...} credential. */
  static List<String> secretsOfHeader(String name, String value) {
    List<String> result = new ArrayList<>();
    if (value == null) {
      return result;
    }
    if (isSecretKey(name)) {
      result.add(value);
    }
    Matcher credential = SCHEME_CREDENTIAL.matcher(value);
    while (credential.find()) {
      result.add(credential.group().substring(credential.group(1).length()).strip());
    }
    return result;
  }

  private static String redactQueryPairs(String text) {
    return QUERY_PAIR.matcher(text).replaceAll(match -> isSecretKey(decode(match.group(2)))
        ? Matcher.quoteReplacement(match.group(1) + match.group(2) + "=" + REDACTED)
        : Matcher.quoteReplacement(match.group()));
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException ex) {
      return text;
    }
  }
}
