package io.github.authenticity.core.internal.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.authenticity.core.internal.judge.Judge;
import io.github.authenticity.core.internal.judge.VerdictMessages;
import io.github.authenticity.core.internal.model.CheckSettings;
import io.github.authenticity.core.internal.model.NotRunReason;
import io.github.authenticity.core.internal.model.Report;
import io.github.authenticity.core.internal.model.Summary;
import io.github.authenticity.core.internal.model.TestEntry;
import io.github.authenticity.core.internal.model.Verdict;
import org.apiguardian.api.API;

/**
 * The {@code check} goal's verdict on a report, as messages: which tests count is {@link Judge}'s rule
 * ({@link Judge#counts}, {@link Judge#noTests}); this class only says it (the Mojo only logs and throws).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Check {

  /** The order the not-run reasons are listed in. */
  private static final NotRunReason[] ORDER = {NotRunReason.NOT_DISCOVERED, NotRunReason.NOT_EXECUTED,
      NotRunReason.CONDITION, NotRunReason.DISABLED, NotRunReason.ENVIRONMENT};

  private Check() {
  }

  /**
   * What the build saw of the test plugin's run besides the events: with results but no events files, the
   * listener did not record the run.
   *
   * @param resultFiles      the test plugin's result files of this build ({@code TEST-*.xml}, not ours)
   * @param reportsDirectory where they are
   * @param eventsDirectory  where the listener writes its events files
   */
  public record TestPluginRun(int resultFiles, Path reportsDirectory, Path eventsDirectory) {
  }

  /**
   * Applies {@code settings} to {@code report}; first, when guarded tests are compiled, the test plugin ran tests
   * ({@code run}) and yet no events file was written, fails with that alone: the guard was switched off (the
   * listener deactivated, or the extension missing from the test class path), so nothing was judged.
   */
  public static CheckResult evaluate(Report report, CheckSettings settings, TestPluginRun run) {
    int guarded = report.summary().guarded();
    if (run == null || run.resultFiles() == 0 || !report.sources().isEmpty() || guarded == 0
        || settings.minExecuted() == 0) {
      return evaluate(report, settings);
    }
    String violation = "NO_EVENTS: " + guarded + " guarded " + ConsoleSummary.plural(guarded, "test")
        + " compiled, the test plugin ran tests (" + run.resultFiles() + " " + ConsoleSummary.plural(
            run.resultFiles(), "result file") + " in [" + run.reportsDirectory() + "]), but no events file was"
        + " written into [" + run.eventsDirectory() + "]";
    return new CheckResult(List.of(violation),
        "Authenticity check failed: guarded tests are compiled but no events were written.",
        "The Authenticity listener did not record the run, so no guarded test was judged. Likely cause: it was"
            + " deactivated (junit.platform.execution.listeners.deactivate names it or a pattern that matches"
            + " io.github.authenticity.junit.AuthenticityListener, in junit-platform.properties or a system property),"
            + " or authenticity-junit-extension is not on the test"
            + " class path (classpathDependencyExcludes, or a scope other than test).",
        List.of("-Dauthenticity.minExecuted=0"));
  }

  /** Applies {@code settings} to every guarded test of {@code report}. */
  public static CheckResult evaluate(Report report, CheckSettings settings) {
    List<String> violations = new ArrayList<>();
    int[] counts = new int[NotRunReason.values().length];
    int masked = 0;
    for (TestEntry test : report.tests()) {
      if (!test.guarded() || test.verdict() == null) {
        continue;
      }
      if (test.verdict() == Verdict.MASKED && settings.failOnMasked()) {
        masked++;
        violations.add("MASKED " + test.shortName() + ": " + ConsoleSummary.evidence(test));
      } else if (test.verdict() == Verdict.NOT_RUN) {
        NotRunReason reason = test.reason() == null ? NotRunReason.NOT_EXECUTED : test.reason();
        if (Judge.counts(reason, settings)) {
          counts[reason.ordinal()]++;
          violations.add(reason + " " + test.shortName() + ": " + ConsoleSummary.abbreviate(
              test.message() == null || test.message().isBlank() ? explain(reason) : test.message()));
        }
      }
    }
    boolean incomplete = settings.failOnIncomplete() && !report.complete();
    if (incomplete) {
      for (String reason : report.incompleteReasons()) {
        violations.add("INCOMPLETE: " + reason);
      }
    }
    Summary s = report.summary();
    int expected = Judge.expected(s, settings);
    int compiledOnly = s.notDiscovered();
    int executed = s.guardedExecuted();
    boolean noTests = settings.minExecuted() > 0 && Judge.noTests(s, settings);
    boolean tooFew = expected > 0 && executed > 0 && executed < settings.minExecuted();
    String selection = report.unmatchedSelection() == null ? ""
        : " (the test selection [" + report.unmatchedSelection() + "] matched no test at all)";
    if (noTests) {
      violations.add("NO_TESTS: " + expected + " guarded " + ConsoleSummary.plural(expected, "test")
          + (compiledOnly == expected ? " compiled" : "") + ", none executed" + selection);
    } else if (tooFew) {
      violations.add("Only " + executed + " guarded " + ConsoleSummary.plural(executed, "test")
          + " executed, fewer than minExecuted [" + settings.minExecuted() + "]");
    }
    if (violations.isEmpty()) {
      String headline = s.guarded() == 0 ? "Authenticity check passed: no guarded tests."
          : "Authenticity check passed: " + s.guarded() + " guarded " + ConsoleSummary.plural(s.guarded(), "test")
              + ", " + s.authentic() + " authentic" + (s.unproven() > 0 ? " (" + s.unproven() + " unproven)" : "")
              + (s.masked() > 0 ? ", " + s.masked() + " MASKED" : "")
              + (s.failed() > 0 ? ", " + s.failed() + " FAILED" : "")
              + (s.serviceDown() > 0 ? ", " + s.serviceDown() + " SERVICE_DOWN" : "")
              + (s.notRun() > 0 ? ", " + s.notRun() + " not run (" + ConsoleSummary.notRunBreakdown(s).substring(2)
                  + ")" : "")
              + ".";
      return new CheckResult(List.of(), headline, "", List.of());
    }

    List<String> parts = new ArrayList<>();
    int total = masked;
    if (masked > 0) {
      parts.add(masked + " MASKED");
    }
    for (NotRunReason reason : ORDER) {
      if (counts[reason.ordinal()] > 0) {
        parts.add(counts[reason.ordinal()] + " " + reason);
        total += counts[reason.ordinal()];
      }
    }
    StringBuilder headline = new StringBuilder("Authenticity check failed: ");
    if (!parts.isEmpty()) {
      headline.append(String.join(", ", parts)).append(" guarded ").append(ConsoleSummary.plural(total, "test"));
    }
    String hints = "";
    if (noTests) {
      headline.append(parts.isEmpty() ? "" : "; ").append(expected).append(" guarded ")
          .append(ConsoleSummary.plural(expected, "test"))
          .append(compiledOnly == expected ? " compiled, but none executed" : ", but none executed").append(selection);
      if (report.unmatchedSelection() != null) {
        hints = "Check the spelling of the selection (-Dtest / -Dit.test): it matched no test class or method,"
            + " so nothing ran.";
      } else if (compiledOnly > 0) {
        hints = "Check the Surefire includes (test classes named *Test, *Tests, *TestCase or Test*), -Dgroups and"
            + " -DexcludedGroups, and that a JUnit engine (junit-jupiter-engine) is a test dependency.";
      } else if (s.condition() > 0) {
        hints = "Conditions switched them off at run time (the reasons are listed above): make the condition hold"
            + " in this build, or remove it; or, " + VerdictMessages.declareConditionHint();
      } else {
        hints = "They were discovered but never started: did a test JVM die? Check the test plugin's output.";
      }
    } else if (tooFew) {
      headline.append(parts.isEmpty() ? "" : "; ").append("only ").append(executed).append(" guarded ")
          .append(ConsoleSummary.plural(executed, "test")).append(" executed, fewer than minExecuted [")
          .append(settings.minExecuted()).append("]");
    }
    if (incomplete) {
      headline.append(parts.isEmpty() && !noTests && !tooFew ? "" : "; ").append("the report is incomplete (")
          .append(report.incompleteReasons().size()).append(' ')
          .append(ConsoleSummary.plural(report.incompleteReasons().size(), "reason")).append(" above)");
    }
    headline.append('.');
    if (counts[NotRunReason.NOT_DISCOVERED.ordinal()] > 0 && !noTests) {
      hints = "NOT_DISCOVERED tests are compiled but in no test plan: check the Surefire includes, -Dgroups and"
          + " -DexcludedGroups, and the JUnit engine dependency.";
    } else if (counts[NotRunReason.CONDITION.ordinal()] > 0 && !noTests) {
      hints = "CONDITION tests were switched off at run time: make the condition hold in this build; or, "
          + VerdictMessages.declareConditionHint();
    }
    List<String> optOuts = new ArrayList<>();
    if (masked > 0) {
      optOuts.add("-Dauthenticity.failOnMasked=false");
    }
    if (counts[NotRunReason.NOT_DISCOVERED.ordinal()] + counts[NotRunReason.NOT_EXECUTED.ordinal()]
        + counts[NotRunReason.CONDITION.ordinal()] > 0) {
      optOuts.add("-Dauthenticity.failOnNotRun=false");
    }
    if (counts[NotRunReason.DISABLED.ordinal()] > 0) {
      optOuts.add("-Dauthenticity.failOnDisabled=false");
    }
    if (counts[NotRunReason.ENVIRONMENT.ordinal()] > 0) {
      optOuts.add("-Dauthenticity.requireEnvironment=");
    }
    if (noTests || tooFew) {
      optOuts.add("-Dauthenticity.minExecuted=0");
    }
    if (incomplete) {
      optOuts.add("-Dauthenticity.failOnIncomplete=false");
    }
    return new CheckResult(violations, headline.toString(), hints, optOuts);
  }

  private static String explain(NotRunReason reason) {
    return switch (reason) {
      case NOT_DISCOVERED -> VerdictMessages.notDiscovered();
      case NOT_EXECUTED -> "discovered, but never started";
      case DISABLED -> "disabled";
      case CONDITION -> VerdictMessages.condition(null);
      case ENVIRONMENT -> "not run in this environment";
      case ALLOWED_SKIP -> "skipped, as a declared rule allows";
    };
  }

  /**
   * What the build is warned about but does not fail for: each declared allowed skip ({@code detection.allowedSkips})
   * that allowed nothing in this run, since a rule nobody needs any more rots into a hole, e.g.
   * {@code Allowed skip rule [reason /requires Redis 7/] allowed no test in this run: remove it from
   * detection.allowedSkips if the gate is gone.}
   */
  public static List<String> warnings(Report report) {
    return report.staleSkipRules().stream().map(rule -> VerdictMessages.staleSkipRule(rule.rule())).toList();
  }
}
