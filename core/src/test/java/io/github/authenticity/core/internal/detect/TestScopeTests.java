package io.github.authenticity.core.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.authenticity.core.Fallbacks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestScopeTests {

  private ExecutorService poolCreatedBeforeTheTest;

  @BeforeEach
  void startPool() throws Exception {
    poolCreatedBeforeTheTest = Executors.newSingleThreadExecutor();
    poolCreatedBeforeTheTest.submit(() -> { }).get(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopPool() {
    poolCreatedBeforeTheTest.shutdownNow();
  }

  @Test
  void aPoolThreadThatPredatesTheTestIsAttributedWhenOnlyOneTestRuns() throws Exception {
    TestScope scope = TestScope.enter("one");
    try {
      poolCreatedBeforeTheTest.submit(() -> Fallbacks.report("backend", "StubBackend", "from a pool")).get();
      assertThat(scope.evidence().reports()).containsExactly("backend replaced by StubBackend: from a pool");
    } finally {
      scope.leave();
    }
  }

  @Test
  void aPoolThreadThatPredatesTheTestsIsNotGuessedBetweenConcurrentTests() throws Exception {
    TestScope first = TestScope.enter("first");
    Thread other = new Thread(() -> { });
    TestScope[] second = new TestScope[1];
    Thread secondTest = new Thread(() -> second[0] = TestScope.enter("second"));
    secondTest.start();
    secondTest.join();
    try {
      poolCreatedBeforeTheTest.submit(() -> Fallbacks.report("backend", "StubBackend", "ambiguous")).get();
      Fallbacks.report("backend", "StubBackend", "mine");

      assertThat(first.evidence().reports()).containsExactly("backend replaced by StubBackend: mine");
      assertThat(second[0].evidence().reports()).isEmpty();
    } finally {
      first.leave();
      second[0].leave();
      assertThat(other.isAlive()).isFalse();
    }
  }

  @Test
  void everyDetectorEntersAndTheLastToLeaveClosesTheScope() {
    TestScope scope = TestScope.enter("shared");
    assertThat(TestScope.enter("shared")).isSameAs(scope);
    scope.leave();
    assertThat(TestScope.find("shared")).isSameAs(scope);
    Fallbacks.report("redis", "InMemoryCache", null);
    scope.leave();

    assertThat(TestScope.find("shared")).isNull();
    Fallbacks.report("redis", "InMemoryCache", "after the test");
    assertThat(scope.evidence().reports()).containsExactly("redis replaced by InMemoryCache");
    assertThat(TestScope.current()).isNull();
  }

  @Test
  void aScopeWhoseDetectorsNeverLeftIsClosedWhenTheNextTestStartsOnItsThread() {
    TestScope abandoned = TestScope.enter("abandoned");
    TestScope next = TestScope.enter("next");
    try {
      assertThat(abandoned.isOpen()).isFalse();
      assertThat(TestScope.find("abandoned")).isNull();
      Fallbacks.report("backend", "StubBackend", null);
      assertThat(next.evidence().reports()).containsExactly("backend replaced by StubBackend");
      assertThat(abandoned.evidence().reports()).isEmpty();
    } finally {
      next.leave();
    }
  }

  @Test
  void aTestClaimsTheWindowItsInstanceWasConstructedInOnItsThread() {
    TestScope construction = TestScope.openConstruction("[class:A]");
    Fallbacks.report("auth", "StubLogin", "in the constructor");
    TestScope test = TestScope.enter("[class:A]/[method:t()]");
    try {
      assertThat(test).isSameAs(construction);
      assertThat(TestScope.find("[class:A]/[method:t()]")).isSameAs(test);
      assertThat(test.evidence().reports()).containsExactly("auth replaced by StubLogin: in the constructor");
    } finally {
      test.leave();
    }
    assertThat(TestScope.anyOpen()).isFalse();
  }

  @Test
  void aConstructionWindowNoTestClaimsIsDiscarded() {
    TestScope construction = TestScope.openConstruction("[class:A]");
    TestScope.discardConstruction();

    assertThat(construction.isOpen()).isFalse();
    assertThat(TestScope.anyOpen()).isFalse();
  }

  @Test
  void eachItemRemembersWhereItsWindowWasWhenItWasSeen() {
    TestScope scope = TestScope.enter("where");
    try {
      scope.mark("in @BeforeEach logIn()");
      Fallbacks.report("auth", "StubLogin", null);
      scope.mark(null);
      Fallbacks.report("backend", "StubBackend", null);

      assertThat(scope.evidence().seenReports()).containsExactly(
          new TestScope.Seen<>("auth replaced by StubLogin", "in @BeforeEach logIn()"),
          new TestScope.Seen<>("backend replaced by StubBackend", null));
    } finally {
      scope.leave();
    }
  }

  @Test
  void aTestWindowSitsInItsClassWindowWhichItDoesNotCloseAndWhichGetsThePoolsItStarted() throws Exception {
    TestScope container = TestScope.enterContainer("[class:A]");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      container.mark("in @BeforeAll connect()");
      pool.submit(() -> { }).get(5, TimeUnit.SECONDS); // the pool's thread starts in the class window
      Fallbacks.report("broker", "InMemoryQueue", null);
      container.mark(Where.CLASS_CALLBACK);

      TestScope test = TestScope.enter("[class:A]/[method:t()]");
      Fallbacks.report("backend", "StubBackend", "in the body");
      pool.submit(() -> Fallbacks.report("backend", "CachedBackend", "from the class's pool")).get(5, TimeUnit.SECONDS);

      assertThat(TestScope.containersOf(test.id())).containsExactly(container);
      assertThat(test.evidence().reports()).containsExactly("backend replaced by StubBackend: in the body");
      assertThat(container.evidence().handOutReports()).containsExactly(
          new TestScope.Seen<>("broker replaced by InMemoryQueue", "in @BeforeAll connect()"),
          new TestScope.Seen<>("backend replaced by CachedBackend: from the class's pool", Where.CLASS_THREAD));
      test.leave();

      assertThat(container.isOpen()).isTrue();
      assertThat(TestScope.current()).isSameAs(container);
      container.mark("in @AfterAll disconnect()");
      Fallbacks.report("broker", "InMemoryQueue", "after every test");
      assertThat(container.evidence().reportsNotHandedOut()).containsExactly(
          new TestScope.Seen<>("broker replaced by InMemoryQueue: after every test", "in @AfterAll disconnect()"));
    } finally {
      pool.shutdownNow();
      container.leave();
    }
    assertThat(TestScope.current()).isNull();
  }

  @Test
  void aPoolThreadThatPredatesTheTestIsAttributedToTheInnermostWindowWhenOnlyOneClassRuns() throws Exception {
    TestScope container = TestScope.enterContainer("[class:A]");
    TestScope test = TestScope.enter("[class:A]/[method:t()]");
    try {
      poolCreatedBeforeTheTest.submit(() -> Fallbacks.report("backend", "StubBackend", "from a pool")).get();

      assertThat(test.evidence().reports()).containsExactly("backend replaced by StubBackend: from a pool");
      assertThat(container.evidence().reports()).isEmpty();
    } finally {
      test.leave();
      container.leave();
    }
  }

  @Test
  void staticInitialisationRunInTheClassWindowFromATestsThreadCountsForTheClass() {
    TestScope container = TestScope.enterContainer("[class:A]");
    TestScope construction = TestScope.openConstruction("[class:A]");
    try {
      TestScope.runIn("[class:A]", Where.STATIC_INITIALISATION,
          () -> Fallbacks.report("auth", "StubLogin", "static"));
      Fallbacks.report("auth", "StubLogin", "constructor");

      assertThat(container.evidence().seenReports()).containsExactly(
          new TestScope.Seen<>("auth replaced by StubLogin: static", Where.STATIC_INITIALISATION));
      assertThat(construction.evidence().seenReports()).containsExactly(
          new TestScope.Seen<>("auth replaced by StubLogin: constructor", Where.BEFORE_CONSTRUCTION));
    } finally {
      container.leave();
    }
    assertThat(construction.isOpen()).as("closed with its class").isFalse();
  }

  @Test
  void whereGoesInFrontOfTheDetailExceptInTheBody() {
    assertThat(Where.detail(Where.method("BeforeEach", "logIn"), "System.err: \"x\""))
        .isEqualTo("in @BeforeEach logIn(): System.err: \"x\"");
    assertThat(Where.detail(null, "System.err: \"x\"")).isEqualTo("System.err: \"x\"");
  }
}
