package io.github.authenticity.core;

import io.github.authenticity.core.internal.detect.FallbackReports;
import org.apiguardian.api.API;

/**
 * For test-support code that knows it is substituting something for a real service: call
 * {@link #report(String, String, String)} and the guarded test that is running is {@code MASKED} with
 * {@code FALLBACK_REPORTED} evidence, e.g. {@code websocket replaced by MockWebSocketManager: connection
 * refused}.
 *
 * <p>Set-up counts: a report from the test's constructor, {@code @BeforeEach}/{@code @AfterEach} or another
 * extension's callbacks counts for that test, and one from {@code @BeforeAll}/{@code @AfterAll} or the
 * class's static initialisation for every guarded test of the class; the evidence says where
 * ({@code in @BeforeEach logIn(): auth replaced by StubLogin: timed out after 5000 ms}).
 *
 * <p>Zero-dependency and cheap: outside a guarded test or class (no Authenticity run, an unguarded test) it
 * does nothing. The report is attributed to the guarded test (or class) whose code runs on the calling
 * thread, or on the thread that started it (threads inherit the window: a pool created in {@code @BeforeAll}
 * belongs to the class); from a pool thread created before, it is attributed only when a single guarded
 * test is running.
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
