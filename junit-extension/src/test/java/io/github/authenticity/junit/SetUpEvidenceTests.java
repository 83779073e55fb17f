package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

import io.github.authenticity.core.Fallbacks;
import io.github.authenticity.core.internal.detect.TestScope;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import io.github.authenticity.core.internal.model.Report;
import io.github.authenticity.core.internal.model.TestEntry;
import io.github.authenticity.core.internal.model.Verdict;
import io.github.authenticity.core.internal.report.ReportJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Set-up is part of the test: fallbacks seen while a guarded test is constructed, set up and torn down, and
 * while its class is, mask it, and the evidence says where. Real JUnit runs of the incident's shapes.
 */
@Isolated // changes JVM-wide state (System.out/err) and runs its fixtures in parallel
class SetUpEvidenceTests {

  static final String AUTH_TIMEOUT = "Auth timed out after 5000 ms, falling back to stub token";
  static volatile int port;

  @TempDir
  Path dir;

  private final Backends backends = new Backends();

  @AfterEach
  void stopBackends() throws IOException {
    backends.close();
    assertThat(TestScope.anyOpen()).as("a window left open after the run").isFalse();
  }

  /** The failure message of a masked test requiring [backend] with {@code findings}, as the user reads it. */
  static String masked(String... findings) {
    StringBuilder text = new StringBuilder("MASKED: this guarded test requires the real service [backend], but ")
        .append(findings.length).append(findings.length == 1 ? " finding shows" : " findings show")
        .append(" that it did not really use it:");
    for (String finding : findings) {
      text.append("\n  ").append(finding);
    }
    return text.append("\nThe client fell back to a stand-in (the finding says why): make 'backend' reachable for"
        + " it; a stand-in must not make a guarded test pass.\nTo report masked tests without failing them, run with"
        + " -Dauthenticity.mode=report.").toString();
  }

