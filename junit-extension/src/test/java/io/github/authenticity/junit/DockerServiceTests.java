package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.authenticity.core.internal.events.EventReader;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The Docker-present path against a real engine: a {@link RealServiceContainer} on a random mapped port is the real
 * service (probed, proven, reported at its mapped address), in staging it is {@code LOOPBACK_IN_STAGING}, and every
 * mistake fails with its exact message. Runs only with {@code -Pdocker}; set up with src/test/docker/setup-docker.sh.
 */
@Tag("docker")
class DockerServiceTests {

  /** Built locally by setup-docker.sh: no registry is reachable. */
  static final String IMAGE = "authenticity/busybox:local";

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

  /** busybox httpd serving {@code /health} ("ok") on container port 8080, published on a random host port. */
  static GenericContainer<?> httpd() {
    return new GenericContainer<>(IMAGE)
        .withExposedPorts(8080)
        .withCommand("sh", "-c", "mkdir -p /www && echo ok > /www/health && exec httpd -f -p 8080 -h /www")
        .waitingFor(Wait.forHttp("/health").forStatusCode(200));
  }

  /** Where Testcontainers publishes ports: {@code localhost} with TESTCONTAINERS_HOST_OVERRIDE=localhost. */
  private static String host() {
    return DockerClientFactory.instance().dockerHostIpAddress();
  }

