package io.github.authenticity.core.internal.detect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.apiguardian.api.API;

/** Installs the log and console capture, and turns captured lines into {@code FALLBACK_LOG} details. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class FallbackLines {

  private FallbackLines() {
  }

  /**
   * Installs (once, idempotently; re-checked on every call) the console tee, the java.util.logging
   * handler and the Logback/Log4j 2 appenders visible from {@code loader}.
   */
  public static void install(ClassLoader loader) {
    ConsoleTee.install();
    JulCapture.install();
    LoggingBridges.install(loader);
  }

  /** Why a logging bridge could not be attached, one warning each (empty when every bridge is attached). */
  public static List<String> bridgeProblems() {
    List<String> problems = new ArrayList<>(LoggingBridges.problems());
    JulCapture.mutedWarning().ifPresent(problems::add);
    return problems;
  }

  /** Ends the current thread's unfinished printed line (call it on the test thread when the body ends). */
  public static void endOfBody() {
    ConsoleTee.endLine();
  }

  /**
   * The evidence details of the lines that match a pattern, each once, with where each was seen in front
   * ({@code in @BeforeEach logIn(): WARNING com.example.Auth: "..."}; none in the test body): grouped by
   * where, in the order each place was first seen, each group as {@link #evidence(List, List)} says.
   */
  public static List<String> evidenceSeen(List<TestScope.Seen<CapturedLine>> lines, List<Pattern> patterns) {
    java.util.Map<String, List<CapturedLine>> byWhere = new java.util.LinkedHashMap<>();
    for (TestScope.Seen<CapturedLine> seen : lines) {
      byWhere.computeIfAbsent(seen.where() == null ? "" : seen.where(), where -> new ArrayList<>()).add(seen.item());
    }
    Set<String> details = new LinkedHashSet<>();
    byWhere.forEach((where, group) -> {
      for (String detail : evidence(group, patterns)) {
        details.add(Where.detail(where.isEmpty() ? null : where, detail));
      }
    });
    return List.copyOf(details);
  }

  /**
   * The evidence details of the lines that match a pattern, in order, each once. A printed line that
   * contains the text of a matching logged line is the same line seen through the console (a console
   * handler or appender): only the logged one, which knows level and logger, is kept.
   */
  public static List<String> evidence(List<CapturedLine> lines, List<Pattern> patterns) {
    List<CapturedLine> matched = new ArrayList<>();
    for (CapturedLine line : lines) {
      for (Pattern pattern : patterns) {
        if (pattern.matcher(line.text()).find()) {
          matched.add(line);
          break;
        }
      }
    }
    List<String> logged = new ArrayList<>();
    for (CapturedLine line : matched) {
      if (line.structured()) {
        logged.add(line.text().strip());
      }
    }
    Set<String> details = new LinkedHashSet<>();
    for (CapturedLine line : matched) {
      if (!line.structured() && logged.stream().anyMatch(text -> line.text().contains(text))) {
        continue;
      }
      details.add(line.detail());
    }
    return List.copyOf(details);
  }
}