  private Map<String, String> parameters(String interaction) {
    port = backends.up();
    try {
      Path yaml = dir.resolve("authenticity.yaml");
      Files.writeString(yaml, "environment: local\nhistory: " + dir.resolve("history.json") + "\n"
          + "detection:\n  interaction: " + interaction + "\n"
          + "environments:\n  local:\n    services:\n      backend: { probe: http, url: \"http://127.0.0.1:" + port
          + "/health\" }\n");
      Map<String, String> parameters = new HashMap<>();
      parameters.put("authenticity.config", yaml.toString());
      parameters.put("authenticity.outputDirectory", dir.resolve("out").toString());
      parameters.put("authenticity.reportsDirectory", dir.resolve("reports").toString());
      return parameters;
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private EngineExecutionResults run(Class<?> fixture) {
    return Kit.run(fixture, parameters("off"));
  }

  static void get() {
    try {
      HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/health").toURL()
          .openConnection();
      assertThat(connection.getResponseCode()).isEqualTo(200);
      connection.getInputStream().readAllBytes();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  // --- a test's own set-up and tear-down ---

  @RequiresRealService("backend")
  static class JulInBeforeEachTestCase {

    @BeforeEach
    void logIn() {
      Logger.getLogger("com.example.Auth").warning(AUTH_TIMEOUT);
    }

    @Test
    void usesTheStubToken() {
      get();
    }
  }

  @Test
  void aFallbackLoggedInBeforeEachMasksTheTestAndSaysWhere() {
    EngineExecutionResults results = run(JulInBeforeEachTestCase.class);

    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(Kit.failureMessages(results)).containsExactly("MASKED: this guarded test requires the real service"
        + " [backend], but 1 finding shows that it did not really use it:\n"
        + "  FALLBACK_LOG: in @BeforeEach logIn(): WARNING com.example.Auth: \"Auth timed out after 5000 ms, falling"
        + " back to stub token\"\n"
        + "The client fell back to a stand-in (the finding says why): make 'backend' reachable for it; a stand-in"
        + " must not make a guarded test pass.\n"
        + "To report masked tests without failing them, run with -Dauthenticity.mode=report.");
  }

  @RequiresRealService("backend")
  static class LogbackInBeforeEachTestCase {

    @BeforeEach
    void logIn() {
      org.slf4j.LoggerFactory.getLogger("com.example.Auth").warn("Auth timed out after {} ms, falling back to stub token",
          5000);
    }

    @Test
    void usesTheStubToken() {
      get();
    }
  }

  @Test
  void aFallbackLoggedThroughLogbackInBeforeEachMasksTheTest() {
    assertThat(Kit.failureMessages(run(LogbackInBeforeEachTestCase.class))).containsExactly(
        masked("FALLBACK_LOG: in @BeforeEach logIn(): WARN com.example.Auth: \"" + AUTH_TIMEOUT + "\""));
  }

  @RequiresRealService("backend")
  static class PrintedInBeforeEachTestCase {

    @BeforeEach
    void logIn() {
      System.err.println(AUTH_TIMEOUT);
    }

    @Test
    void usesTheStubToken() {
      get();
    }
  }

  @Test
  void aFallbackPrintedToSystemErrInBeforeEachMasksTheTest() {
    assertThat(Kit.failureMessages(run(PrintedInBeforeEachTestCase.class))).containsExactly(
        masked("FALLBACK_LOG: in @BeforeEach logIn(): System.err: \"" + AUTH_TIMEOUT + "\""));
  }

  @RequiresRealService("backend")
  static class ReportedInBeforeEachTestCase {

    @BeforeEach
    void logIn() {
      Fallbacks.report("auth", "StubLogin", "timed out after 5000 ms");
    }

    @Test
    void usesTheStubToken() {
      get();
    }
  }

  @Test
  void aFallbackReportedInBeforeEachMasksTheTest() {
    assertThat(Kit.failureMessages(run(ReportedInBeforeEachTestCase.class))).containsExactly(
        masked("FALLBACK_REPORTED: in @BeforeEach logIn(): auth replaced by StubLogin: timed out after 5000 ms"));
  }

  @RequiresRealService("backend")
  static class ConstructorTestCase {

    ConstructorTestCase() {
      Logger.getLogger("com.example.Client").warning("backend unreachable, using MockBackend");
    }

    @Test
    void first() {
      get();
    }

    @Test
    void second() {
      get();
    }
  }

  @Test
  void aFallbackInTheConstructorMasksEachTestItIsConstructedFor() {
    assertThat(Kit.failureMessages(run(ConstructorTestCase.class))).hasSize(2).allSatisfy(message -> assertThat(message)
        .isEqualTo(masked("FALLBACK_LOG: in the constructor: WARNING com.example.Client: \"backend unreachable,"
            + " using MockBackend\"")));
  }

  static class MethodGuardedTestCase {

    MethodGuardedTestCase() {
      System.out.println("clock service down, using stub clock");
    }

    @Test
    @Disabled("its instance is constructed all the same")
    @RequiresRealService("backend")
    void disabled() {
    }

    @Test
    @RequiresRealService("backend")
    void guarded() {
      get();
    }

    @Test
    void unguarded() {
    }
  }

  @Test
  void withAGuardOnTheMethodOnlyItsConstructionCountsAndNoWindowOutlivesTheRun() {
    EngineExecutionResults results = run(MethodGuardedTestCase.class);

    results.testEvents().assertStatistics(stats -> stats.skipped(1).started(2).succeeded(1).failed(1));
    assertThat(Kit.failureMessages(results)).containsExactly(
        masked("FALLBACK_LOG: in the constructor: System.out: \"clock service down, using stub clock\""));
  }

  @RequiresRealService("backend")
  static class AfterEachTestCase {

    @Test
    void passesItsBody() {
      get();
    }

    @AfterEach
    void logOut() {
      Fallbacks.report("backend", "InMemoryBackend", "logout endpoint refused");
    }
  }

  @Test
  void aFallbackInAfterEachMasksTheTestAndTheFailureIsReportedOnTheTest() {
    EngineExecutionResults results = run(AfterEachTestCase.class);

    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    results.containerEvents().assertStatistics(stats -> stats.failed(0));
    assertThat(Kit.failureMessages(results)).containsExactly(masked(
        "FALLBACK_REPORTED: in @AfterEach logOut(): backend replaced by InMemoryBackend: logout endpoint refused"));
  }

  @RequiresRealService("backend")
  static class HonestSetUpTestCase {

    @BeforeEach
    void logIn() {
      get();
      Logger.getLogger("com.example.Auth").info("logged in as demo, token expires in 3600 s");
    }

    @Test
    void usesTheRealToken() {
      Logger.getLogger("com.example.Client").info("the real backend answered");
    }
  }

  @Test
  void anHonestSetUpWithARealHttpCallStaysAuthenticEvenWhenTheBodyOnlyUsesWhatItSetUp() {
    EngineExecutionResults results = Kit.run(HonestSetUpTestCase.class, parameters("required"));

    results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
  }

  // --- other extensions' callbacks ---

  /** A user's extension that falls back while it sets up the test. */
  static class StubbingExtension implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
      Logger.getLogger("com.example.TokenExtension").warning("token service slow, using stub token for "
          + context.getRequiredTestMethod().getName());
    }

    @Override
    public void afterEach(ExtensionContext context) {
      Logger.getLogger("com.example.TokenExtension").warning("revoking the stub token, switched to offline mode");
    }
  }

  @ExtendWith(StubbingExtension.class)
  @RequiresRealService("backend")
  static class ExtensionRegisteredBeforeOursTestCase {

    @Test
    void test() {
      get();
    }
  }

  @RequiresRealService("backend")
  @ExtendWith(StubbingExtension.class)
  static class ExtensionRegisteredAfterOursTestCase {

    @Test
    void test() {
      get();
    }
  }

  @Test
  void anotherExtensionsCallbacksCountForTheTestWhicheverOrderItIsRegisteredIn() {
    String setUp = "FALLBACK_LOG: in another extension's set-up callback: WARNING com.example.TokenExtension:"
        + " \"token service slow, using stub token for test\"";

    // registered after ours: its afterEach runs before ours, inside the test's window
    assertThat(Kit.failureMessages(run(ExtensionRegisteredAfterOursTestCase.class))).containsExactly(masked(setUp,
        "FALLBACK_LOG: in another extension's tear-down callback: WARNING com.example.TokenExtension: \"revoking the"
            + " stub token, switched to offline mode\""));

    // registered before ours: its afterEach runs after ours, when the test is judged already: the class window
    // sees it, and the class fails with it (a finding on every guarded test of the class)
    EngineExecutionResults before = run(ExtensionRegisteredBeforeOursTestCase.class);
    assertThat(Kit.failureMessages(before)).containsExactly(masked(setUp));
    assertThat(Kit.containerFailureMessages(before)).containsExactly(masked("FALLBACK_LOG: in another extension's"
        + " class callback: WARNING com.example.TokenExtension: \"revoking the stub token, switched to offline mode\""));
  }

  // --- the class's set-up and tear-down ---

  @RequiresRealService("backend")
  static class BeforeAllTestCase {

    static ExecutorService pool;

    @BeforeAll
    static void connect() throws Exception {
      Logger.getLogger("com.example.Broker").warning("broker unreachable, falling back to in-memory queue");
      pool = Executors.newSingleThreadExecutor();
      pool.submit(() -> { }).get(5, TimeUnit.SECONDS); // the pool's thread is started here, in @BeforeAll
    }

    @Test
    void first() {
      get();
    }

    @Test
    void second() {
      get();
    }

    @AfterAll
    static void disconnect() {
      pool.shutdownNow();
    }
  }

  @Test
  void aFallbackInBeforeAllMasksEveryGuardedTestOfTheClassWithWhere() {
    EngineExecutionResults results = run(BeforeAllTestCase.class);

    results.testEvents().assertStatistics(stats -> stats.started(2).failed(2));
    assertThat(Kit.failureMessages(results)).containsExactly(
        masked("FALLBACK_LOG: in @BeforeAll connect(): WARNING com.example.Broker: \"broker unreachable, falling back"
            + " to in-memory queue\""),
        masked("FALLBACK_LOG: in @BeforeAll connect(): WARNING com.example.Broker: \"broker unreachable, falling back"
            + " to in-memory queue\""));
    results.containerEvents().assertStatistics(stats -> stats.failed(0));
  }

  /**
   * A client connected and used in {@code @BeforeAll} and kept for the tests, as suites share one: the test that uses
   * it is proven by its own exchange, a stand-in beside it (before or after it) is not proven by the set-up's.
   */
  @RequiresRealService("backend")
  @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
  static class ConnectedInBeforeAllTestCase {

    static java.net.http.HttpClient client;

    static void call() throws Exception {
      java.net.http.HttpResponse<String> response = client.send(java.net.http.HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/health")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
    }

    @BeforeAll
    static void connect() throws Exception {
      client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
      call(); // e.g. a login, or a health check before the tests
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void standInBefore() {
      assertThat(new HashMap<>(Map.of("order", "placed"))).containsKey("order");
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void usesTheClient() throws Exception {
      call();
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void standInAfter() {
      assertThat(new HashMap<>(Map.of("order", "placed"))).containsKey("order");
    }
  }

  @Test
  void anExchangeInBeforeAllProvesNoTestOfTheClassOnlyItsOwnExchangeDoes() {
    EngineExecutionResults results = Kit.run(ConnectedInBeforeAllTestCase.class, parameters("required"));

    results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(2));
    String finding = "\\Q  NO_INTERACTION: no bytes exchanged with backend (127.0.0.1:" + port + "; reached only by the"
        + " class's @BeforeAll: 1 answer (200 ×1), \\E\\d+ B in, \\d+ B out with 127.0.0.1:" + port
        + "\\Q) while the test ran\\E";
    assertThat(Kit.failureMessages(results)).hasSize(2).allSatisfy(message -> assertThat(message.lines().toList())
        .hasSize(4).satisfies(lines -> {
          assertThat(lines.get(0)).isEqualTo("MASKED: this guarded test requires the real service [backend], but 1"
              + " finding shows that it did not really use it:");
          assertThat(lines.get(1)).matches(finding);
        }));
    assertThat(results.testEvents().failed().list()).extracting(e -> e.getTestDescriptor().getDisplayName())
        .containsExactly("standInBefore()", "standInAfter()");
  }

  @RequiresRealService("backend")
  static class PoolFromBeforeAllTestCase {

    static ExecutorService pool;

    @BeforeAll
    static void startPool() throws Exception {
      pool = Executors.newSingleThreadExecutor();
      pool.submit(() -> { }).get(5, TimeUnit.SECONDS);
    }

    @Test
    void usesThePool() throws Exception {
      get();
      pool.submit(() -> Fallbacks.report("backend", "CachedBackend", "pool lost its connection")).get(5,
          TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopPool() {
      pool.shutdownNow();
    }
  }

  @Test
  void aPoolThreadStartedInBeforeAllBelongsToTheClassWindow() {
    assertThat(Kit.failureMessages(run(PoolFromBeforeAllTestCase.class))).containsExactly(masked(
        "FALLBACK_REPORTED: on a thread started during the class's set-up: backend replaced by CachedBackend: pool"
            + " lost its connection"));
  }

  @RequiresRealService("backend")
  static class StaticInitialisationTestCase {

    static final String TOKEN = stubToken();

    static String stubToken() {
      System.out.println("no auth server configured, falling back to stub token");
      return "stub";
    }

    @Test
    void first() {
      get();
    }

    @Test
    void second() {
      get();
    }
  }

  @Test
  void aFallbackInStaticInitialisationMasksEveryGuardedTestOfTheClass() {
    assertThat(Kit.failureMessages(run(StaticInitialisationTestCase.class))).containsExactly(
        masked("FALLBACK_LOG: in static initialisation: System.out: \"no auth server configured, falling back to"
            + " stub token\""),
        masked("FALLBACK_LOG: in static initialisation: System.out: \"no auth server configured, falling back to"
            + " stub token\""));
  }

  @RequiresRealService("backend")
  static class EnclosingTestCase {

    @BeforeAll
    static void connect() {
      Fallbacks.report("broker", "InMemoryQueue", "no broker in this environment");
    }

    @Test
    void outer() {
      get();
    }

    @Nested
    class Inner {

      @BeforeEach
      void logIn() {
        Logger.getLogger("com.example.Auth").warning(AUTH_TIMEOUT);
      }

      @Test
      void inner() {
        get();
      }
    }
  }

  @Test
  void aNestedClassesTestsCountTheEnclosingClassesSetUpToo() {
    String broker = "FALLBACK_REPORTED: in @BeforeAll connect(): broker replaced by InMemoryQueue: no broker in this"
        + " environment";

    assertThat(Kit.failureMessages(run(EnclosingTestCase.class))).containsExactly(masked(broker),
        masked("FALLBACK_LOG: in @BeforeEach logIn(): WARNING com.example.Auth: \"" + AUTH_TIMEOUT + "\"", broker));
  }

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @RequiresRealService("backend")
  static class PerClassConstructorTestCase {

    PerClassConstructorTestCase() {
      Fallbacks.report("backend", "FakeBackend", "constructed without a connection");
    }

    @Test
    void first() {
      get();
    }

    @Test
    void second() {
      get();
    }
  }

  @Test
  void withOneInstancePerClassTheConstructorCountsForEveryGuardedTest() {
    assertThat(Kit.failureMessages(run(PerClassConstructorTestCase.class))).hasSize(2).allSatisfy(message ->
        assertThat(message).isEqualTo(masked(
            "FALLBACK_REPORTED: in the constructor: backend replaced by FakeBackend: constructed without a connection")));
  }

  @RequiresRealService("backend")
  static class AfterAllTestCase {

    @Test
    void first() {
      get();
    }

    @Test
    void second() {
      get();
    }

    @AfterAll
    static void cleanUp() {
      Logger.getLogger("com.example.Cleanup").warning("cleanup service down, using fake cleaner");
    }
  }

  @Test
  void aFallbackInAfterAllFailsTheClassAndTheReportMasksEveryGuardedTest() throws IOException {
    String finding = "FALLBACK_LOG: in @AfterAll cleanUp(): WARNING com.example.Cleanup: \"cleanup service down,"
        + " using fake cleaner\"";
    EngineExecutionResults results = run(AfterAllTestCase.class);
    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    assertThat(Kit.containerFailureMessages(results)).containsExactly(masked(finding));

    Report report = launch(parameters("off"), AfterAllTestCase.class);

    assertThat(report.tests()).hasSize(2).allSatisfy(test -> {
      assertThat(test.verdict()).isEqualTo(Verdict.MASKED);
      assertThat(test.evidence()).containsExactly(new Evidence(EvidenceKind.FALLBACK_LOG, finding.substring(
          "FALLBACK_LOG: ".length())));
    });
  }

  @Test
  void inReportModeAFallbackInAfterAllFailsNothingAndTheReportStillMasksEveryGuardedTest() {
    Map<String, String> parameters = parameters("off");
    parameters.put("authenticity.mode", "report");
    EngineExecutionResults results = Kit.run(AfterAllTestCase.class, parameters);
    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    results.containerEvents().assertStatistics(stats -> stats.failed(0));

    assertThat(launch(parameters, AfterAllTestCase.class).tests()).extracting(TestEntry::verdict)
        .containsExactly(Verdict.MASKED, Verdict.MASKED);
  }

  @RequiresRealService("backend")
  static class AllDisabledTestCase {

    @BeforeAll
    static void connect() {
      Fallbacks.report("broker", "InMemoryQueue", "no broker in this environment");
    }

    @Test
    @Disabled("not today")
    void disabled() {
    }
  }

  @Test
  void aClassWhoseTestsAllAreDisabledDoesNotFailOnItsSetUp() {
    EngineExecutionResults results = run(AllDisabledTestCase.class);

    results.testEvents().assertStatistics(stats -> stats.skipped(1).started(0));
    results.containerEvents().assertStatistics(stats -> stats.failed(0));
  }

  @Test
  void aFallbackInBeforeEachIsMaskedInTheListenersReport() throws IOException {
    Report report = launch(parameters("off"), JulInBeforeEachTestCase.class);

    assertThat(report.tests()).singleElement().satisfies(test -> {
      assertThat(test.verdict()).isEqualTo(Verdict.MASKED);
      assertThat(test.evidence()).containsExactly(new Evidence(EvidenceKind.FALLBACK_LOG,
          "in @BeforeEach logIn(): WARNING com.example.Auth: \"" + AUTH_TIMEOUT + "\""));
    });
  }

  private Report launch(Map<String, String> parameters, Class<?>... fixtures) {
    List<ClassSelector> selectors = Stream.of(fixtures).map(c -> selectClass(c)).toList();
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors)
        .configurationParameters(parameters).build());
    return ReportJson.read(dir.resolve("reports").resolve("authenticity-report.json"));
  }

  // --- templates, factories, parallel execution ---

  @RequiresRealService("backend")
  static class TemplatesAndFactoriesTestCase {

    @BeforeEach
    void logIn() {
      Logger.getLogger("com.example.Auth").warning(AUTH_TIMEOUT);
    }

    @RepeatedTest(2)
    void repeated() {
      get();
    }

    @TestFactory
    Stream<DynamicTest> dynamic() {
      return Stream.of("a", "b").map(name -> DynamicTest.dynamicTest(name, SetUpEvidenceTests::get));
    }
  }

  @Test
  void eachInvocationOfATemplateAndEachDynamicTestOfAFactoryCountsItsSetUp() {
    EngineExecutionResults results = run(TemplatesAndFactoriesTestCase.class);

    results.testEvents().assertStatistics(stats -> stats.started(4).failed(4));
    assertThat(Kit.failureMessages(results)).hasSize(4).allSatisfy(message -> assertThat(message).isEqualTo(
        masked("FALLBACK_LOG: in @BeforeEach logIn(): WARNING com.example.Auth: \"" + AUTH_TIMEOUT + "\"")));
  }

  static volatile CyclicBarrier bothSettingUp;

  @RequiresRealService("backend")
  static class ParallelFallbackTestCase {

    @BeforeEach
    void logIn() throws Exception {
      bothSettingUp.await(10, TimeUnit.SECONDS);
      Logger.getLogger("com.example.Auth").warning(AUTH_TIMEOUT);
      System.out.println("Using StubTokenStore");
    }

    @Test
    void usesTheStub() {
      get();
    }
  }

  @RequiresRealService("backend")
  static class ParallelHonestTestCase {

    @BeforeEach
    void logIn() throws Exception {
      bothSettingUp.await(10, TimeUnit.SECONDS);
      get();
      Logger.getLogger("com.example.Auth").info("logged in with a real token");
    }

    @Test
    void usesTheRealToken() {
      get();
    }
  }

  @Test
  void underParallelExecutionSetUpEvidenceLandsOnlyOnTheTestThatProducedIt() {
    bothSettingUp = new CyclicBarrier(2);
    Map<String, String> parameters = parameters("off");
    parameters.put("junit.jupiter.execution.parallel.enabled", "true");
    parameters.put("junit.jupiter.execution.parallel.mode.default", "concurrent");
    parameters.put("junit.jupiter.execution.parallel.mode.classes.default", "concurrent");
    parameters.put("junit.jupiter.execution.parallel.config.strategy", "fixed");
    parameters.put("junit.jupiter.execution.parallel.config.fixed.parallelism", "4");

    EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(
        selectClass(ParallelFallbackTestCase.class), selectClass(ParallelHonestTestCase.class))
        .configurationParameters(parameters).execute();

    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
    assertThat(results.testEvents().failed().list()).singleElement().satisfies(event -> assertThat(
        event.getTestDescriptor().getUniqueId().toString()).contains("ParallelFallbackTestCase"));
    assertThat(Kit.failureMessages(results)).containsExactly(masked(
        "FALLBACK_LOG: in @BeforeEach logIn(): WARNING com.example.Auth: \"" + AUTH_TIMEOUT + "\"",
        "FALLBACK_LOG: in @BeforeEach logIn(): System.out: \"Using StubTokenStore\""));
    assertThat(bothSettingUp.isBroken()).isFalse();
  }

  @Test
  void underParallelExecutionTheListenersReportMasksOnlyTheClassWithTheSetUpFallback() {
    bothSettingUp = new CyclicBarrier(2);
    Map<String, String> parameters = parameters("off");
    parameters.put("junit.jupiter.execution.parallel.enabled", "true");
    parameters.put("junit.jupiter.execution.parallel.mode.default", "concurrent");
    parameters.put("junit.jupiter.execution.parallel.mode.classes.default", "concurrent");
    parameters.put("junit.jupiter.execution.parallel.config.strategy", "fixed");
    parameters.put("junit.jupiter.execution.parallel.config.fixed.parallelism", "4");

    Report report = launch(parameters, ParallelFallbackTestCase.class, ParallelHonestTestCase.class);

    assertThat(report.tests()).extracting(TestEntry::methodName, TestEntry::verdict).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("usesTheStub", Verdict.MASKED),
        org.assertj.core.groups.Tuple.tuple("usesTheRealToken", Verdict.AUTHENTIC));
  }
}
