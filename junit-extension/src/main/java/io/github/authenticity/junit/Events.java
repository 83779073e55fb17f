package io.github.authenticity.junit;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.authenticity.core.probe.ProbeResult;

/** Builds events as {@code docs/events-format.md} describes them. */
final class Events {

  private Events() {
  }

  /** {@code fields} with {@code type}, {@code run} and {@code at} in front. */
  static Map<String, Object> envelope(String type, String runId, Map<String, Object> fields) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("type", type);
    event.put("run", runId);
    event.put("at", System.currentTimeMillis());
    event.putAll(fields);
    return event;
  }

  /** The {@code service} event of a preflight result. */
  static Map<String, Object> service(ProbeResult result) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("name", result.service());
    event.put("probe", result.probe());
    event.put("endpoint", Redaction.apply(result.endpoint()));
    event.put("status", result.status());
    event.put("latencyMillis", result.latencyMillis());
    event.put("detail", Redaction.apply(result.detail()));
    event.put("probedAt", result.probedAt() == null ? null : result.probedAt().toString());
    return event;
  }
}
