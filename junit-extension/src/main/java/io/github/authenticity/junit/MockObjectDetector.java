package io.github.authenticity.junit;

import io.github.authenticity.core.detect.MockInspector;
import io.github.authenticity.core.report.EvidenceKind;

/**
 * {@code MOCK_OBJECT}: fields of the test instance and its enclosing instances that hold mocks, stubs or
 * fakes, unless marked {@code @AllowMock} (then listed with the reason). Inspected after the body, so
 * mocks assigned in {@code @BeforeEach} or in the body are seen.
 */
final class MockObjectDetector implements Detector {

  @Override
  public void afterTest(GuardedTest test, TestOutcome outcome) {
    if (test.testInstances().isEmpty()) {
      return;
    }
    for (MockInspector.Hit hit : MockInspector.inspect(test.testInstances(), test.testClass().getClassLoader())) {
      AllowMock allow = hit.field().getAnnotation(AllowMock.class);
      if (allow == null) {
        outcome.addEvidence(EvidenceKind.MOCK_OBJECT, hit.detail());
      } else if (allow.reason().isBlank()) {
        outcome.addEvidence(EvidenceKind.MOCK_OBJECT, "field [" + hit.path() + "] holds " + hit.kind()
            + " and is marked @AllowMock with a blank reason; say why the mock is deliberate: "
            + "@AllowMock(reason = \"...\")");
      } else {
        outcome.allowMock(hit.path(), hit.type(), allow.reason().strip());
      }
    }
  }
}
