package io.github.authenticity.junit;

import io.github.authenticity.core.detect.TestScope;
import io.github.authenticity.core.report.EvidenceKind;

/** {@code FALLBACK_REPORTED}: calls to {@code io.github.authenticity.core.Fallbacks.report} during the test. */
final class FallbackReportedDetector implements Detector {

  @Override
  public void beforeTest(GuardedTest test) {
    TestScope.enter(test.uniqueId());
  }

  @Override
  public void afterTest(GuardedTest test, TestOutcome outcome) {
    TestScope scope = TestScope.find(test.uniqueId());
    if (scope == null) {
      return;
    }
    try {
      for (String detail : new java.util.LinkedHashSet<>(scope.reports())) {
        outcome.addEvidence(EvidenceKind.FALLBACK_REPORTED, detail);
      }
    } finally {
      scope.leave();
    }
  }
}
