package io.github.authenticity.core.internal.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.apiguardian.api.API;

/**
 * Installs the log and console capture, and picks the captured lines that match a fallback pattern; the judge's
 * {@code FallbackRule} turns them into {@code FALLBACK_LOG} evidence.
 */
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

  /**
   * As {@link #install}, for a test instance about to be constructed: the java.util.logging handler goes on the root
   * logger only. The walk over every logger for those that bypass the root (about 4 % of the extension's per-test
   * work in the bench profile) is left to the test's own {@code install} in {@code beforeEach}, which follows at once
   * on the same thread. What is missed: a line logged in the constructor through a logger that bypasses the root and
   * was made after the previous test's set-up (in its body or tear-down).
   */
  public static void installBeforeConstruction(ClassLoader loader) {
    ConsoleTee.install();
    JulCapture.installOnRoot();
    LoggingBridges.install(loader);
  }

  /** Why a logging bridge could not be attached, one warning each (empty when every bridge is attached). */
  public static List<String> bridgeProblems() {
    List<String> bridges = LoggingBridges.problems();
    java.util.Optional<String> muted = JulCapture.mutedWarning();
    if (muted.isEmpty()) {
      return bridges;
    }
    List<String> problems = new ArrayList<>(bridges);
    problems.add(muted.get());
    return problems;
  }

  /** Ends the current thread's unfinished printed line (call it on the test thread when the body ends). */
  public static void endOfBody() {
    ConsoleTee.endLine();
  }

  /**
   * Adds the lines of {@code seen} that match one of {@code patterns} to {@code into}, in order, with where each was
   * seen: what the judge's {@code FALLBACK_LOG} rule reads. A window keeps only matching lines once its test has
   * claimed it; a construction window keeps every line until then, so they are matched again here.
   */
  public static void addMatching(List<TestScope.Seen<CapturedLine>> into, List<TestScope.Seen<CapturedLine>> seen,
      List<Pattern> patterns) {
    for (TestScope.Seen<CapturedLine> line : seen) {
      if (matches(line.item(), patterns)) {
        into.add(line);
      }
    }
  }

  /** Whether {@code line} matches one of {@code patterns}. */
  public static boolean matches(CapturedLine line, List<Pattern> patterns) {
    for (Pattern pattern : patterns) {
      if (pattern.matcher(line.text()).find()) {
        return true;
      }
    }
    return false;
  }
}
