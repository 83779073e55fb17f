package io.github.authenticity.core;

import io.github.authenticity.core.detect.FallbackReports;
import org.apiguardian.api.API;

/**
 * For test-support code that knows it is substituting something for a real service: call
 * {@link #report(String, String, String)} and the guarded test that is running is {@code MASKED} with
 * {@code FALLBACK_REPORTED} evidence, e.g. {@code websocket replaced by MockWebSocketManager: connection
 * refused}.
 *
 * <p>Zero-dependency and cheap: outside a guarded test (no Authenticity run, an unguarded test, a
 * {@code @BeforeAll} method) it does nothing. The report is attributed to the guarded test whose body
 * runs on the calling thread, or on the thread that started it (threads inherit the test's scope); from a
 * pool thread created before the test, it is attributed only when a single guarded test is running.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Fallbacks {

  private Fallbacks() {
  }

  /**
   * Reports that {@code service} was replaced by {@code substitute} because of {@code reason}.
   *
   * @param service    the service name as configured (e.g. {@code websocket})
   * @param substitute what stands in for it (e.g. {@code MockWebSocketManager})
   * @param reason     why (e.g. {@code connection refused}); may be {@code null}
   */
  public static void report(String service, String substitute, String reason) {
    FallbackReports.report(service, substitute, reason);
  }
}
