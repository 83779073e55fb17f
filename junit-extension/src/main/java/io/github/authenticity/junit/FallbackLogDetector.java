package io.github.authenticity.junit;

import io.github.authenticity.core.detect.FallbackLines;
import io.github.authenticity.core.detect.TestScope;
import io.github.authenticity.core.report.EvidenceKind;

/** {@code FALLBACK_LOG}: lines logged or printed by the test (and the threads it starts) that match a fallback pattern. */
final class FallbackLogDetector implements Detector {

  @Override
  public void beforeTest(GuardedTest test) {
    FallbackLines.install(test.testClass().getClassLoader());
    TestScope.enter(test.uniqueId()).keepOnlyMatching(test.config().detection().fallbackPatterns());
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
      for (String detail : FallbackLines.evidence(scope.lines(), test.config().detection().fallbackPatterns())) {
        outcome.addEvidence(EvidenceKind.FALLBACK_LOG, detail);
      }
    } finally {
      scope.leave();
    }
  }
}
