package io.github.authenticity.core.internal.detect;

import io.github.authenticity.core.internal.redact.Redactor;
import org.apiguardian.api.API;

/**
 * Records {@code Fallbacks.report} calls in the current {@link TestScope}; the judge's {@code FallbackRule} turns them
 * into {@code FALLBACK_REPORTED} evidence.
 */
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