  private static String get(GenericContainer<?> container) throws IOException {
    URI uri = URI.create("http://" + container.getHost() + ":" + container.getMappedPort(8080) + "/health");
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    assertThat(connection.getResponseCode()).isEqualTo(200);
    return new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  /** Runs {@code fixture} as a Maven build does (the Launcher with Authenticity's listener); its events. */
  private List<Map<String, Object>> launch(Class<?> fixture) {
    Path out = dir.resolve("out-" + fixture.getSimpleName());
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture))
        .configurationParameters(Map.of("authenticity.config", RealServiceContainerTests.config(dir, "local"),
            "authenticity.outputDirectory", out.toString(), "authenticity.reportsDirectory",
            dir.resolve("reports").toString()))
        .build();
    LauncherFactory.create().execute(request);
    List<Path> files = EventReader.find(out);
    assertThat(files).hasSize(1);
    return EventLines.read(files.get(0));
  }

  private static List<Map<String, Object>> ofType(List<Map<String, Object>> events, String type) {
    return events.stream().filter(e -> type.equals(e.get("type"))).toList();
  }

  @Test
  void aContainerOnARandomPortIsTheServiceItsTestIsAuthenticWithProofNamingTheMappedPort() {
    for (Class<?> fixture : List.of(ContainerServiceTestCase.class, GuardedFirstTestCase.class)) {
      List<Map<String, Object>> events = launch(fixture);

      int mapped = fixture == ContainerServiceTestCase.class ? ContainerServiceTestCase.mapped
          : GuardedFirstTestCase.mapped;
      assertThat(mapped).as("a random mapped port").isNotEqualTo(8080).isPositive();
      assertThat(ofType(events, "service")).as(fixture.getSimpleName()).singleElement().satisfies(s -> assertThat(s)
          .containsEntry("name", "backend").containsEntry("status", "UP")
          .containsEntry("endpoint", "GET http://" + host() + ":" + mapped + "/health"));
      assertThat(ofType(events, "verdict")).as(fixture.getSimpleName()).singleElement().satisfies(v -> assertThat(v)
          .containsEntry("verdict", "AUTHENTIC").containsEntry("evidence", List.of()));
      assertThat((String) ofType(events, "verdict").get(0).get("proof")).as(fixture.getSimpleName())
          .contains(host() + ":" + mapped);
    }
  }

  @Test
  void oneContainerCanBeTwoServicesAndAHostAndPortProbeGetsTheMappedAddress() {
    List<Map<String, Object>> events = launch(TwoServicesTestCase.class);

    int mapped = TwoServicesTestCase.mapped;
    assertThat(ofType(events, "service")).extracting(s -> s.get("name") + " " + s.get("status") + " " + s.get("endpoint"))
        .containsExactlyInAnyOrder("backend UP GET http://" + host() + ":" + mapped + "/health",
            "raw UP tcp " + host() + ":" + mapped);
    assertThat(ofType(events, "verdict")).singleElement().satisfies(v -> assertThat(v)
        .containsEntry("verdict", "AUTHENTIC").containsEntry("evidence", List.of()));
  }

  @Test
  void withoutTheListenerTheContainerIsProbedAtFirstUseAndTheTestPasses() {
    EngineExecutionResults results = Kit.run(ContainerServiceTestCase.class,
        Map.of("authenticity.config", RealServiceContainerTests.config(dir, "local")));

    assertThat(Kit.allFailures(results)).isEmpty();
    results.containerEvents().assertStatistics(stats -> stats.skipped(0).failed(0));
    results.testEvents().assertStatistics(stats -> stats.skipped(0).started(1).succeeded(1).failed(0));
    assertThat(ContainerServiceTestCase.answered).isEqualTo("ok\n");
  }

  @Test
  void inStagingAContainerIsNotTheStagingServiceAndTheTestIsMasked() {
    EngineExecutionResults results = Kit.run(ContainerServiceTestCase.class,
        Map.of("authenticity.config", RealServiceContainerTests.config(dir, "staging")));

    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(Kit.failures(results)).singleElement().isInstanceOf(MaskedTestException.class);
    assertThat(Kit.failureMessages(results)).containsExactly("MASKED: this guarded test requires the real service"
        + " [backend], but 1 finding shows that it did not really use it:\n"
        + "  LOOPBACK_IN_STAGING: service 'backend' is the container in field [" + ContainerServiceTestCase.class
        .getName() + ".BACKEND] at [" + host() + ":" + ContainerServiceTestCase.mapped + "], started by this JVM, in"
        + " staging environment [staging]: this is not the staging service\n"
        + "Point the service at the staging host in the staging environment's configuration.\n"
        + "To report masked tests without failing them, run with -Dauthenticity.mode=report.");
  }

  @Test
  void anInstanceContainerIsReadBeforeEachTestAndEachTestIsProvenAgainstItsOwnContainer() {
    InstanceContainerTestCase.mapped.clear();

    List<Map<String, Object>> events = launch(InstanceContainerTestCase.class);

    List<Integer> mapped = InstanceContainerTestCase.mapped;
    assertThat(mapped).hasSize(2).doesNotHaveDuplicates();
    assertThat(ofType(events, "service")).extracting(s -> s.get("endpoint")).containsExactlyInAnyOrder(
        "GET http://" + host() + ":" + mapped.get(0) + "/health", "GET http://" + host() + ":" + mapped.get(1)
            + "/health");
    assertThat(ofType(events, "verdict")).extracting(v -> v.get("verdict")).containsExactly("AUTHENTIC", "AUTHENTIC");
    assertThat(ofType(events, "verdict")).extracting(v -> (String) v.get("proof"))
        .anySatisfy(proof -> assertThat(proof).contains(host() + ":" + mapped.get(0)))
        .anySatisfy(proof -> assertThat(proof).contains(host() + ":" + mapped.get(1)));
  }

  @Test
  void anInstanceContainerThatTestcontainersStartsAfterAuthenticitySaysToReorderTheAnnotations() {
    assertThat(RealServiceContainerTests.failureOf(InstanceGuardedFirstTestCase.class, dir)).isEqualTo(
        "The container of service [backend] (@RealServiceContainer on field [" + InstanceGuardedFirstTestCase.class
            .getName() + ".backend]) is not running when test [" + InstanceGuardedFirstTestCase.class.getName()
            + "#callsTheContainer] is about to run: it was never started, or it stopped. Mark the field with"
            + " Testcontainers' @Container in a @Testcontainers class, or start the container yourself before the"
            + " tests (e.g. in a static initializer or a @BeforeAll method). This field is an instance @Container"
            + " field: Testcontainers starts it in its beforeEach, after Authenticity's when @RequiresRealService is"
            + " written before @Testcontainers. Write @Testcontainers first, or make the field static.");
  }

  @Test
  void aPortTheContainerDoesNotExposeIsAnError() {
    assertThat(RealServiceContainerTests.failureOf(UnexposedPortTestCase.class, dir)).isEqualTo(
        "@RealServiceContainer(port = 9090) on field [" + UnexposedPortTestCase.class.getName() + ".BACKEND]: the"
            + " container does not expose port [9090]; it exposes [8080]. Set port to one of them, or add"
            + " withExposedPorts(9090) to the container.");
  }

  @Test
  void theMistakesThatNeedNoEngineFailTheSameWithOne() {
    RealServiceContainerTests.anUnknownServiceNameFailsTheTest(dir);
    RealServiceContainerTests.aFieldThatIsNotAContainerFailsTheTest(dir);
    RealServiceContainerTests.aContainerThatNeverStartedFailsTheTest(dir);
  }

  /** Testcontainers' extension first: its beforeAll starts the container before Authenticity's. */
  @Testcontainers(disabledWithoutDocker = true)
  @RequiresRealService("backend")
  static class ContainerServiceTestCase {

    static volatile String answered;
    static volatile int mapped;

    @Container
    @RealServiceContainer(value = "backend", port = 8080)
    static final GenericContainer<?> BACKEND = httpd();

    @BeforeAll
    static void recordTheMappedPort() {
      mapped = BACKEND.getMappedPort(8080);
    }

    @Test
    void callsTheContainer() throws IOException {
      answered = null;
      answered = get(BACKEND);
    }
  }

  /** Authenticity's extension first: its beforeAll runs before Testcontainers starts the container. */
  @RequiresRealService("backend")
  @Testcontainers(disabledWithoutDocker = true)
  static class GuardedFirstTestCase {

    static volatile int mapped;

    @Container
    @RealServiceContainer(value = "backend", port = 8080)
    static final GenericContainer<?> BACKEND = httpd();

    @Test
    void callsTheContainer() throws IOException {
      mapped = BACKEND.getMappedPort(8080);
      get(BACKEND);
    }
  }

  /** One container, two services: {@code backend} (http, a URL) and {@code raw} (tcp, host and port). */
  @Testcontainers(disabledWithoutDocker = true)
  @RequiresRealService({"backend", "raw"})
  static class TwoServicesTestCase {

    static volatile int mapped;

    @Container
    @RealServiceContainer({"backend", "raw"})
    static final GenericContainer<?> BACKEND = httpd();

    @Test
    void callsTheContainer() throws IOException {
      mapped = BACKEND.getFirstMappedPort();
      get(BACKEND);
    }
  }

  /** An instance container: Testcontainers starts one for each test, in its beforeEach, before Authenticity's. */
  @Testcontainers(disabledWithoutDocker = true)
  @RequiresRealService("backend")
  static class InstanceContainerTestCase {

    static final List<Integer> mapped = new CopyOnWriteArrayList<>();

    @Container
    @RealServiceContainer("backend")
    GenericContainer<?> backend = httpd();

    @Test
    void callsTheContainer() throws IOException {
      mapped.add(backend.getFirstMappedPort());
      get(backend);
    }

    @Test
    void callsItsOwnContainer() throws IOException {
      mapped.add(backend.getFirstMappedPort());
      get(backend);
    }
  }

  /** An instance container with Authenticity's extension first: read before Testcontainers' beforeEach starts it. */
  @RequiresRealService("backend")
  @Testcontainers(disabledWithoutDocker = true)
  static class InstanceGuardedFirstTestCase {

    @Container
    @RealServiceContainer("backend")
    GenericContainer<?> backend = httpd();

    @Test
    void callsTheContainer() throws IOException {
      get(backend);
    }
  }

  @Testcontainers(disabledWithoutDocker = true)
  @RequiresRealService("backend")
  static class UnexposedPortTestCase {

    @Container
    @RealServiceContainer(value = "backend", port = 9090)
    static final GenericContainer<?> BACKEND = httpd();

    @Test
    void callsTheContainer() throws IOException {
      get(BACKEND);
    }
  }
}
