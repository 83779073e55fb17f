package io.github.authenticity.junit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.authenticity.core.internal.detect.MockInspector;
import io.github.authenticity.core.internal.model.EvidenceKind;

/**
 * {@code MOCK_OBJECT}: fields of the test instance and its enclosing instances that hold mocks, stubs or
 * fakes, unless marked {@code @AllowMock} (then listed with the reason). Inspected right after the body
 * (before {@code @AfterEach} can clear a field), so mocks assigned in the constructor, in {@code @BeforeEach}
 * or in the body are seen.
 */
final class MockObjectDetector implements Detector {

  private final Map<String, List<MockInspector.Hit>> inspected = new ConcurrentHashMap<>();

  @Override
  public void afterBody(GuardedTest test) {
    if (!test.testInstances().isEmpty()) {
      inspected.put(test.uniqueId(), MockInspector.inspect(test.testInstances(), test.testClass().getClassLoader()));
    }
  }

  @Override
  public void afterTest(GuardedTest test, TestOutcome outcome) {
    List<MockInspector.Hit> hits = inspected.remove(test.uniqueId());
    if (hits == null) {
      if (test.testInstances().isEmpty()) {
        return;
      }
      hits = MockInspector.inspect(test.testInstances(), test.testClass().getClassLoader());
    }
    for (MockInspector.Hit hit : hits) {
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
