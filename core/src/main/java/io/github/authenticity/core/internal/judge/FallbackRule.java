package io.github.authenticity.core.internal.judge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.authenticity.core.internal.detect.CapturedLine;
import io.github.authenticity.core.internal.detect.TestScope;
import io.github.authenticity.core.internal.detect.Where;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import org.apiguardian.api.API;

/**
 * {@code FALLBACK_LOG} and {@code FALLBACK_REPORTED}: a line logged or printed that matches a fallback pattern, and a
 * {@code Fallbacks.report} call, seen in a guarded test's (or its class's) window, are evidence, each once, with where
 * it was seen in front ({@code in @BeforeEach logIn(): WARNING com.example.Auth: "..."}; nothing in front in the body).
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class FallbackRule {

  private FallbackRule() {
  }

  /**
   * The {@code FALLBACK_LOG} evidence of the lines that matched a fallback pattern, as the detector saw them: grouped
   * by where, in the order each place was first seen, each group's lines in order, each once. A printed line that
   * contains the text of a logged line of its group is the same line seen through the console (a console handler or
   * appender): only the logged one, which knows level and logger, is kept.
   */
  public static List<Evidence> logged(List<TestScope.Seen<CapturedLine>> matching) {
    if (matching.isEmpty()) {
      return List.of();
    }
    Map<String, List<CapturedLine>> byWhere = new LinkedHashMap<>();
    for (TestScope.Seen<CapturedLine> seen : matching) {
      byWhere.computeIfAbsent(seen.where() == null ? "" : seen.where(), where -> new ArrayList<>()).add(seen.item());
    }
    Set<String> details = new LinkedHashSet<>();
    byWhere.forEach((where, group) -> addDetails(details, where.isEmpty() ? null : where, group));
    return evidence(EvidenceKind.FALLBACK_LOG, details);
  }

  /** Adds the details of one place's matching lines, without the console's echo of a logged line. */
  private static void addDetails(Set<String> details, String where, List<CapturedLine> matched) {
    List<String> logged = new ArrayList<>();
    for (CapturedLine line : matched) {
      if (line.structured()) {
        logged.add(line.text().strip());
      }
    }
    for (CapturedLine line : matched) {
      if (!line.structured() && logged.stream().anyMatch(text -> line.text().contains(text))) {
        continue;
      }
      details.add(Where.detail(where, line.detail()));
    }
  }

  /**
   * The {@code FALLBACK_REPORTED} evidence of {@code reports} (each {@code websocket replaced by
   * MockWebSocketManager: ...}, redacted when it was reported), each once, in order.
   */
  public static List<Evidence> reported(List<TestScope.Seen<String>> reports) {
    if (reports.isEmpty()) {
      return List.of();
    }
    Set<String> details = new LinkedHashSet<>();
    for (TestScope.Seen<String> seen : reports) {
      details.add(Where.detail(seen.where(), seen.item()));
    }
    return evidence(EvidenceKind.FALLBACK_REPORTED, details);
  }

  private static List<Evidence> evidence(EvidenceKind kind, Set<String> details) {
    List<Evidence> evidence = new ArrayList<>(details.size());
    for (String detail : details) {
      evidence.add(new Evidence(kind, detail));
    }
    return evidence;
  }
}
