package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.authenticity.core.internal.events.EventReader;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import io.github.authenticity.core.internal.model.NotRunReason;
import io.github.authenticity.core.internal.model.TestEntry;
import io.github.authenticity.core.internal.model.Verdict;
import io.github.authenticity.core.internal.report.ReportBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The listener through a real Launcher, registered by ServiceLoader as in a Maven or Gradle run. */
class ListenerTests {

  @TempDir
  Path dir;

  private final Backends backends = new Backends();

  @AfterEach
  void stopBackends() throws java.io.IOException {
    backends.close();
  }

  private List<Map<String, Object>> run(Class<?> fixture, Map<String, String> parameters) {
    Map<String, String> all = new HashMap<>(parameters);
    all.put("authenticity.outputDirectory", dir.resolve("out").toString());
    all.putIfAbsent("authenticity.reportsDirectory", dir.resolve("reports").toString());
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture))
        .configurationParameters(all).build();
    LauncherFactory.create().execute(request);
    List<Path> files = EventReader.find(dir.resolve("out"));
    assertThat(files).hasSize(1);
    lastFile = files.get(0);
    EventReader.ReadResult file = EventReader.read(files.get(0), event -> { });
    assertThat(file.truncated()).isFalse();
    assertThat(file.problems()).isEmpty();
    return EventLines.read(files.get(0));
  }

  private Path lastFile;

  /** The guarded tests of the last run as the report judges them (container verdicts applied by the core judge). */
  private List<TestEntry> judged() {
    return new ReportBuilder().addEventFile(lastFile).build().guardedTests();
  }

  private static List<Map<String, Object>> ofType(List<Map<String, Object>> events, String type) {
    return events.stream().filter(e -> type.equals(e.get("type"))).toList();
  }

  private static List<String> types(List<Map<String, Object>> events) {
    return events.stream().map(e -> (String) e.get("type")).toList();
  }

  @Test
  void writesTheReportAndPrintsTheConsoleBlockAtTheEndOfThePlan() throws java.io.IOException {
    int port = Backends.closedPort();
    java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
    java.io.PrintStream original = System.out;
    System.setOut(new java.io.PrintStream(console, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      run(MixedTestCase.class, Map.of("authenticity.config",
          Backends.config(dir, Backends.http("backend", port, "1s"), "")));
    } finally {
      System.setOut(original);
    }

    Path reports = dir.resolve("reports");
    assertThat(reports.resolve("authenticity-report.html")).exists();
    assertThat(reports.resolve("authenticity-report.md")).exists();
    assertThat(reports.resolve("TEST-authenticity.xml")).exists();
    String json = java.nio.file.Files.readString(reports.resolve("authenticity-report.json"));
    assertThat(json).contains("\"verdict\":\"FAILED\"", "\"serviceDown\":3");
    assertThat(console.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
        .filter(line -> line.startsWith("[authenticity] ")))
        .first().isEqualTo("[authenticity] 3 guarded tests: 3 SERVICE_DOWN");
    assertThat(console.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("[authenticity] report: " + reports.resolve("authenticity-report.html"));
  }

  @Test
  void aPlanWithoutGuardedTestsWritesNoReport() {
    run(UnguardedTestCase.class, Map.of());

    assertThat(dir.resolve("reports")).doesNotExist();
  }

  @Test
  void aPlanWithoutGuardedTestsWritesOnlyRunAndEndWithCounts() {
    List<Map<String, Object>> events = run(UnguardedTestCase.class, Map.of());

    assertThat(types(events)).containsExactly("run", "end");
    assertThat(events.get(0)).containsEntry("config", "(not loaded: no guarded test)")
        .containsEntry("pid", ProcessHandle.current().pid());
    assertThat(events.get(1)).containsEntry("discovered", 2L).containsEntry("started", 2L)
        .containsEntry("succeeded", 1L).containsEntry("failed", 1L).containsEntry("aborted", 0L)
        .containsEntry("skipped", 0L);
    assertThat(events).allSatisfy(e -> assertThat(e.get("run")).isEqualTo(events.get(0).get("run")));
  }

  @Test
  void recordsThePlanTheProbeTheVerdictsAndTheOutcomes() {
    int port = Backends.closedPort();
    List<Map<String, Object>> events = run(MixedTestCase.class,
        Map.of("authenticity.config", Backends.config(dir, Backends.http("backend", port, "1s"), "")));

    assertThat(types(events).get(0)).isEqualTo("run");
    assertThat(types(events).get(types(events).size() - 1)).isEqualTo("end");
    assertThat(events.get(0)).containsEntry("environment", "local").containsEntry("staging", false)
        .containsEntry("mode", "fail").containsEntry("configError", null);
    List<Map<String, Object>> tests = ofType(events, "test");
    assertThat(tests).extracting(t -> t.get("displayName")).containsExactly("ListenerTests$MixedTestCase > first()",
        "ListenerTests$MixedTestCase > second()", "ListenerTests$MixedTestCase > unguarded()",
        "ListenerTests$MixedTestCase > Inner > inner()");
    assertThat(tests.get(0)).containsEntry("className", MixedTestCase.class.getName())
        .containsEntry("methodName", "first").containsEntry("guarded", true)
        .containsEntry("services", List.of("backend")).containsEntry("stagingOnly", false)
        .containsEntry("minDurationMillis", 2000L).containsEntry("tags", List.of("e2e"));
    assertThat(tests.get(2)).containsEntry("guarded", false).containsEntry("services", List.of())
        .containsEntry("minDurationMillis", null);
    assertThat(tests.get(3)).containsEntry("className", MixedTestCase.Inner.class.getName())
        .containsEntry("guarded", true).containsEntry("services", List.of("backend"));

    assertThat(ofType(events, "service")).singleElement().satisfies(s -> assertThat(s)
        .containsEntry("name", "backend").containsEntry("probe", "http").containsEntry("status", "DOWN")
        .containsEntry("endpoint", "GET http://127.0.0.1:" + port + "/health"));

    List<Map<String, Object>> verdicts = ofType(events, "verdict");
    assertThat(verdicts).hasSize(2).allSatisfy(v -> assertThat(v).containsEntry("verdict", "SERVICE_DOWN"));
    assertThat(ofType(events, "container")).singleElement().satisfies(c -> assertThat(c)
        .containsEntry("verdict", "SERVICE_DOWN").containsEntry("uniqueId", "[engine:junit-jupiter]/[class:"
            + MixedTestCase.class.getName() + "]/[nested-class:Inner]"));
    assertThat(judged()).extracting(TestEntry::verdict).containsExactly(Verdict.SERVICE_DOWN, Verdict.SERVICE_DOWN,
        Verdict.SERVICE_DOWN);
    assertThat((String) verdicts.get(0).get("message")).matches("Real service 'backend' is DOWN: GET"
        + " http://127\\.0\\.0\\.1:" + port + "/health connection refused in \\d+ ms \\(probed \\d\\d:\\d\\d:\\d\\d\\)\\."
        + " This test requires the real service; mock fallback is forbidden\\. 2 other tests that require 'backend'"
        + " fail for the same reason\\.");

    List<Map<String, Object>> finished = ofType(events, "finished");
    assertThat(finished).extracting(f -> f.get("status")).containsExactly("FAILED", "FAILED", "SUCCESSFUL", "FAILED");
    assertThat(finished.subList(0, 3)).allSatisfy(f -> assertThat(f).containsEntry("via", null));
    // the @Nested class is guarded itself: it fails before its @BeforeAll, and its test is counted through it
    assertThat(finished.get(3)).containsEntry("via", "[engine:junit-jupiter]/[class:" + MixedTestCase.class.getName()
        + "]/[nested-class:Inner]");
    assertThat(judged().get(2).message()).endsWith("This test class requires the real service; mock"
        + " fallback is forbidden. 3 tests that require 'backend' fail for the same reason.");
    assertThat(ofType(events, "started")).hasSize(3);
    // each verdict comes before its test's finished event
    String firstId = (String) tests.get(0).get("uniqueId");
    assertThat(indexOf(events, "verdict", firstId)).isLessThan(indexOf(events, "finished", firstId));
    assertThat(events.get(events.size() - 1)).containsEntry("discovered", 4L).containsEntry("started", 3L)
        .containsEntry("succeeded", 1L).containsEntry("failed", 3L);
  }

  @Test
  void aLoneTestOnADeadServiceSaysThatNoOtherTestRequiresIt() {
    int port = Backends.closedPort();
    List<Map<String, Object>> events = run(LoneTestCase.class,
        Map.of("authenticity.config", Backends.config(dir, Backends.http("backend", port, "1s"), "")));

    assertThat(ofType(events, "verdict")).singleElement().satisfies(v -> assertThat((String) v.get("message"))
        .endsWith("This test requires the real service; mock fallback is forbidden. No other test requires 'backend'."));
  }

  @Test
  void aTestOnAServiceThatIsUpIsAuthentic() {
    int port = backends.up();
    List<Map<String, Object>> events = run(LoneTestCase.class,
        Map.of("authenticity.config", Backends.config(dir, Backends.http("backend", port, "1s"), "")));

    assertThat(ofType(events, "service")).singleElement().satisfies(s -> assertThat(s).containsEntry("status", "UP"));
    assertThat(ofType(events, "verdict")).singleElement().satisfies(v -> assertThat(v)
        .containsEntry("verdict", "AUTHENTIC").containsEntry("evidence", List.of()));
    assertThat(ofType(events, "finished")).singleElement().satisfies(f -> assertThat(f)
        .containsEntry("status", "SUCCESSFUL").containsEntry("message", null));
  }

  @Test
  void aClassWhoseServiceIsDownIsExpandedToEachOfItsTestsAsServiceDown() {
    int port = Backends.closedPort();
    List<Map<String, Object>> events = run(ClassDownTestCase.class,
        Map.of("authenticity.config", Backends.config(dir, Backends.http("backend", port, "1s"), "")));

    assertThat(judged()).hasSize(2).allSatisfy(t -> assertThat(t.verdict()).isEqualTo(Verdict.SERVICE_DOWN));
    assertThat(judged().get(0).message()).endsWith("This test class requires the real service; mock"
        + " fallback is forbidden. 2 tests that require 'backend' fail for the same reason.");
    assertThat(ofType(events, "finished")).hasSize(2).allSatisfy(f -> assertThat(f).containsEntry("status", "FAILED")
        .containsEntry("via", "[engine:junit-jupiter]/[class:" + ClassDownTestCase.class.getName() + "]"));
    assertThat(ofType(events, "started")).isEmpty();
    assertThat(events.get(events.size() - 1)).containsEntry("discovered", 2L).containsEntry("started", 0L)
        .containsEntry("failed", 2L);
  }

  @Test
  void aDisabledGuardedClassIsExpandedToEachOfItsTestsAsSkipped() {
    List<Map<String, Object>> events = run(DisabledTestCase.class,
        Map.of("authenticity.config", Backends.config(dir, "", "")));

    assertThat(ofType(events, "finished")).hasSize(2).allSatisfy(f -> assertThat(f).containsEntry("status", "SKIPPED")
        .containsEntry("message", "not today")
        .containsEntry("via", "[engine:junit-jupiter]/[class:" + DisabledTestCase.class.getName() + "]"));
    assertThat(ofType(events, "verdict")).isEmpty();
    assertThat(ofType(events, "finished")).allSatisfy(f -> assertThat(f).containsEntry("disabled", true));
    assertThat(judged()).extracting(TestEntry::verdict, TestEntry::reason).containsOnly(
        org.assertj.core.groups.Tuple.tuple(Verdict.NOT_RUN, NotRunReason.DISABLED));
    assertThat(events.get(events.size() - 1)).containsEntry("discovered", 2L).containsEntry("skipped", 2L);
  }

  @Test
  void anAssumptionInBeforeAllIsExpandedToEachTestAsMaskedAborted() {
    List<Map<String, Object>> events = run(BeforeAllAbortTestCase.class,
        Map.of("authenticity.config", Backends.config(dir, "", "")));

    assertThat(judged()).hasSize(2).allSatisfy(t -> assertThat(t).extracting(TestEntry::verdict, TestEntry::evidence)
        .containsExactly(Verdict.MASKED, List.of(new Evidence(EvidenceKind.ABORTED, "an assumption aborted the test"
            + " class in @BeforeAll, and a skip is not a pass: Assumption failed: no Docker"))));
    assertThat(ofType(events, "finished")).hasSize(2).allSatisfy(f -> assertThat(f).containsEntry("status", "FAILED")
        .containsEntry("via", "[engine:junit-jupiter]/[class:" + BeforeAllAbortTestCase.class.getName() + "]"));
  }

  @Test
  void anAssumptionInBeforeAllIsExpandedAsAbortedInReportMode() {
    List<Map<String, Object>> events = run(BeforeAllAbortTestCase.class,
        Map.of("authenticity.config", Backends.config(dir, "", ""), "authenticity.mode", "report"));

    assertThat(judged()).hasSize(2).allSatisfy(t -> assertThat(t.verdict()).isEqualTo(Verdict.MASKED));
    assertThat(ofType(events, "finished")).hasSize(2).allSatisfy(f -> assertThat(f).containsEntry("status", "ABORTED")
        .containsEntry("message", "Assumption failed: no Docker"));
    assertThat(events.get(events.size() - 1)).containsEntry("aborted", 2L);
  }

  @Test
  void aStagingOnlyClassOutsideStagingIsExpandedToEachTestAsNotRunForTheEnvironment() {
    List<Map<String, Object>> events = run(StagingClassTestCase.class,
        Map.of("authenticity.config", Backends.config(dir, "", "")));

    assertThat(judged()).hasSize(2).allSatisfy(t -> assertThat(t).extracting(TestEntry::verdict, TestEntry::reason)
        .containsExactly(Verdict.NOT_RUN, NotRunReason.ENVIRONMENT));
    assertThat(ofType(events, "finished")).hasSize(2).allSatisfy(f -> assertThat(f).containsEntry("status", "SKIPPED")
        .containsEntry("message", "@StagingOnly: environment [local] is not a staging environment; run with"
            + " -Dauthenticity.environment=staging"));
  }

  @Test
  void aClassThatTestcontainersSkipsFirstIsExpandedToEachTestAsMaskedContainerSkip() {
    List<Map<String, Object>> events = run(ContainerSkipTests.TestcontainersFirstTestCase.class,
        Map.of("authenticity.config", Backends.config(dir, "", "")));

    if (ContainerSkip.dockerUnavailable(getClass().getClassLoader()).isPresent()) {
      assertThat(judged()).hasSize(2).allSatisfy(t -> assertThat(t.verdict()).isEqualTo(Verdict.MASKED))
          .allSatisfy(t -> assertThat(t.evidence().toString()).contains("CONTAINER_SKIP")
              .contains("disabledWithoutDocker"));
      assertThat(ofType(events, "finished")).hasSize(2).allSatisfy(f -> assertThat(f).containsEntry("status", "SKIPPED"));
    } else {
      assertThat(ofType(events, "finished")).hasSize(2).allSatisfy(f -> assertThat(f).containsEntry("status", "SUCCESSFUL"));
    }
  }

  @Test
  void aGuardedClassThatEnabledIfDockerAvailableSkipsFirstIsExpandedAsMaskedContainerSkip() {
    List<Map<String, Object>> events = run(DockerFirstTestCase.class,
        Map.of("authenticity.config", Backends.config(dir, "", "")));

    if (ContainerSkip.dockerUnavailable(getClass().getClassLoader()).isPresent()) {
      assertThat(judged()).singleElement().satisfies(t -> assertThat(t.verdict()).isEqualTo(Verdict.MASKED))
          .satisfies(t -> assertThat(t.evidence().toString()).contains("CONTAINER_SKIP"));
      assertThat(ofType(events, "finished")).singleElement().satisfies(f -> assertThat(f)
          .containsEntry("status", "SKIPPED").containsEntry("via", "[engine:junit-jupiter]/[class:"
              + DockerFirstTestCase.class.getName() + "]"));
    } else {
      assertThat(ofType(events, "finished")).singleElement().satisfies(f -> assertThat(f)
          .containsEntry("status", "SUCCESSFUL"));
    }
  }

  @Test
  void aGuardedTestThatFailsBecauseOfDockerIsJudgedOnce() {
    List<Map<String, Object>> events = run(ContainerSkipTests.EnabledIfDockerTestCase.class,
        Map.of("authenticity.config", Backends.config(dir, "", "")));

    assertThat(ofType(events, "verdict")).hasSize(1);
  }

  @Test
  void aListenerRegisteredTwiceRecordsThePlanOnce() {
    Map<String, String> all = Map.of("authenticity.outputDirectory", dir.resolve("out").toString(),
        "authenticity.config", Backends.config(dir, "", ""));
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(StagingClassTestCase.class)).configurationParameters(all).build();

    LauncherFactory.create().execute(request, new AuthenticityListener());

    assertThat(EventReader.find(dir.resolve("out"))).hasSize(1);
  }

  @Test
  void aGuardedTestFactoryStoppedByADeadServiceIsCountedAsOneTest() {
    int port = Backends.closedPort();
    List<Map<String, Object>> events = run(FactoryTestCase.class,
        Map.of("authenticity.config", Backends.config(dir, Backends.http("backend", port, "1s"), "")));

    String factory = "[engine:junit-jupiter]/[class:" + FactoryTestCase.class.getName() + "]/[test-factory:tests()]";
    assertThat(ofType(events, "test")).singleElement().satisfies(t -> assertThat(t)
        .containsEntry("uniqueId", factory).containsEntry("guarded", true));
    assertThat(ofType(events, "verdict")).singleElement().satisfies(v -> assertThat(v)
        .containsEntry("uniqueId", factory).containsEntry("verdict", "SERVICE_DOWN"));
    assertThat(ofType(events, "finished")).singleElement().satisfies(f -> assertThat(f)
        .containsEntry("uniqueId", factory).containsEntry("status", "FAILED").containsEntry("via", null));
    assertThat(events.get(events.size() - 1)).containsEntry("discovered", 1L).containsEntry("failed", 1L);
  }

  @Test
  void eachDynamicTestOfAGuardedFactoryIsJudged() {
    int port = backends.up();
    List<Map<String, Object>> events = run(FactoryTestCase.class,
        Map.of("authenticity.config", Backends.config(dir, Backends.http("backend", port, "1s"), "")));

    assertThat(ofType(events, "test")).hasSize(2).allSatisfy(t -> assertThat(t).containsEntry("guarded", true)
        .containsEntry("services", List.of("backend")));
    assertThat(ofType(events, "verdict")).extracting(v -> v.get("verdict")).containsExactly("AUTHENTIC", "MASKED");
    assertThat(ofType(events, "verdict").get(1).get("evidence").toString()).contains("ABORTED")
        .contains("Assumption failed: not today");
    assertThat(ofType(events, "finished")).extracting(f -> f.get("status")).containsExactly("SUCCESSFUL", "FAILED");
  }

  @Test
  void servicesDefinedOnlyByLauncherParametersAreProbed() {
    int port = backends.up();
    List<Map<String, Object>> events = run(LoneTestCase.class, Map.of("authenticity.config",
        Backends.config(dir, "", ""), "authenticity.services.backend.probe", "http",
        "authenticity.services.backend.url", "http://127.0.0.1:" + port + "/health"));

    assertThat(ofType(events, "service")).singleElement().satisfies(s -> assertThat(s).containsEntry("status", "UP")
        .containsEntry("endpoint", "GET http://127.0.0.1:" + port + "/health"));
    assertThat(ofType(events, "verdict")).singleElement().satisfies(v -> assertThat(v)
        .containsEntry("verdict", "AUTHENTIC"));
  }

  @Test
  void aBadConfigurationIsRecordedAndEveryGuardedTestFails() throws Exception {
    Path file = dir.resolve("bad.yaml");
    java.nio.file.Files.writeString(file, "environments: [unclosed\n");
    List<Map<String, Object>> events = run(ClassDownTestCase.class, Map.of("authenticity.config", file.toString()));

    assertThat((String) events.get(0).get("configError")).contains(file.toString());
    assertThat(judged()).hasSize(2).allSatisfy(t -> assertThat(t.verdict()).isEqualTo(Verdict.FAILED));
    assertThat(ofType(events, "service")).isEmpty();
  }

  @Test
  void anUnsetVariableFailsTheGuardedTestsAndTheRunIsFailedNotNoTests() throws Exception {
    Path file = dir.resolve("unset.yaml");
    java.nio.file.Files.writeString(file, "environments:\n  local:\n    services:\n      backend: { probe: http,"
        + " url: \"http://${AUTHENTICITY_IT_UNSET_19}/health\" }\n");
    java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
    java.io.PrintStream original = System.out;
    System.setOut(new java.io.PrintStream(console, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      run(ClassDownTestCase.class, Map.of("authenticity.config", file.toString()));
    } finally {
      System.setOut(original);
    }

    io.github.authenticity.core.internal.model.Report report = io.github.authenticity.core.internal.report.ReportJson.read(
        dir.resolve("reports/authenticity-report.json"));
    assertThat(report.verdict()).isEqualTo(io.github.authenticity.core.internal.model.OverallVerdict.FAILED);
    assertThat(report.summary().failed()).isEqualTo(2);
    assertThat(report.summary().guardedExecuted()).isEqualTo(2);
    String printed = console.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(printed).contains("[authenticity] 2 guarded tests: 2 FAILED").doesNotContain("NO_TESTS")
        .doesNotContain("did a test JVM die");
    assertThat(io.github.authenticity.core.internal.report.Check.evaluate(report,
        io.github.authenticity.core.internal.model.CheckSettings.defaults()).violations()).noneMatch(v -> v.contains("NO_TESTS"));
  }

  private static int indexOf(List<Map<String, Object>> events, String type, String uniqueId) {
    for (int i = 0; i < events.size(); i++) {
      if (type.equals(events.get(i).get("type")) && uniqueId.equals(events.get(i).get("uniqueId"))) {
        return i;
      }
    }
    return -1;
  }

  static class UnguardedTestCase {
    @Test
    void passes() {
    }

    @Test
    void fails() {
      throw new AssertionError("expected");
    }
  }

  @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class)
  static class MixedTestCase {
    @Test
    @Tag("e2e")
    @RequiresRealService(value = "backend", minDuration = "2s")
    void first() {
    }

    @Test
    @RequiresRealService("backend")
    void second() {
    }

    @Test
    void unguarded() {
    }

    @Nested
    @RequiresRealService("backend")
    class Inner {
      @Test
      void inner() {
      }
    }
  }

  @org.testcontainers.junit.jupiter.EnabledIfDockerAvailable
  @RequiresRealService
  static class DockerFirstTestCase {
    @Test
    void test() {
    }
  }

  static class FactoryTestCase {
    @org.junit.jupiter.api.TestFactory
    @RequiresRealService("backend")
    java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> tests() {
      return java.util.stream.Stream.of(org.junit.jupiter.api.DynamicTest.dynamicTest("one", () -> { }),
          org.junit.jupiter.api.DynamicTest.dynamicTest("two", () -> Assumptions.assumeTrue(false, "not today")));
    }
  }

  static class LoneTestCase {
    @Test
    @RequiresRealService("backend")
    void test() {
    }
  }

  @RequiresRealService("backend")
  static class ClassDownTestCase {
    @BeforeAll
    static void connect() {
      throw new AssertionError("the user's @BeforeAll must not run");
    }

    @Test
    void first() {
    }

    @Test
    void second() {
    }
  }

  @Disabled("not today")
  @RequiresRealService
  static class DisabledTestCase {
    @Test
    void first() {
    }

    @Test
    void second() {
    }
  }

  @RequiresRealService
  static class BeforeAllAbortTestCase {
    @BeforeAll
    static void docker() {
      Assumptions.assumeTrue(false, "no Docker");
    }

    @Test
    void first() {
    }

    @Test
    void second() {
    }
  }

  @StagingOnly
  static class StagingClassTestCase {
    @Test
    void first() {
    }

    @Test
    void second() {
    }
  }
}
