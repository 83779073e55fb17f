package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.github.authenticity.core.internal.events.EventReader;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.testcontainers.containers.GenericContainer;

/**
 * {@link RealServiceContainer} mistakes, each a failure with the field, the values and the fix. None of them needs a
 * Docker engine (a container that was never started has no container id), so they run in the default build;
 * {@code DockerServiceTests} runs them again against a real engine.
 */
class RealServiceContainerTests {

  @TempDir
  Path dir;

  /** authenticity.yaml with {@code backend} as a container service in {@code local} and {@code staging}. */
  static String config(Path dir, String environment) {
    String service = "backend: { probe: http, container: true, path: /health, expectStatus: 200, timeout: 2s }\n"
        + "      raw: { probe: tcp, container: true }";
    String yaml = "environment: " + environment + "\n"
        + "history: " + dir.resolve("history.json") + "\n"
        + "detection:\n  interaction: required\n"
        + "environments:\n"
        + "  local:\n    services:\n      " + service + "\n"
        + "  staging:\n    staging: true\n    services:\n      " + service + "\n";
    try {
      Path file = dir.resolve("authenticity.yaml");
      Files.writeString(file, yaml);
      return file.toString();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** Runs {@code fixture} and returns the single failure message of its single test, checking its type. */
  static String failureOf(Class<?> fixture, Path dir) {
    EngineExecutionResults results = Kit.run(fixture, Map.of("authenticity.config", config(dir, "local")));
    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(Kit.failures(results)).singleElement().isInstanceOf(ExtensionConfigurationException.class);
    return Kit.failureMessages(results).get(0);
  }

  static void anUnknownServiceNameFailsTheTest(Path dir) {
    assertThat(failureOf(UnknownNameTestCase.class, dir)).isEqualTo("Unknown service [bakend] in"
        + " @RealServiceContainer on field [" + UnknownNameTestCase.class.getName() + ".BACKEND]: environment [local]"
        + " in [" + dir.resolve("authenticity.yaml") + "] defines [backend, raw]. Did you mean [backend]? Add it under"
        + " environments.local.services or fix the name.");
  }

  static void aFieldThatIsNotAContainerFailsTheTest(Path dir) {
    assertThat(failureOf(NotAContainerTestCase.class, dir)).isEqualTo("@RealServiceContainer on field ["
        + NotAContainerTestCase.class.getName() + ".BACKEND]: its value, of type [java.lang.String], is not a"
        + " Testcontainers container (it does not implement [org.testcontainers.containers.ContainerState]). Put"
        + " @RealServiceContainer on the field that holds the container, e.g. @Container static GenericContainer<?>"
        + " backend = new GenericContainer<>(\"image\").withExposedPorts(8080);");
  }

  static void aContainerThatNeverStartedFailsTheTest(Path dir) {
    assertThat(failureOf(NeverStartedTestCase.class, dir)).isEqualTo("The container of service [backend]"
        + " (@RealServiceContainer on field [" + NeverStartedTestCase.class.getName() + ".BACKEND]) is not running"
        + " when test [" + NeverStartedTestCase.class.getName() + "#callsTheContainer] is about to run: it was never"
        + " started, or it stopped. Mark the field with Testcontainers' @Container in a @Testcontainers class, or"
        + " start the container yourself before the tests (e.g. in a static initializer or a @BeforeAll method).");
  }

  @Test
  void anUnknownServiceNameInTheAnnotationNamesTheFieldAndTheClosestName() {
    anUnknownServiceNameFailsTheTest(dir);
  }

  @Test
  void aFieldThatIsNotAContainerSaysWhereTheAnnotationBelongs() {
    aFieldThatIsNotAContainerFailsTheTest(dir);
  }

  @Test
  void aContainerThatWasNeverStartedSaysHowToStartIt() {
    aContainerThatNeverStartedFailsTheTest(dir);
  }

  @Test
  void aNullFieldSaysToAssignTheContainer() {
    assertThat(failureOf(NullFieldTestCase.class, dir)).isEqualTo("@RealServiceContainer on field ["
        + NullFieldTestCase.class.getName() + ".BACKEND]: the field is null when test [" + NullFieldTestCase.class
        .getName() + "#callsTheContainer] is about to run. Assign the container where the field is declared"
        + " (Testcontainers' @Container starts it, it does not create it).");
  }

  @Test
  void twoContainersForOneServiceIsAnError() {
    assertThat(failureOf(BoundTwiceTestCase.class, dir)).isEqualTo("Service [backend] is bound to two containers:"
        + " @RealServiceContainer on fields [" + BoundTwiceTestCase.class.getName() + ".FIRST] and ["
        + BoundTwiceTestCase.class.getName() + ".SECOND]. A service is one container: remove the name from one of"
        + " them.");
  }

  @Test
  void aContainerServiceThatNoFieldProvidesFailsTheClass() {
    EngineExecutionResults results = Kit.run(UnboundTestCase.class, Map.of("authenticity.config",
        config(dir, "local")));

    results.testEvents().assertStatistics(stats -> stats.started(0));
    assertThat(Kit.containerFailureMessages(results)).containsExactly("Service [backend] is configured with"
        + " container: true (" + dir.resolve("authenticity.yaml") + ":8), but no field of [" + UnboundTestCase.class.getName() + "] (or of"
        + " its superclasses or enclosing classes) is annotated @RealServiceContainer(\"backend\"). Annotate the"
        + " container field that runs it, or configure url (or host and port) instead of container: true.");
  }

  @Test
  void theFieldIsFoundInASuperclassAndInTheEnclosingClassOfANestedClass() {
    assertThat(failureOf(InheritedTestCase.class, dir)).startsWith("The container of service [backend]"
        + " (@RealServiceContainer on field [" + NeverStartedTestCase.class.getName() + ".BACKEND]) is not running"
        + " when test [" + InheritedTestCase.class.getName() + "#callsTheContainer] is about to run");
    assertThat(failureOf(EnclosingTestCase.Inner.class, dir)).startsWith("The container of service [backend]"
        + " (@RealServiceContainer on field [" + EnclosingTestCase.class.getName() + ".backend]) is not running"
        + " when test [" + EnclosingTestCase.Inner.class.getName() + "#callsTheContainer] is about to run");
  }

  @Test
  void aClassWithAContainerFieldHasItsServicesProbedAtFirstUseNotWhenTheRunStarts() {
    assertThat(ContainerSkip.startsContainers(NeverStartedTestCase.class)).isTrue();
    assertThat(ContainerSkip.startsContainers(UnboundTestCase.class)).isFalse();
    Path out = dir.resolve("out");
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(NeverStartedTestCase.class), selectClass(UnboundTestCase.class))
        .configurationParameters(Map.of("authenticity.config", config(dir, "local"), "authenticity.outputDirectory",
            out.toString(), "authenticity.reportsDirectory", dir.resolve("reports").toString()))
        .build();

    LauncherFactory.create().execute(request);

    List<Map<String, Object>> events = EventLines.read(EventReader.find(out).get(0));
    assertThat(events).as("a container: true service has no address before its container runs: never probed")
        .noneMatch(event -> "service".equals(event.get("type")));
    assertThat(new io.github.authenticity.core.internal.report.ReportBuilder().addEventFile(EventReader.find(out).get(0)).build()
        .guardedTests()).extracting(io.github.authenticity.core.internal.model.TestEntry::verdict)
        .containsExactly(io.github.authenticity.core.internal.model.Verdict.FAILED,
            io.github.authenticity.core.internal.model.Verdict.FAILED);
  }

  @RequiresRealService("backend")
  static class UnknownNameTestCase {

    @RealServiceContainer("bakend")
    static final GenericContainer<?> BACKEND = new GenericContainer<>(DockerServiceTests.IMAGE).withExposedPorts(8080);

    @Test
    void callsTheContainer() {
    }
  }

  @RequiresRealService("backend")
  static class NotAContainerTestCase {

    @RealServiceContainer("backend")
    static final String BACKEND = "http://localhost:8080/health";

    @Test
    void callsTheContainer() {
    }
  }

  @RequiresRealService("backend")
  static class NeverStartedTestCase {

    @RealServiceContainer(value = "backend", port = 8080)
    static final GenericContainer<?> BACKEND = new GenericContainer<>(DockerServiceTests.IMAGE).withExposedPorts(8080);

    @Test
    void callsTheContainer() {
    }
  }

  static class InheritedTestCase extends NeverStartedTestCase {
  }

  @RequiresRealService("backend")
  static class EnclosingTestCase {

    @RealServiceContainer(value = "backend", port = 8080)
    final GenericContainer<?> backend = new GenericContainer<>(DockerServiceTests.IMAGE).withExposedPorts(8080);

    @Nested
    class Inner {

      @Test
      void callsTheContainer() {
      }
    }
  }

  @RequiresRealService("backend")
  static class NullFieldTestCase {

    @RealServiceContainer("backend")
    static GenericContainer<?> BACKEND;

    @Test
    void callsTheContainer() {
    }
  }

  @RequiresRealService("backend")
  static class BoundTwiceTestCase {

    @RealServiceContainer("backend")
    static final GenericContainer<?> FIRST = new GenericContainer<>(DockerServiceTests.IMAGE);

    @RealServiceContainer("backend")
    static final GenericContainer<?> SECOND = new GenericContainer<>(DockerServiceTests.IMAGE);

    @Test
    void callsTheContainer() {
    }
  }

  @RequiresRealService("backend")
  static class UnboundTestCase {

    @Test
    void callsTheContainer() {
    }
  }
}
