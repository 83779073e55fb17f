package io.github.authenticity.core.internal.detect;

import org.apiguardian.api.API;

import io.github.authenticity.core.internal.redact.Redactor;

/**
 * One line logged or printed while a guarded test ran.
 *
 * @param channel {@code System.out}, {@code System.err}, {@code jul}, {@code logback} or {@code log4j}
 * @param level   the level name ({@code WARN}, {@code WARNING}, ...), or {@code null} for printed lines
 * @param logger  the logger name, or {@code null} for printed lines
 * @param text    the message as formatted by the logging framework (or the printed line)
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record CapturedLine(String channel, String level, String logger, String text) {

  /** Longer lines are cut in the evidence (a report is read by people). */
  static final int MAX_QUOTED = 300;

  /** Whether this came through a logging framework (it knows level and logger). */
  public boolean structured() {
    return logger != null;
  }

  /**
   * The evidence detail: {@code WARN com.example.Client: "Using MockWebSocketManager due to connection
   * failure"} or {@code System.err: "falling back to in-memory store"}; redacted, then cut (a secret across
   * the cut cannot leak its start).
   */
  public String detail() {
    String line = Redactor.redactLine(text, MAX_QUOTED);
    String quoted = '"' + line + '"';
    if (structured()) {
      return (level == null ? "" : level + " ") + logger + ": " + quoted;
    }
    return channel + ": " + quoted;
  }
}
