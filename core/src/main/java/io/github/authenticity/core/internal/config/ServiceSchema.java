package io.github.authenticity.core.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.github.authenticity.core.probe.ServiceProbe;

/**
 * The service keys each probe type understands, their value types, and how a value is checked.
 *
 * <p>Over 300 lines because it is the one owner of every service setting's check (a duration, a port, a host, a URL,
 * an endpoint, ...), which the configuration reader and the probes both rely on, next to the keys they apply to.
 */
final class ServiceSchema {

  /** The kind of value a service key holds. */
  enum Type {
    STRING, HOST, PORT, STATUS, BOOLEAN, INDEX, DURATION, URL, REGEX, METHOD, POINTER, STORE_TYPE, SSLMODE,
    HEADERS, ENDPOINTS, PATH, ANY
  }

  static final List<String> BUILT_IN_TYPES = List.of("http", "https", "tcp", "websocket", "postgres", "redis");
  static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS");
  static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  private static final Map<String, Map<String, Type>> BUILT_IN = builtIn();
  private static final Map<String, List<String>> REQUIRED = Map.of(
      "http", List.of("url"), "https", List.of("url"), "tcp", List.of("host", "port"),
      "websocket", List.of("url"), "postgres", List.of("host"), "redis", List.of("host"));

  private final ClassLoader classLoader;
  private Map<String, Set<String>> custom;

