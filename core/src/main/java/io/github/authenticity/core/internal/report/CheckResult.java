package io.github.authenticity.core.internal.report;

import java.nio.file.Path;
import java.util.List;

import org.apiguardian.api.API;

import io.github.authenticity.core.internal.model.CheckSettings;
import io.github.authenticity.core.internal.model.Report;

/** The outcome of {@link Check#evaluate(Report, CheckSettings)}: the violations, one a line, and one summary. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class CheckResult {

  private final List<String> violations;
  private final String headline;
  private final String hints;
  private final List<String> optOuts;

  CheckResult(List<String> violations, String headline, String hints, List<String> optOuts) {
    this.violations = List.copyOf(violations);
    this.headline = headline;
    this.hints = hints;
    this.optOuts = List.copyOf(optOuts);
  }

  /**
   * One line per violation, e.g. {@code MASKED OrderE2E.placesOrder: FALLBACK_LOG "Using MockWebSocketManager ..."};
   * empty when the check passed.
   */
  public List<String> violations() {
    return violations;
  }

  /** At most this many violations are logged one a line; the rest are counted (every one is in the report). */
  public static final int MAX_LOGGED = 25;

  /**
   * The violations to log, bounded on a large suite: the first {@value #MAX_LOGGED}, then
   * {@code ... and 75 more (every one is in the report)}.
   */
  public List<String> loggedViolations() {
    if (violations.size() <= MAX_LOGGED) {
      return violations;
    }
    List<String> shown = new java.util.ArrayList<>(violations.subList(0, MAX_LOGGED));
    shown.add("... and " + (violations.size() - MAX_LOGGED) + " more (every one is in the report)");
    return shown;
  }

  /** The first sentence of {@link #summary}, e.g. {@code Authenticity check failed: 4 MASKED guarded tests.} */
  public String headline() {
    return headline;
  }

  /** Whether the build must fail. */
  public boolean failed() {
    return !violations.isEmpty();
  }

  /**
   * One message: the counts first, then what to check, where the report is and how to opt out, e.g.
   * {@code Authenticity check failed: 4 MASKED, 2 NOT_DISCOVERED guarded tests. See target/surefire-reports for
   * the authenticity report. (Set -Dauthenticity.failOnMasked=false and -Dauthenticity.failOnNotRun=false to
   * ignore this.)}
   */
  public String summary(Path reportDirectory) {
    StringBuilder out = new StringBuilder(headline);
    if (!hints.isEmpty()) {
      out.append(' ').append(hints);
    }
    if (reportDirectory != null) {
      out.append(" See ").append(reportDirectory).append(" for the authenticity report.");
    }
    if (!optOuts.isEmpty()) {
      out.append(" (Set ").append(String.join(" and ", optOuts)).append(" to ignore this.)");
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return summary(null);
  }
}
