package io.github.authenticity.core.internal.detect;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.authenticity.core.internal.redact.Redactor;
import org.apiguardian.api.API;

/** Records {@code Fallbacks.report} calls in the current {@link TestScope}. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class FallbackReports {

  private FallbackReports() {
  }

  /** Records the report in the current scope; a no-op outside a guarded test's or class's window. */
  public static void report(String service, String substitute, String reason) {
    if (!TestScope.anyOpen()) {
      return;
    }
    TestScope scope = TestScope.current();
    if (scope != null) {
      scope.report(detail(service, substitute, reason));
    }
  }

  /**
   * The {@code FALLBACK_REPORTED} evidence details of {@code reports}, each once, in order, with where each
   * was seen in front ({@code in @BeforeAll connect(): websocket replaced by MockWebSocketManager}).
   */
  public static List<String> evidence(List<TestScope.Seen<String>> reports) {
    Set<String> details = new LinkedHashSet<>();
    for (TestScope.Seen<String> seen : reports) {
      details.add(Where.detail(seen.where(), seen.item()));
    }
    return List.copyOf(details);
  }

  /** {@code websocket replaced by MockWebSocketManager: connection refused} (redacted). */
  static String detail(String service, String substitute, String reason) {
    String text = blankTo(service, "(unnamed service)") + " replaced by " + blankTo(substitute, "(unnamed substitute)");
    if (reason != null && !reason.isBlank()) {
      text += ": " + reason.strip();
    }
    return Redactor.redact(text);
  }

  private static String blankTo(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.strip();
  }
}
