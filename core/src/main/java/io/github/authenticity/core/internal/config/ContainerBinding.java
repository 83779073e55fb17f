package io.github.authenticity.core.internal.config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apiguardian.api.API;

import io.github.authenticity.core.config.ServiceDefinition;

/**
 * A service that is a container of the test class: what {@code container: true} in a service's configuration
 * means, how the container's host and mapped port become the service's address, and the messages when the
 * binding is wrong. The extension reads the container (Testcontainers, reflectively); the rules live here.
 *
 * <p>The address: a probe that needs a {@code url} ({@code http}, {@code https}, {@code websocket}) gets
 * {@code <scheme>://<host>:<mappedPort><path>} ({@code path} defaults to {@code /}), or, when a {@code url} is
 * configured, that URL with its host and port replaced; any other probe gets {@code host} and {@code port}
 * (and a configured {@code url} gets its host and port replaced too).
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class ContainerBinding {

  /** The service key that says the address comes from a container: {@code container: true}. */
  public static final String KEY = "container";
  /** The service key of the path appended to a container's address (http, https, websocket). */
  public static final String PATH = "path";
  /** The keys that {@code container: true} replaces, so they must not be configured with it. */
  static final List<String> ADDRESS_KEYS = List.of("url", "host", "port");
  /** The setting a resolved service carries: the container it is, e.g. {@code com.example.OrderE2E.backend}. */
  static final String RESOLVED = "resolvedContainer";

  private static final Pattern URL_PATH = Pattern.compile("/[^\\s?#]*(\\?[^\\s#]*)?");

  private ContainerBinding() {
  }

  /** Whether {@code service} is configured with {@code container: true}: its address is unknown until a container gives it. */
  public static boolean configured(ServiceDefinition service) {
    return Boolean.TRUE.equals(service.settings().get(KEY)) && !resolved(service).isPresent();
  }

  /** The container (field) a resolved service is, or empty for a service as configured. */
  public static Optional<String> resolved(ServiceDefinition service) {
    Object field = service.settings().get(RESOLVED);
    return field == null ? Optional.empty() : Optional.of(String.valueOf(field));
  }

  static boolean isPath(String text) {
    return URL_PATH.matcher(text).matches();
  }

  /**
   * {@code service} at a container's address.
   *
   * @param host      the host the container's ports are published on (Testcontainers' {@code getHost()})
   * @param port      the mapped host port
   * @param container what the container is, for messages and evidence, e.g. the field {@code com.example.OrderE2E.backend}
   */
  public static ServiceDefinition resolve(ServiceDefinition service, String host, int port, String container) {
    Map<String, Object> settings = new LinkedHashMap<>(service.settings());
    boolean needsUrl = ServiceSchema.required(service.probe()).contains("url");
    Optional<String> url = service.setting("url");
    if (url.isPresent()) {
      settings.put("url", withAddress(url.get(), host, port));
    } else if (needsUrl) {
      settings.put("url", scheme(service.probe()) + "://" + hostText(host) + ":" + port
          + service.setting(PATH).orElse("/"));
    }
    if (!needsUrl && (service.setting("host").isPresent() || url.isEmpty())) {
      settings.put("host", host);
      settings.put("port", port);
    }
    settings.remove(PATH);
    settings.put(RESOLVED, container);
    return new ServiceDefinition(service.name(), service.probe(), settings, service.timeout(), service.maxLatency(),
        service.source());
  }

  /** The URL scheme of a container's address for {@code probe}: {@code ws} for websocket, {@code https}, else {@code http}. */
  static String scheme(String probe) {
    return switch (probe) {
      case "websocket" -> "ws";
      case "https" -> "https";
      default -> "http";
    };
  }

  /** {@code url} with its host and port replaced, user info, path, query and fragment kept as written. */
  static String withAddress(String url, String host, int port) {
    URI uri = URI.create(url);
    StringBuilder text = new StringBuilder(uri.getScheme()).append("://");
    if (uri.getRawUserInfo() != null) {
      text.append(uri.getRawUserInfo()).append('@');
    }
    text.append(hostText(host)).append(':').append(port);
    text.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
    if (uri.getRawQuery() != null) {
      text.append('?').append(uri.getRawQuery());
    }
    if (uri.getRawFragment() != null) {
      text.append('#').append(uri.getRawFragment());
    }
    return text.toString();
  }

  private static String hostText(String host) {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  // ---- messages: what is wrong, with the values, and what to do

  /** {@code @RealServiceContainer on field [com.example.OrderE2E.backend]}, the "used by" of an unknown service. */
  public static String usedBy(String field) {
    return "@RealServiceContainer on field [" + field + "]";
  }

  /** The field's value is not a Testcontainers container. */
  public static String notAContainer(String field, String type, boolean testcontainersPresent) {
    return usedBy(field) + ": its value, of type [" + type + "], is not a Testcontainers container ("
        + (testcontainersPresent ? "it does not implement [" : "Testcontainers is not on the test classpath: no [")
        + CONTAINER_STATE + "]). Put @RealServiceContainer on the field that holds the container, e.g. @Container"
        + " static GenericContainer<?> backend = new GenericContainer<>(\"image\").withExposedPorts(8080);";
  }

  /** The field is {@code null} when the test is about to run. */
  public static String nullField(String field, String test) {
    return usedBy(field) + ": the field is null when test [" + test + "] is about to run. Assign the container"
        + " where the field is declared (Testcontainers' @Container starts it, it does not create it).";
  }

  /** The container is not running when the test is about to run. */
  public static String notRunning(String service, String field, String test, boolean startedLateByTestcontainers) {
    String text = "The container of service [" + service + "] (" + usedBy(field) + ") is not running when test ["
        + test + "] is about to run: it was never started, or it stopped. Mark the field with Testcontainers'"
        + " @Container in a @Testcontainers class, or start the container yourself before the tests (e.g. in a"
        + " static initializer or a @BeforeAll method).";
    if (startedLateByTestcontainers) {
      text += " This field is an instance @Container field: Testcontainers starts it in its beforeEach, after"
          + " Authenticity's when @RequiresRealService is written before @Testcontainers. Write @Testcontainers"
          + " first, or make the field static.";
    }
    return text;
  }

  /** The container does not expose the port the annotation names. */
  public static String portNotExposed(String field, int port, List<Integer> exposed) {
    return "@RealServiceContainer(port = " + port + ") on field [" + field + "]: the container does not expose"
        + " port [" + port + "]; it exposes " + exposed + ". Set port to one of them, or add withExposedPorts("
        + port + ") to the container.";
  }

  /** The container exposes no port at all. */
  public static String noExposedPort(String field) {
    return usedBy(field) + ": the container exposes no port, so it has no address. Add withExposedPorts(<port>)"
        + " to the container.";
  }

  /** An instance field without a test instance (a class-level check). */
  public static String noInstance(String field) {
    return usedBy(field) + ": an instance field is read before each test, but there is no test instance here;"
        + " make the field static";
  }

  /** Reading the field or asking Testcontainers failed, e.g. {@code what} = {@code isRunning()}. */
  public static String failed(String field, String what, Throwable cause) {
    return usedBy(field) + ": " + what + " failed: " + cause + ". Check that the Docker engine answers and that the"
        + " field holds a started Testcontainers container";
  }

  /** Two fields claim the same service. */
  public static String boundTwice(String service, String first, String second) {
    return "Service [" + service + "] is bound to two containers: @RealServiceContainer on fields [" + first
        + "] and [" + second + "]. A service is one container: remove the name from one of them.";
  }

  /** A {@code container: true} service that no field of the test class provides. */
  public static String unbound(String service, String source, String testClass) {
    return "Service [" + service + "] is configured with container: true (" + source + "), but no field of ["
        + testClass + "] (or of its superclasses or enclosing classes) is annotated @RealServiceContainer(\""
        + service + "\"). Annotate the container field that runs it, or configure url (or host and port) instead"
        + " of container: true.";
  }

  /** A container started by this JVM in a staging environment ({@code LOOPBACK_IN_STAGING}). */
  public static String inStaging(String service, String container, String address, String environment) {
    return "service '" + service + "' is the container in field [" + container + "] at [" + address
        + "], started by this JVM, in staging environment [" + environment + "]: this is not the staging service";
  }

  /** Why a {@code container: true} service has no address outside its tests (e.g. for the probe goal). */
  public static String notProbed() {
    return "not probed: container: true, so its host and port are those of a @RealServiceContainer field,"
        + " known only when its test class runs";
  }

  /** The Testcontainers interface a container implements; read reflectively, never linked. */
  public static final String CONTAINER_STATE = "org.testcontainers.containers.ContainerState";
}
