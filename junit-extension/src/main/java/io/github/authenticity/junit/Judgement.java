package io.github.authenticity.junit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.authenticity.core.report.Evidence;
import io.github.authenticity.core.report.NotRunReason;
import io.github.authenticity.core.report.Verdict;

/**
 * The verdict on one guarded test, as written to the {@code verdict} event.
 *
 * @param verdict        the verdict
 * @param reason         why it did not run ({@code NOT_RUN} only), else {@code null}
 * @param evidence       what masked it (may be empty)
 * @param proof          what proves it authentic, or {@code null}
 * @param allowedMocks   fields marked {@code @AllowMock}
 * @param warnings       findings that do not mask it
 * @param durationMillis how long the body ran, or {@code null} when it never ran
 * @param message        the message the test failed with, or {@code null}
 * @param unproven       why an {@code AUTHENTIC} test has no proof, or {@code null}
 */
record Judgement(Verdict verdict, NotRunReason reason, List<Evidence> evidence, String proof,
    List<Map<String, String>> allowedMocks, List<String> warnings, Long durationMillis, String message, String unproven) {

  Judgement {
    evidence = List.copyOf(evidence);
    allowedMocks = List.copyOf(allowedMocks);
    warnings = List.copyOf(warnings);
  }

  /** A verdict reached before the body ran (service down, configuration, environment). */
  static Judgement early(Verdict verdict, NotRunReason reason, List<Evidence> evidence, String message) {
    return new Judgement(verdict, reason, evidence, null, List.of(), List.of(), null, message, null);
  }

  /** The {@code verdict} event for {@code uniqueId} (without {@code type}, {@code run}, {@code at}). */
  Map<String, Object> event(String uniqueId) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("uniqueId", uniqueId);
    event.put("verdict", verdict);
    event.put("reason", reason);
    List<Map<String, Object>> items = new ArrayList<>();
    for (Evidence e : evidence) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("kind", e.kind());
      item.put("detail", Redaction.apply(e.detail()));
      items.add(item);
    }
    event.put("evidence", items);
    event.put("proof", proof);
    event.put("unproven", unproven == null ? null : Redaction.apply(unproven));
    event.put("allowedMocks", allowedMocks);
    event.put("warnings", warnings.stream().map(Redaction::apply).toList());
    event.put("durationMillis", durationMillis);
    event.put("message", message == null ? null : Redaction.oneLine(message));
    return event;
  }
}
