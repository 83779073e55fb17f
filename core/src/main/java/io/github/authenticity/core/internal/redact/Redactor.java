package io.github.authenticity.core.internal.redact;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.apiguardian.api.API;

/**
 * The one redaction policy: every text on its way into an events file, a report file, the console, an exception
 * message, a captured log line, a probe cause or the Maven goals' output goes through {@link #redact(String)}
 * (or {@link #redactLine(String, int)}, which redacts and then cuts).
 *
 * <p>Two things are removed. <b>Known secrets</b>: every secret value of the loaded configuration
 * ({@link #registerSettings(Map)}, for each configured service: secret settings, credential headers and each part of a multi-part
 * credential, URL user-info and secret query parameters), wherever they appear; values of fewer than four
 * characters only where they stand alone. <b>Secret shapes</b>, known or not: URL user-info with any characters,
 * {@code Authorization}/{@code Proxy-Authorization} values of any scheme, {@code Bearer}/{@code Basic}
 * credentials, JWTs, secret query parameters (JDBC URLs too) and key/value pairs whose key (plain, dotted or a
 * JSON key) ends in a secret word: password, passwd, pwd, passphrase, secret, token, api key, access key,
 * private key, credential(s), cookie, signature. Ordinary words ("tokenizer", "password reset page") stay.
 * The registry is global to the JVM and thread-safe.
 *
 * <p>Over 300 lines on purpose: one policy, so the secrets it learns from the configuration and the shapes it
 * removes stay in one file (a secret form added in one place and not the other would leak).
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class Redactor {

  /** What a redacted value is replaced with. */
  public static final String REDACTED = "****";

  /** Words that make a setting or header name secret wherever they appear in it. */
  private static final List<String> SECRET_WORDS = List.of("password", "passwd", "pwd", "passphrase", "secret",
      "token", "authorization", "cookie", "api-key", "apikey", "api_key", "accesskey", "access_key", "access-key",
      "privatekey", "private_key", "private-key", "private", "credential", "signature");

  private static final String KEY_END = "(?:password|passwd|pwd|passphrase|secret|token|authorization|cookie"
      + "|api[ _-]?key|access[ _-]?key|private[ _-]?key|credentials?|signature)s?";

  private static final Pattern URL = Pattern.compile("\\b([a-zA-Z][a-zA-Z0-9+.-]*://)([^\\s\"'<>`]*)");

  private static final Pattern QUERY_PAIR = Pattern.compile("([?&;])([^=&\\s#\"'<>]+)=([^&\\s#\"'<>]*)");

  private static final Pattern AUTHORIZATION = Pattern.compile(
      "(?i)\\b((?:proxy-)?authorization)(\\\\?[\"']?\\s*(?:=|:(?!-))\\s*\\\\?[\"']?)"
          + "((?:[A-Za-z][A-Za-z0-9_-]*[ \\t]+)?[^\\s\"'\\\\,;&}\\]]+)");

  private static final Pattern SCHEME_CREDENTIAL = Pattern.compile(
      "(?i)\\b(Bearer|Basic|Digest|Negotiate)\\s+([A-Za-z0-9._~+/=:-]+)");

  private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");

  private static final Pattern PAIR = Pattern.compile(
      "(?i)(?<![A-Za-z0-9])([A-Za-z0-9_.-]*" + KEY_END + ")(?![A-Za-z0-9])"
          + "(\\\\?\"?'?\\s*(?:=|:(?!-))\\s*)"
          + "(\\\\\"(?:[^\"\\\\]|\\\\[^\"])*\\\\\"|\"[^\"]*\"|'[^']*'|[^\\s,;&\"'<>)}\\]\\\\]+)");

  /** Our own configuration messages put these after a key path: not a value. */
  private static final Pattern MESSAGE_WORDS = Pattern.compile(
      "(?i)(environment|system|variable|property|missing|unset|not|must|expected|unknown|null|none|\\*+)");

  /**
   * A text that holds none of these (in any case) and no registered secret matches no shape rule: it is
   * returned as it is, without running the patterns (most text, e.g. every display name, is such a text).
   */
  private static final List<String> SHAPE_MARKERS = List.of("password", "passwd", "pwd", "passphrase", "secret",
      "token", "authorization", "cookie", "api", "access", "private", "credential", "signature", "bearer", "basic",
      "digest", "negotiate", "eyj", "://", "=");

  private static final Set<String> REGISTERED = ConcurrentHashMap.newKeySet();
  private static volatile List<String> known = List.of();

  private Redactor() {
  }

  /**
   * Whether a {@code key: value} match is prose, not a credential: a colon (not {@code =}), an unquoted value of
   * letters only, and the sentence going on after it ({@code falling back to stub token: connection refused},
   * {@code StubToken: timed out}); a configured secret is redacted wherever it stands anyway.
   */
  private static boolean isProse(String text, String separator, String value, int end) {
    return separator.indexOf('=') < 0 && value.chars().allMatch(Character::isLetter) && end + 1 < text.length()
        && text.charAt(end) == ' ' && Character.isLetter(text.charAt(end + 1));
  }

  /** Whether {@code text} holds a registered secret or a marker of a secret shape; when not, nothing can match. */
  private static boolean mayHoldASecret(String text) {
    return containsAny(text, known) || containsAny(text.toLowerCase(Locale.ROOT), SHAPE_MARKERS);
  }

  /** Whether {@code text} contains one of {@code parts}. */
  private static boolean containsAny(String text, List<String> parts) {
    for (String part : parts) {
      if (text.contains(part)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a setting or header named {@code key} holds a secret (password, token, authorization, api key...). */
  public static boolean isSecretKey(String key) {
    if (key == null) {
      return false;
    }
    return containsAny(key.toLowerCase(Locale.ROOT), SECRET_WORDS);
  }

  /** {@code text} with every known secret and every secret shape replaced by {@value #REDACTED}. */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    if (!mayHoldASecret(text)) {
      return text;
    }
    String result = text;
    for (String secret : known) {
      if (secret.length() >= 4) {
        result = result.replace(secret, REDACTED);
      } else if (result.contains(secret)) {
        result = result.replaceAll("(?<![A-Za-z0-9])" + Pattern.quote(secret) + "(?![A-Za-z0-9])",
            Matcher.quoteReplacement(REDACTED));
      }
    }
    if (result.contains("://")) {
      result = URL.matcher(result).replaceAll(match -> Matcher.quoteReplacement(match.group(1)
          + withoutUserInfo(match.group(2))));
    }
    if (result.indexOf('=') >= 0) {
      result = redactQueryPairs(result);
    }
    result = AUTHORIZATION.matcher(result).replaceAll(match -> MESSAGE_WORDS.matcher(match.group(3).strip()).lookingAt()
        ? Matcher.quoteReplacement(match.group())
        : Matcher.quoteReplacement(match.group(1) + match.group(2) + REDACTED));
    String pairs = result;
    result = PAIR.matcher(result).replaceAll(match -> {
      String value = match.group(3);
      String bare = value.replaceAll("^[\\\\\"']+|[\\\\\"']+$", "");
      if (bare.equals(REDACTED) || MESSAGE_WORDS.matcher(bare).matches()
          || bare.toLowerCase(Locale.ROOT).startsWith("environment variable")
          || isProse(pairs, match.group(2), value, match.end())) {
        return Matcher.quoteReplacement(match.group());
      }
      String replacement = value.startsWith("\\\"") ? "\\\"" + REDACTED + "\\\""
          : value.startsWith("\"") ? "\"" + REDACTED + "\""
          : value.startsWith("'") ? "'" + REDACTED + "'" : REDACTED;
      return Matcher.quoteReplacement(match.group(1) + match.group(2) + replacement);
    });
    result = SCHEME_CREDENTIAL.matcher(result).replaceAll(match -> match.group(2).equals(REDACTED)
        ? Matcher.quoteReplacement(match.group())
        : Matcher.quoteReplacement(match.group(1) + " " + REDACTED));
    if (result.contains("eyJ")) {
      result = JWT.matcher(result).replaceAll(REDACTED);
    }
    return result;
  }

  /**
   * {@code text} redacted first, then its lines joined by single spaces and cut to at most {@code max} characters
   * (ending in {@code ...} when cut): a secret across the cut cannot leak its start.
   */
  public static String redactLine(String text, int max) {
    if (text == null) {
      return null;
    }
    String line = redact(text).strip();
    if (hasLineBreak(line)) {
      line = line.replaceAll("\\s*\\R\\s*", " ");
    }
    return line.length() <= max ? line : line.substring(0, Math.max(0, max - 3)) + "...";
  }

  /**
   * Whether {@code text} holds a line break as {@code \R} matches one: the regular expression is only needed then (every
   * event's message and every captured line passes here).
   */
  private static boolean hasLineBreak(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= '\n' && c <= '\r') || c == '\u0085' || c == '\u2028' || c == '\u2029') {
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
      result = result.substring(0, schemeEnd + 3) + withoutUserInfo(result.substring(schemeEnd + 3));
    }
    return result.indexOf('=') >= 0 ? redactQueryPairs(result) : result;
  }

  /** Remembers {@code value} (and its URL-, JSON- and HTML-escaped forms) as a secret, wherever it appears. */
  public static void register(String value) {
    if (value == null || value.isBlank() || value.equals(REDACTED)) {
      return;
    }
    boolean added = REGISTERED.add(value);
    List<String> forms = new ArrayList<>(List.of(URLEncoder.encode(value, StandardCharsets.UTF_8),
        HtmlEscaping.html(value)));
    for (String json : jsonEscaped(value)) {
      forms.add(json);
      forms.add(HtmlEscaping.html(json));
    }
    for (String form : forms) {
      if (!form.equals(value)) {
        added |= REGISTERED.add(form);
      }
    }
    if (added) {
      // one rebuild at a time: each sees every secret added before it, so none is lost to a concurrent one
      synchronized (REGISTERED) {
        known = REGISTERED.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
      }
    }
  }

  /**
   * Registers every secret of one service's settings (as the configuration holds them, keys to values, maps and
   * lists): values of secret settings (at any depth), credential headers (the whole value and each part:
   * {@code ApiKey abc123def} registers {@code abc123def}; a {@code Basic} credential also its decoded
   * user:password and password), and the user-info, password and secret query values of every URL. A password
   * equal to a user, host or database name is registered too. The configuration calls it for every service it
   * loads, so this class knows no configuration type.
   */
  public static void registerSettings(Map<String, ?> settings) {
    settings.forEach((key, value) -> registerSetting(key, value, false));
  }

  private static void registerSetting(String key, Object value, boolean secret) {
    boolean isSecret = secret || isSecretKey(key);
    if (value instanceof Map<?, ?> map) {
      boolean headers = key.equalsIgnoreCase("headers");
      map.forEach((name, item) -> {
        String nested = String.valueOf(name);
        if (headers && item != null) {
          registerHeader(nested, String.valueOf(item));
        } else {
          registerSetting(nested, item, isSecret);
        }
      });
    } else if (value instanceof List<?> list) {
      list.forEach(item -> registerSetting(key, item, isSecret));
    } else if (value != null) {
      String text = String.valueOf(value);
      if (isSecret) {
        registerCredential(text);
      }
      secretsOfUrl(text).forEach(Redactor::register);
    }
  }

  private static void registerHeader(String name, String value) {
    if (isSecretKey(name)) {
      registerCredential(value);
    }
    Matcher credential = SCHEME_CREDENTIAL.matcher(value);
    while (credential.find()) {
      registerCredential(credential.group());
    }
    secretsOfUrl(value).forEach(Redactor::register);
  }

  /** A credential and each of its parts after the scheme; for {@code Basic}, the decoded user:password too. */
  private static void registerCredential(String value) {
    String text = value.strip();
    register(text);
    String[] parts = text.split("\\s+");
    for (int i = 1; i < parts.length; i++) {
      register(parts[i]);
    }
    if (parts.length == 2 && parts[0].equalsIgnoreCase("Basic")) {
      try {
        String decoded = new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        register(decoded);
        int colon = decoded.indexOf(':');
        if (colon >= 0) {
          register(decoded.substring(colon + 1));
        }
      } catch (IllegalArgumentException notBase64) {
        // registered as it is
      }
    }
  }

  /** The secret parts of {@code url}: its user-info (and password) and the values of secret query parameters. */
  static List<String> secretsOfUrl(String url) {
    List<String> result = new ArrayList<>();
    int schemeEnd = url.indexOf("://");
    if (schemeEnd > 0) {
      String rest = url.substring(schemeEnd + 3);
      int end = userInfoEnd(rest);
      if (end > 0) {
        String userInfo = rest.substring(0, end);
        result.add(userInfo);
        int colon = userInfo.indexOf(':');
        if (colon >= 0 && colon + 1 < userInfo.length()) {
          result.add(userInfo.substring(colon + 1));
          result.add(decode(userInfo.substring(colon + 1)));
        }
      }
    }
    Matcher pairs = QUERY_PAIR.matcher(url);
    while (pairs.find()) {
      if (isSecretKey(decode(pairs.group(2))) && !pairs.group(3).isEmpty()) {
        result.add(pairs.group(3));
        result.add(decode(pairs.group(3)));
      }
    }
    return result;
  }

  /** {@code rest} (what follows {@code scheme://}) with its user-info, if any, replaced by {@value #REDACTED}. */
  private static String withoutUserInfo(String rest) {
    int end = userInfoEnd(rest);
    return end < 0 ? rest : REDACTED + rest.substring(end);
  }

  /**
   * Where the user-info of {@code rest} (what follows {@code scheme://}) ends: at its last {@code @}, whatever
   * characters the password holds ({@code u:p@ss@h}, {@code u:p/ss@h}, {@code u:p#ss@h}); -1 when there is none
   * ({@code h/path@v2} has an {@code @} in its path, {@code h:8080/x@y} too).
   */
  private static int userInfoEnd(String rest) {
    int last = rest.lastIndexOf('@');
    if (last < 0) {
      return -1;
    }
    int first = rest.indexOf('@');
    int delimiter = indexOfAny(rest, "/?#");
    if (delimiter < 0 || first < delimiter) {
      return last;
    }
    String authority = rest.substring(0, delimiter);
    int colon = authority.indexOf(':');
    boolean hostAndPort = colon >= 0 && authority.substring(colon + 1).chars().allMatch(Character::isDigit);
    return colon >= 0 && !hostAndPort && !authority.startsWith("[") ? last : -1;
  }

  private static int indexOfAny(String text, String characters) {
    for (int i = 0; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static String redactQueryPairs(String text) {
    return QUERY_PAIR.matcher(text).replaceAll(match -> isSecretKey(decode(match.group(2)))
        && !match.group(3).isEmpty() && !match.group(3).equals(REDACTED)
        ? Matcher.quoteReplacement(match.group(1) + match.group(2) + "=" + REDACTED)
        : Matcher.quoteReplacement(match.group()));
  }

  /** {@code text} as it stands inside a JSON string: Jackson's escaping, and the HTML report's (which also escapes {@code <>&}). */
  private static List<String> jsonEscaped(String text) {
    return List.of(new String(JsonStringEncoder.getInstance().quoteAsString(text)),
        HtmlEscaping.jsonString(text));
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException ex) {
      return text;
    }
  }
}
