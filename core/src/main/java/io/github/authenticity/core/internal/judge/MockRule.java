package io.github.authenticity.core.internal.judge;

import io.github.authenticity.core.internal.detect.MockInspector;
import io.github.authenticity.core.internal.model.AllowedMock;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import org.apiguardian.api.API;

/**
 * {@code MOCK_OBJECT}: a field of the test instance that holds a mock, stub or fake (as {@link MockInspector} saw it)
 * is evidence, unless it is marked {@code @AllowMock} with a reason: then it is listed with that reason, never silent.
 * A blank reason allows nothing.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class MockRule {

  private MockRule() {
  }

  /**
   * The {@code MOCK_OBJECT} evidence of {@code hit}, or {@code null} when its mark allows it.
   *
   * @param allowReason the reason of its {@code @AllowMock}, or {@code null} when it is not marked
   */
  public static Evidence evidence(MockInspector.Hit hit, String allowReason) {
    if (allowReason == null) {
      return new Evidence(EvidenceKind.MOCK_OBJECT, hit.detail());
    }
    if (allowReason.isBlank()) {
      return new Evidence(EvidenceKind.MOCK_OBJECT, "field [" + hit.path() + "] holds " + hit.kind()
          + " and is marked @AllowMock with a blank reason; say why the mock is deliberate: "
          + "@AllowMock(reason = \"...\")");
    }
    return null;
  }

  /** The report's entry of {@code hit}, allowed by {@code @AllowMock} with {@code reason} (not blank). */
  public static AllowedMock allowed(MockInspector.Hit hit, String reason) {
    return new AllowedMock(hit.path(), hit.type(), reason.strip());
  }
}
