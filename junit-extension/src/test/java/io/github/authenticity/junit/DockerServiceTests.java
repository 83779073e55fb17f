package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.github.authenticity.core.events.EventReader;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.FixedHostPortGenericContainer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The Docker-present path against a real engine: a container's endpoint is a real service, and in staging it
 * is {@code LOOPBACK_IN_STAGING}. Runs only with {@code -Pdocker}; set up with src/test/docker/setup-docker.sh.
 */
@Tag("docker")
class DockerServiceTests {

  /** Built locally by setup-docker.sh: no registry is reachable. */
  static final String IMAGE = "authenticity/busybox:local";

  /**
   * The host port the fixture's container is bound to, one per JVM like the fixture's static container. The
   * configuration is read before Testcontainers starts the container, so the service URL cannot use a random
   * mapped port.
   */
  static volatile int hostPort;

  @TempDir
  Path dir;

  @BeforeAll
  static void dockerIsRequired() {
    assertThat(ContainerSkip.dockerUnavailable(DockerServiceTests.class.getClassLoader()))
        .as("these tests need a Docker engine and the image [%s]: run"
            + " `sudo bash junit-extension/src/test/docker/setup-docker.sh` and set TESTCONTAINERS_HOST_OVERRIDE=localhost"
            + " TESTCONTAINERS_RYUK_DISABLED=true", IMAGE)
        .isEmpty();
  }

  @BeforeAll
  static void pickAPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      hostPort = socket.getLocalPort();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private String config(String environment) throws IOException {
    String service = "backend: { probe: http, url: \"http://" + host() + ":" + hostPort + "/health\", timeout: 2s }";
    String yaml = "environment: " + environment + "\n"
        + "history: " + dir.resolve("history.json") + "\n"
        + "detection:\n  interaction: required\n"
        + "environments:\n"
        + "  local:\n    services:\n      " + service + "\n"
        + "  staging:\n    staging: true\n    services:\n      " + service + "\n";
    Path file = dir.resolve("authenticity.yaml");
    Files.writeString(file, yaml);
    return file.toString();
  }

  /** Where Testcontainers publishes ports: {@code localhost} with TESTCONTAINERS_HOST_OVERRIDE=localhost. */
  private static String host() {
    return DockerClientFactory.instance().dockerHostIpAddress();
  }

  @Test
  void aGuardedClassWithAContainerRunsAndItsContainerEndpointIsARealService() throws IOException {
    EngineExecutionResults results = Kit.run(ContainerServiceTestCase.class,
        Map.of("authenticity.config", config("local")));

    assertThat(Kit.allFailures(results)).isEmpty();
    results.containerEvents().assertStatistics(stats -> stats.skipped(0).failed(0));
    results.testEvents().assertStatistics(stats -> stats.skipped(0).started(1).succeeded(1).failed(0));
    assertThat(ContainerServiceTestCase.answered).isEqualTo("ok\n");
  }

  @Test
  void inStagingTheContainerEndpointIsLoopbackAndTheTestIsMasked() throws IOException {
    EngineExecutionResults results = Kit.run(ContainerServiceTestCase.class,
        Map.of("authenticity.config", config("staging")));

    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(Kit.failures(results)).singleElement().isInstanceOf(MaskedTestException.class);
    assertThat(Kit.failureMessages(results)).containsExactly("MASKED: this guarded test requires the real service"
        + " [backend], but 1 finding shows that it did not really use it:\n"
        + "  LOOPBACK_IN_STAGING: service 'backend' host [" + host() + "] resolves to [127.0.0.1], a loopback address,"
        + " in staging environment [staging]: this is not the staging service\n"
        + "Make the test use the real service. A deliberate mock field can be marked @AllowMock(reason = \"...\");"
        + " to report masked tests without failing them, run with -Dauthenticity.mode=report.");
  }

  @Test
  void withTheListenerAsInAMavenBuildTheContainerServiceIsProbedWhenTheContainerIsUpAndTheTestIsAuthentic()
      throws IOException {
    for (Class<?> fixture : List.of(ContainerServiceTestCase.class, GuardedFirstTestCase.class)) {
      Path out = dir.resolve("out-" + fixture.getSimpleName());
      LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture))
          .configurationParameters(Map.of("authenticity.config", config("local"), "authenticity.outputDirectory",
              out.toString(), "authenticity.reportsDirectory", dir.resolve("reports").toString()))
          .build();

      LauncherFactory.create().execute(request);

      List<Path> files = EventReader.find(out);
      assertThat(files).hasSize(1);
      List<Map<String, Object>> events = EventLines.read(files.get(0));
      assertThat(ofType(events, "service")).as(fixture.getSimpleName()).singleElement().satisfies(s -> assertThat(s)
          .containsEntry("status", "UP").containsEntry("endpoint", "GET http://" + host() + ":" + hostPort + "/health"));
      assertThat(ofType(events, "verdict")).as(fixture.getSimpleName()).singleElement().satisfies(v -> assertThat(v)
          .containsEntry("verdict", "AUTHENTIC").containsEntry("evidence", List.of()));
      assertThat((String) ofType(events, "verdict").get(0).get("proof")).as(fixture.getSimpleName())
          .contains(":" + hostPort);
    }
  }

  private static List<Map<String, Object>> ofType(List<Map<String, Object>> events, String type) {
    return events.stream().filter(e -> type.equals(e.get("type"))).toList();
  }

  /** Testcontainers' extension first: its beforeAll starts the container before Authenticity's. */
  @Testcontainers(disabledWithoutDocker = true)
  @RequiresRealService("backend")
  static class ContainerServiceTestCase {

    static volatile String answered;

    @Container
    static final GenericContainer<?> BACKEND = new FixedHostPortGenericContainer<>(IMAGE)
        .withFixedExposedPort(hostPort, 8080)
        .withExposedPorts(8080)
        .withCommand("sh", "-c", "mkdir -p /www && echo ok > /www/health && exec httpd -f -p 8080 -h /www")
        .waitingFor(Wait.forHttp("/health").forStatusCode(200));

    @Test
    void callsTheContainer() throws IOException {
      answered = null;
      URI uri = URI.create("http://" + BACKEND.getHost() + ":" + BACKEND.getMappedPort(8080) + "/health");
      HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
      assertThat(connection.getResponseCode()).isEqualTo(200);
      answered = new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Authenticity's extension first: its beforeAll runs before the container is started. */
  @RequiresRealService("backend")
  @Testcontainers(disabledWithoutDocker = true)
  static class GuardedFirstTestCase {

    @Container
    static final GenericContainer<?> BACKEND = ContainerServiceTestCase.BACKEND;

    @Test
    void callsTheContainer() throws IOException {
      URI uri = URI.create("http://" + BACKEND.getHost() + ":" + BACKEND.getMappedPort(8080) + "/health");
      HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
      assertThat(connection.getResponseCode()).isEqualTo(200);
      connection.getInputStream().readAllBytes();
    }
  }
}
