package io.github.authenticity.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.github.authenticity.core.internal.detect.CapturedLine;
import io.github.authenticity.core.internal.detect.FallbackLines;
import io.github.authenticity.core.internal.detect.TestScope;
import io.github.authenticity.core.internal.judge.FallbackRule;
import io.github.authenticity.core.internal.model.Evidence;

/**
 * {@code FALLBACK_LOG}: reports the lines logged or printed by the test (and the threads it starts) that match a
 * fallback pattern, from its construction to its {@code @AfterEach}, and those of its class's set-up and tear-down,
 * with where each was seen, for the judge's {@link FallbackRule}.
 */
final class FallbackLogDetector implements Detector {

  @Override
  public void beforeClass(GuardedClass guardedClass) {
    FallbackLines.install(guardedClass.testClass().getClassLoader());
    TestScope.enterContainer(guardedClass.uniqueId())
        .evidence().keepOnlyMatching(guardedClass.config().detection().fallbackPatterns());
  }

  @Override
  public void afterClass(GuardedClass guardedClass, TestOutcome outcome) {
    TestScope scope = TestScope.find(guardedClass.uniqueId());
    if (scope == null) {
      return;
    }
    FallbackLines.endOfBody();
    try {
      List<TestScope.Seen<CapturedLine>> lines = new ArrayList<>();
      FallbackLines.addMatching(lines, scope.evidence().linesNotHandedOut(), guardedClass.config().detection().fallbackPatterns());
      for (Evidence evidence : FallbackRule.logged(lines)) {
        outcome.addEvidence(evidence);
      }
    } finally {
      scope.leave();
    }
  }

  @Override
  public void beforeTest(GuardedTest test) {
    FallbackLines.install(test.testClass().getClassLoader());
    TestScope.enter(test.uniqueId()).evidence().keepOnlyMatching(test.config().detection().fallbackPatterns());
  }

  @Override
  public void afterTest(GuardedTest test, TestOutcome outcome) {
    TestScope scope = TestScope.find(test.uniqueId());
    if (scope == null) {
      return;
    }
    FallbackLines.endOfBody();
    FallbackLines.bridgeProblems().forEach(outcome::addWarning);
    try {
      List<Pattern> patterns = test.config().detection().fallbackPatterns();
      List<TestScope.Seen<CapturedLine>> lines = new ArrayList<>();
      for (TestScope container : TestScope.containersOf(test.uniqueId())) {
        FallbackLines.addMatching(lines, container.evidence().handOutLines(), patterns);
      }
      FallbackLines.addMatching(lines, scope.evidence().seenLines(), patterns);
      for (Evidence evidence : FallbackRule.logged(lines)) {
        outcome.addEvidence(evidence);
      }
    } finally {
      scope.leave();
    }
  }
}
