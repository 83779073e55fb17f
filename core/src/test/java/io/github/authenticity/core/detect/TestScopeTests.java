package io.github.authenticity.core.detect;

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
      assertThat(scope.reports()).containsExactly("backend replaced by StubBackend: from a pool");
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

      assertThat(first.reports()).containsExactly("backend replaced by StubBackend: mine");
      assertThat(second[0].reports()).isEmpty();
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
    assertThat(scope.reports()).containsExactly("redis replaced by InMemoryCache");
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
      assertThat(next.reports()).containsExactly("backend replaced by StubBackend");
      assertThat(abandoned.reports()).isEmpty();
    } finally {
      next.leave();
    }
  }
}
