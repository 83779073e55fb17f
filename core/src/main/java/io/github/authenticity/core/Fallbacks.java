package io.github.authenticity.core;

import org.apiguardian.api.API;

/**
 * For test-support code that knows it is substituting something for a real service: call
 * {@link #report(String, String, String)} and the guarded test that is running is {@code MASKED} with
 * {@code FALLBACK_REPORTED} evidence. Zero-dependency; a no-op outside an Authenticity run.
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
   * @param reason     why (e.g. {@code connection refused})
   */
  public static void report(String service, String substitute, String reason) {
    // implemented by the detection work
  }
}
