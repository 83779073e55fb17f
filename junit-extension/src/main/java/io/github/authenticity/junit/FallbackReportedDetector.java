package io.github.authenticity.junit;

import java.util.ArrayList;
import java.util.List;

import io.github.authenticity.core.internal.detect.TestScope;
import io.github.authenticity.core.internal.judge.FallbackRule;
import io.github.authenticity.core.internal.model.Evidence;

/**
 * {@code FALLBACK_REPORTED}: reports the calls to {@code io.github.authenticity.core.Fallbacks.report} from the
 * test's construction to its {@code @AfterEach}, and during its class's set-up and tear-down, with where each was
 * seen, for the judge's {@link FallbackRule}.
 */
final class FallbackReportedDetector implements Detector {

  @Override
  public void beforeClass(GuardedClass guardedClass) {
    TestScope.enterContainer(guardedClass.uniqueId());
  }

  @Override
  public void afterClass(GuardedClass guardedClass, TestOutcome outcome) {
    TestScope scope = TestScope.find(guardedClass.uniqueId());
    if (scope == null) {
      return;
    }
    try {
      for (Evidence evidence : FallbackRule.reported(scope.evidence().reportsNotHandedOut())) {
        outcome.addEvidence(evidence);
      }
    } finally {
      scope.leave();
    }
  }

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
      List<TestScope.Seen<String>> reports = new ArrayList<>();
      for (TestScope container : TestScope.containersOf(test.uniqueId())) {
        reports.addAll(container.evidence().handOutReports());
      }
      reports.addAll(scope.evidence().seenReports());
      for (Evidence evidence : FallbackRule.reported(reports)) {
        outcome.addEvidence(evidence);
      }
    } finally {
      scope.leave();
    }
  }
}
