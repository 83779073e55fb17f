package io.github.authenticity.core.internal.report;

import java.util.List;
import java.util.Set;

import io.github.authenticity.core.internal.events.Event.TestFinished;
import io.github.authenticity.core.internal.events.Event.TestPlanned;
import io.github.authenticity.core.internal.judge.Judge;
import io.github.authenticity.core.internal.model.Judgement;
import io.github.authenticity.core.internal.judge.VerdictMessages;
import org.apiguardian.api.API;
import io.github.authenticity.core.internal.model.NotRunReason;
import io.github.authenticity.core.internal.model.Summary;
import io.github.authenticity.core.internal.model.TestEntry;
import io.github.authenticity.core.internal.model.Verdict;

/**
 * The report's rows and counts: one {@link TestEntry} per test from its events and the {@link Judge}'s judgement,
 * which execution of a test the report keeps, and the {@link Summary} of the rows. The verdicts themselves are the
 * judge's.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class TestEntries {

  private TestEntries() {
  }

  /**
   * The report entry of one execution of a test.
   *
   * @param planned     its {@code test} event
   * @param started     whether it started
   * @param finished    its {@code finished} event, or {@code null}
   * @param judged      the extension's verdict on it, or {@code null}
   * @param container   the extension's verdict on a container around it, or {@code null}
   * @param runStaging  whether its run was in a staging environment
   */
  public static TestEntry entry(TestPlanned planned, boolean started, TestFinished finished, Judgement judged,
      Judgement container, boolean runStaging) {
    String status = finished == null ? null : finished.status().name();
    String message = finished == null ? null : finished.message();
    long duration = finished == null ? 0 : finished.durationMillis();
    Judgement judgement = Judge.judgement(planned, started, finished, judged, container, runStaging);
    if (judgement == null) {
      return new TestEntry(planned.uniqueId(), planned.className(), planned.methodName(), planned.displayName(),
          false, planned.services(), null, duration, null, List.of(), null, planned.tags(), status, message, List.of(),
          null, null);
    }
    if (judgement.message() != null && (message == null || judged == null || judgement.verdict() == Verdict.NOT_RUN)) {
      message = judgement.message();
    }
    if (judgement.durationMillis() != null) {
      duration = judgement.durationMillis();
    }
    if (planned.standsFor() != null) {
      message = VerdictMessages.standsFor(planned.standsFor(), message);
    }
    return new TestEntry(planned.uniqueId(), planned.className(), planned.methodName(), planned.displayName(),
        true, planned.services(), judgement.verdict(), duration, judgement.reason(), judgement.evidence(),
        judgement.proof(), planned.tags(), status, message, judgement.allowedMocks(), judgement.unproven(),
        judgement.allowedBy());
  }

  /** The entry of a guarded test compiled into the test classes that no run discovered. */
  public static TestEntry notDiscovered(String className, String methodName, List<String> services,
      boolean stagingOnly, boolean anyStaging) {
    Judgement judgement = Judge.notDiscovered(stagingOnly, anyStaging);
    String simple = className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
    return new TestEntry("compiled:" + className + "#" + methodName, className, methodName,
        simple + " > " + methodName + "()", true, services, judgement.verdict(), 0, judgement.reason(), List.of(),
        null, List.of(), null, judgement.message(), List.of(), null, null);
  }

  /** Of two executions of one test (a rerun, the same class in two modules), the one the report keeps: the worse. */
  public static boolean worse(TestEntry candidate, TestEntry kept) {
    return kept == null || rank(candidate) > rank(kept);
  }

  /** Higher is worse; a test that ran anywhere outranks one that did not run. */
  private static int rank(TestEntry entry) {
    if (entry.verdict() == null) {
      return entry.status() == null ? 0 : 1;
    }
    return switch (entry.verdict()) {
      case MASKED -> 10;
      case FAILED -> 9;
      case SERVICE_DOWN -> 8;
      case AUTHENTIC -> 7;
      case NOT_RUN -> switch (entry.reason()) {
        case NOT_DISCOVERED, NOT_EXECUTED -> 6;
        case CONDITION -> 5;
        case DISABLED -> 4;
        case ENVIRONMENT -> 3;
        case ALLOWED_SKIP -> 2;
      };
    };
  }

  /**
   * The counts of {@code tests}.
   *
   * @param discovered tests in a test plan (guarded or not)
   * @param executed   tests that started (guarded or not)
   * @param ran        the unique ids of the tests that started
   */
  public static Summary count(List<TestEntry> tests, int discovered, int executed, Set<String> ran) {
    int guarded = 0;
    int authentic = 0;
    int masked = 0;
    int failed = 0;
    int serviceDown = 0;
    int notRun = 0;
    int unproven = 0;
    int guardedExecuted = 0;
    int[] reasons = new int[NotRunReason.values().length];
    for (TestEntry entry : tests) {
      if (!entry.guarded() || entry.verdict() == null) {
        continue;
      }
      guarded++;
      if (Judge.executed(entry, ran.contains(entry.uniqueId()))) {
        guardedExecuted++;
      }
      switch (entry.verdict()) {
        case AUTHENTIC -> {
          authentic++;
          if (entry.unproven() != null) {
            unproven++;
          }
        }
        case MASKED -> masked++;
        case FAILED -> failed++;
        case SERVICE_DOWN -> serviceDown++;
        case NOT_RUN -> {
          notRun++;
          reasons[entry.reason().ordinal()]++;
        }
      }
    }
    return new Summary(discovered, executed, guarded, authentic, masked, failed, serviceDown, notRun, unproven,
        guardedExecuted, reasons[NotRunReason.NOT_DISCOVERED.ordinal()], reasons[NotRunReason.NOT_EXECUTED.ordinal()],
        reasons[NotRunReason.DISABLED.ordinal()], reasons[NotRunReason.ENVIRONMENT.ordinal()],
        reasons[NotRunReason.CONDITION.ordinal()], reasons[NotRunReason.ALLOWED_SKIP.ordinal()]);
  }
}