  ServiceSchema(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  private static Map<String, Map<String, Type>> builtIn() {
    Map<String, Type> common = Map.of("timeout", Type.DURATION, "maxLatency", Type.DURATION,
        "endpoints", Type.ENDPOINTS, ContainerBinding.KEY, Type.BOOLEAN, "via", Type.STRING);
    Map<String, Type> trust = Map.of("trustStore", Type.STRING, "trustStorePassword", Type.STRING,
        "trustStoreType", Type.STORE_TYPE);
    Map<String, Type> http = merge(common, trust, Map.of("url", Type.URL, "method", Type.METHOD,
        "headers", Type.HEADERS, "expectStatus", Type.STATUS, "expectBody", Type.REGEX,
        "jsonPointer", Type.POINTER, "expectValue", Type.STRING, ContainerBinding.PATH, Type.PATH));
    Map<String, Map<String, Type>> result = new LinkedHashMap<>();
    result.put("http", http);
    result.put("https", http);
    result.put("tcp", merge(common, Map.of("host", Type.HOST, "port", Type.PORT)));
    result.put("websocket", merge(common, trust, Map.of("url", Type.URL, "headers", Type.HEADERS,
        "send", Type.STRING, "expect", Type.REGEX, ContainerBinding.PATH, Type.PATH)));
    result.put("postgres", merge(common, Map.of("host", Type.HOST, "port", Type.PORT, "database", Type.STRING,
        "user", Type.STRING, "password", Type.STRING, "sslmode", Type.SSLMODE)));
    result.put("redis", merge(common, trust, Map.of("host", Type.HOST, "port", Type.PORT, "username", Type.STRING,
        "password", Type.STRING, "database", Type.INDEX, "tls", Type.BOOLEAN)));
    return Collections.unmodifiableMap(result);
  }

  @SafeVarargs
  private static Map<String, Type> merge(Map<String, Type>... maps) {
    Map<String, Type> result = new TreeMap<>();
    for (Map<String, Type> map : maps) {
      result.putAll(map);
    }
    return Collections.unmodifiableMap(result);
  }

  /** Every known probe type: the built-ins, then the custom ones found with ServiceLoader. */
  Set<String> probeTypes() {
    Set<String> result = new TreeSet<>(BUILT_IN_TYPES);
    result.addAll(custom().keySet());
    return result;
  }

  /** The keys of {@code probe} (common keys included) and their types, when the probe type is known. */
  Optional<Map<String, Type>> keys(String probe) {
    Map<String, Type> builtIn = BUILT_IN.get(probe);
    if (builtIn != null && (custom == null || !custom.containsKey(probe))) {
      return Optional.of(builtIn);
    }
    Set<String> customKeys = custom().get(probe);
    if (customKeys == null) {
      return Optional.ofNullable(builtIn);
    }
    Map<String, Type> result = new TreeMap<>(builtIn != null ? builtIn
        : Map.of("timeout", Type.DURATION, "maxLatency", Type.DURATION, "endpoints", Type.ENDPOINTS,
            ContainerBinding.KEY, Type.BOOLEAN, "via", Type.STRING));
    for (String key : customKeys) {
      result.putIfAbsent(key, Type.ANY);
    }
    return Optional.of(result);
  }

  /** The keys {@code probe} cannot do without. */
  static List<String> required(String probe) {
    return REQUIRED.getOrDefault(probe, List.of());
  }

  /** An example value for a required key, for messages. */
  static String example(String probe, String key) {
    return switch (key) {
      case "url" -> probe.equals("websocket") ? "ws://localhost:8080/ws"
          : probe.equals("https") ? "https://localhost:8443/health" : "http://localhost:8080/health";
      case "host" -> "localhost";
      case "port" -> "8080";
      default -> "...";
    };
  }

  private Map<String, Set<String>> custom() {
    if (custom == null) {
      Map<String, Set<String>> found = new TreeMap<>();
      try {
        for (ServiceProbe probe : ServiceLoader.load(ServiceProbe.class, classLoader)) {
          found.put(probe.type(), Set.copyOf(probe.settingKeys()));
        }
      } catch (ServiceConfigurationError | RuntimeException ex) {
        throw new ConfigurationException(ConfigMessages.customProbesFailed(ex), ex);
      }
      custom = found;
    }
    return custom;
  }

  /**
   * {@code text} (already interpolated, not empty) as the value of {@code key} of type {@code type}.
   *
   * @throws Problem when it is not a valid value
   */
  static Object convert(Type type, String key, String text, String probe) {
    String shown = ConfigMessages.shown(key, text);
    String trimmed = text.strip();
    switch (type) {
      case HOST:
        return host(trimmed, shown);
      case PORT:
        return port(trimmed, shown);
      case STATUS: {
        Integer status = integer(trimmed);
        if (status == null || status < 100 || status > 599) {
          throw new Problem(ConfigMessages.badStatus(shown));
        }
        return status;
      }
      case INDEX: {
        Integer index = integer(trimmed);
        if (index == null || index < 0) {
          throw new Problem(ConfigMessages.badIndex(shown));
        }
        return index;
      }
      case BOOLEAN:
        return bool(trimmed, shown);
      case DURATION:
        return duration(trimmed, text);
      case URL:
        url(trimmed, shown, probe);
        return trimmed;
      case REGEX:
        regex(text, shown);
        return text;
      case METHOD: {
        String method = trimmed.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
          throw new Problem(ConfigMessages.badMethod(shown));
        }
        return method;
      }
      case POINTER:
        if (!trimmed.startsWith("/")) {
          throw new Problem(ConfigMessages.badPointer(shown));
        }
        return trimmed;
      case PATH:
        if (!ContainerBinding.isPath(trimmed)) {
          throw new Problem(ConfigMessages.badPath(shown));
        }
        return trimmed;
      case STORE_TYPE: {
        String storeType = trimmed.toUpperCase(Locale.ROOT);
        if (!storeType.equals("PKCS12") && !storeType.equals("JKS")) {
          throw new Problem(ConfigMessages.badStoreType(shown));
        }
        return storeType;
      }
      case SSLMODE: {
        String mode = trimmed.toLowerCase(Locale.ROOT);
        if (!SSL_MODES.contains(mode)) {
          throw new Problem(ConfigMessages.badSslMode(shown));
        }
        return mode;
      }
      default:
        return text;
    }
  }

  static Duration duration(String trimmed, String original) {
    Duration duration;
    try {
      duration = Durations.parse(trimmed);
    } catch (IllegalArgumentException ex) {
      throw new Problem(ex.getMessage().replace("[" + trimmed + "]", "[" + original + "]"), ex);
    }
    if (duration.isZero()) {
      throw new Problem(ConfigMessages.zeroDuration(original));
    }
    return duration;
  }

  static Boolean bool(String trimmed, String shown) {
    switch (trimmed.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on":
        return Boolean.TRUE;
      case "false", "no", "off":
        return Boolean.FALSE;
      default:
        throw new Problem(ConfigMessages.badBoolean(shown));
    }
  }

  static void regex(String text, String shown) {
    try {
      Pattern.compile(text);
    } catch (PatternSyntaxException ex) {
      throw new Problem(ConfigMessages.badRegex(shown, ex.getDescription(), ex.getIndex()), ex);
    }
  }

  static Integer integer(String text) {
    if (!text.matches("[+-]?\\d{1,9}")) {
      return null;
    }
    return Integer.valueOf(text.startsWith("+") ? text.substring(1) : text);
  }

  static Integer port(String trimmed, String shown) {
    Integer port = integer(trimmed);
    if (port == null || port < 1 || port > 65535) {
      throw new Problem(ConfigMessages.badPort(shown));
    }
    return port;
  }

  static String host(String trimmed, String shown) {
    boolean ipv6 = trimmed.matches("\\[?[0-9A-Fa-f:.]+(%\\w+)?\\]?") && trimmed.chars().filter(c -> c == ':').count() >= 2;
    if (trimmed.isEmpty() || trimmed.contains("://") || trimmed.contains("/") || trimmed.chars()
        .anyMatch(Character::isWhitespace) || trimmed.contains("@") || (trimmed.contains(":") && !ipv6)) {
      throw new Problem(ConfigMessages.badHost(shown));
    }
    return trimmed.startsWith("[") && trimmed.endsWith("]") ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
  }

  /** The schemes a URL of {@code probe} may use. */
  static List<String> schemes(String probe) {
    return switch (probe) {
      case "https" -> List.of("https");
      case "websocket" -> List.of("ws", "wss");
      case "http" -> List.of("http", "https");
      default -> List.of();
    };
  }

  static void url(String text, String shown, String probe) {
    List<String> schemes = schemes(probe);
    String example = example(probe, "url");
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException ex) {
      throw new Problem(ConfigMessages.badUrl(shown, probe, malformed(shown, ex), example), ex);
    }
    if (uri.getScheme() == null) {
      throw new Problem(ConfigMessages.badUrl(shown, probe, "it has no scheme", example));
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!schemes.isEmpty() && !schemes.contains(scheme)) {
      throw new Problem(ConfigMessages.badUrl(shown, probe, "its scheme [" + uri.getScheme() + "] is not "
          + String.join(" or ", schemes), example));
    }
    if (uri.getHost() == null) {
      throw new Problem(ConfigMessages.badUrl(shown, probe, "it has no valid host", example));
    }
    if (uri.getPort() > 65535) {
      throw new Problem(ConfigMessages.badUrl(shown, probe, "its port [" + uri.getPort() + "] is not from 1 to 65535",
          example));
    }
  }

  /**
   * Why a URL is malformed, in our own words, so the message does not change with the JDK's: the first character
   * of {@code shown} (already redacted, so never a character of a password) that no URL may hold, and its
   * position counted from 1, or an escape that is not one; else the JDK's reason without its index.
   */
  static String malformed(String shown, URISyntaxException ex) {
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
          || "<>\"{}|\\^`".indexOf(c) >= 0) {
        String what = c == ' ' ? "the space" : Character.isWhitespace(c) || Character.isISOControl(c)
            ? String.format(Locale.ROOT, "the character U+%04X", (int) c) : "the character [" + c + "]";
        return "it is malformed: " + what + " at position " + (i + 1) + " is not allowed in a URL";
      }
      if (c == '%' && !(i + 2 < shown.length() && hex(shown.charAt(i + 1)) && hex(shown.charAt(i + 2)))) {
        return "it is malformed: the [%] at position " + (i + 1) + " is not followed by two hex digits"
            + " (write a % itself as %25)";
      }
    }
    return "it is malformed (" + ex.getReason() + ")";
  }

  private static boolean hex(char c) {
    return Character.digit(c, 16) >= 0 && c < 128;
  }

  /** Checks one entry of {@code endpoints}: {@code host:port} or a URL with a host. */
  static String endpoint(String text, String shown) {
    String trimmed = text.strip();
    if (trimmed.contains("://")) {
      try {
        URI uri = new URI(trimmed);
        if (uri.getHost() != null && uri.getPort() <= 65535) {
          return trimmed;
        }
      } catch (URISyntaxException ex) {
        throw new Problem(ConfigMessages.badEndpoint(shown), ex);
      }
      throw new Problem(ConfigMessages.badEndpoint(shown));
    }
    int colon = trimmed.lastIndexOf(':');
    if (colon <= 0) {
      throw new Problem(ConfigMessages.badEndpoint(shown));
    }
    Integer port = integer(trimmed.substring(colon + 1));
    String host = trimmed.substring(0, colon);
    if (port == null || port < 1 || port > 65535 || host.isBlank() || host.contains("/")
        || host.chars().anyMatch(Character::isWhitespace)) {
      throw new Problem(ConfigMessages.badEndpoint(shown));
    }
    return trimmed;
  }
}
