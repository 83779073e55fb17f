package io.github.authenticity.core.internal.judge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.github.authenticity.core.internal.config.AllowedSkip;
import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.internal.events.Event.TestFinished;
import io.github.authenticity.core.internal.events.Event.TestPlanned;
import io.github.authenticity.core.internal.model.CheckSettings;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import io.github.authenticity.core.internal.model.Judgement;
import io.github.authenticity.core.internal.model.NotRunReason;
import io.github.authenticity.core.internal.model.OverallVerdict;
import io.github.authenticity.core.internal.model.Summary;
import io.github.authenticity.core.internal.model.TestEntry;
import io.github.authenticity.core.internal.model.Verdict;
import org.apiguardian.api.API;

/**
 * How a guarded test is judged: every rule that turns what was seen into a verdict, in one place. The extension
 * calls it while a test runs (to fail a masked test in JUnit), and the report (the listener's, the plugin's
 * {@code report}, {@code report-aggregate} and {@code check}) calls it on the events files, so both say the same.
 *
 * <ol>
 *   <li><b>A guarded test that ran</b> ({@link #ran}): a detector that threw makes it {@code FAILED}; an
 *   aborting assumption {@code MASKED} ({@code ABORTED}: a skip is not a pass); its own failure {@code FAILED};
 *   a JVM that cannot observe it under {@code interaction: required} {@code FAILED} with why; any evidence
 *   {@code MASKED}; else {@code AUTHENTIC}, with what proves it or why nothing could ({@code unproven}).</li>
 *   <li><b>Stopped before its body</b> by the extension: a required service {@code DOWN} is {@code SERVICE_DOWN};
 *   bad configuration or a contradicted {@code requireEnvironment} {@code FAILED}; loopback in staging or a
 *   Testcontainers skip {@code MASKED}; {@code @StagingOnly} outside staging {@code NOT_RUN}/{@code ENVIRONMENT}.
 *   A verdict on a container applies to every guarded test under it.</li>
 *   <li><b>Without the extension's verdict</b> ({@link #entry}), from JUnit's outcome: skipped by a literal
 *   {@code @Disabled} {@code NOT_RUN}/{@code DISABLED}, by any other condition {@code NOT_RUN}/{@code CONDITION}
 *   with its reason, by Testcontainers for want of Docker {@code MASKED}/{@code CONTAINER_SKIP}; aborted
 *   {@code MASKED}/{@code ABORTED}; failed {@code FAILED}; passed {@code MASKED}/{@code NOT_JUDGED} (nothing
 *   proves it used its services); never finished {@code NOT_RUN}/{@code NOT_EXECUTED}; compiled but in no test
 *   plan {@code NOT_RUN}/{@code NOT_DISCOVERED}.</li>
 *   <li><b>The overall verdict</b> ({@link #overall}), the first that applies: {@code NO_TESTS} (guarded tests
 *   are expected here and none started; a test stopped at once by a {@code DOWN} service was started and
 *   failed), {@code MASKED} (a masked test, or a not-run test that {@link #counts counts}), {@code FAILED},
 *   {@code AUTHENTIC}.</li>
 * </ol>
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class Judge {

  private Judge() {
  }

  // ---- 1. a guarded test that ran

  /** The verdict on a guarded test whose body ran (or was aborted). */
  public static Judgement ran(Findings f) {
    Verdict verdict;
    String message = null;
    if (f.detectorFailure() != null) {
      verdict = Verdict.FAILED;
      message = VerdictMessages.detectorFailed(f.detectorFailure());
    } else if (f.aborted()) {
      verdict = Verdict.MASKED;
      message = VerdictMessages.masked(f.services(), f.evidence());
    } else if (f.failure() != null) {
      verdict = Verdict.FAILED;
      message = f.failure();
    } else if (!f.evidence().isEmpty()) {
      verdict = Verdict.MASKED;
      message = VerdictMessages.masked(f.services(), f.evidence());
    } else if (f.cannotJudge() != null) {
      verdict = Verdict.FAILED;
      message = f.cannotJudge();
    } else {
      verdict = Verdict.AUTHENTIC;
    }
    String proof = null;
    String unproven = null;
    if (verdict == Verdict.AUTHENTIC) {
      // several services: some may be proven and others not (a shared connection); the entry then says both
      proof = f.proof().isEmpty() ? null : String.join("; ", f.proof());
      unproven = f.unproven() != null ? f.unproven() : proof != null ? null : "no exchange was observed";
    }
    return new Judgement(verdict, null, f.evidence(), proof, unproven, f.allowedMocks(), f.warnings(),
        f.durationMillis(), message, null);
  }

  // ---- 2. stopped before its body

  /**
   * Why no guarded test may run here: {@code authenticity.requireEnvironment} names another environment than the
   * active one (every guarded test then fails with this message); empty when it does not.
   */
  public static java.util.Optional<String> contradictedEnvironment(AuthenticityConfig config) {
    return config.requireEnvironment().filter(required -> !required.equals(config.environment()))
        .map(required -> VerdictMessages.environmentContradiction(required, config.environment()));
  }

  /** A required service is {@code DOWN}. */
  public static Judgement serviceDown(String message) {
    return Judgement.of(Verdict.SERVICE_DOWN, null, List.of(), message);
  }

  /** Bad configuration, a contradicted required environment: the test fails with why. */
  public static Judgement failedBeforeBody(String message) {
    return Judgement.of(Verdict.FAILED, null, List.of(), message);
  }

  /** Evidence found before the body ran (loopback in staging, a Testcontainers skip). */
  public static Judgement maskedBeforeBody(List<String> services, List<Evidence> evidence, String message) {
    return Judgement.of(Verdict.MASKED, null, evidence, message != null ? message : VerdictMessages.masked(services, evidence));
  }

  /** An assumption aborted the test (or its class) {@code where}, e.g. {@code in @BeforeEach}. */
  public static Judgement aborted(List<String> services, String where, String assumption) {
    List<Evidence> evidence = List.of(new Evidence(EvidenceKind.ABORTED, VerdictMessages.aborted(where, assumption)));
    return Judgement.of(Verdict.MASKED, null, evidence, VerdictMessages.masked(services, evidence));
  }

  /**
   * The rule among {@code rules} (the configuration's {@code detection.allowedSkips} first, then the test's own
   * {@code @AllowSkip}) that allows a guarded test's skip of {@code kind} with {@code text} (the assumption's
   * message or the condition's reason), the test carrying the annotation types {@code annotations}; empty when none
   * does, and the skip is judged as ever ({@code MASKED}/{@code ABORTED}, {@code NOT_RUN}/{@code CONDITION}). A
   * Testcontainers skip for want of Docker is never allowed: it is {@code CONTAINER_SKIP} whatever the rules say.
   */
  public static Optional<AllowedSkip> allowing(List<AllowedSkip> rules, AllowedSkip.Kind kind, String text,
      Collection<String> annotations) {
    return allowing(rules, kind, text, annotations, null);
  }

  /** As {@link #allowing(List, AllowedSkip.Kind, String, Collection)}, for the test {@code testName} (for a rule's {@code test}). */
  public static Optional<AllowedSkip> allowing(List<AllowedSkip> rules, AllowedSkip.Kind kind, String text,
      Collection<String> annotations, String testName) {
    if (isDockerSkip(text)) {
      return Optional.empty();
    }
    return rules.stream().filter(rule -> rule.allows(kind, text, annotations, testName)).findFirst();
  }

  /** A skip of {@code kind} with {@code text} that {@code rule} allows: {@code NOT_RUN}/{@code ALLOWED_SKIP}. */
  public static Judgement allowedSkip(AllowedSkip rule, AllowedSkip.Kind kind, String text) {
    return new Judgement(Verdict.NOT_RUN, NotRunReason.ALLOWED_SKIP, List.of(), null, null, List.of(), List.of(),
        null, VerdictMessages.allowedSkip(kind, text, rule), rule.label());
  }

  /** It does not run here, for {@code reason}. */
  public static Judgement notRun(NotRunReason reason, String message) {
    return Judgement.of(Verdict.NOT_RUN, reason, List.of(), message);
  }

  // ---- 3. in the report

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
    boolean guarded = planned.guarded() || judged != null;
    String status = finished == null ? null : finished.status().name();
    String message = finished == null ? null : finished.message();
    long duration = finished == null ? 0 : finished.durationMillis();
    Judgement judgement = null;
    if (guarded) {
      // a container's verdict stands for the tests it stopped (they share its outcome, or never finished); a test
      // that ended on its own (e.g. a literal @Disabled in a class whose @AfterAll masked it) keeps its own outcome
      boolean stoppedByContainer = finished == null || finished.via() != null;
      judgement = judged != null ? merge(judged, container) : container != null && stoppedByContainer ? container
          : fromOutcome(planned, started, finished, runStaging);
      if (judgement.message() != null && (message == null || judged == null || judgement.verdict() == Verdict.NOT_RUN)) {
        message = judgement.message();
      }
      if (judgement.durationMillis() != null) {
        duration = judgement.durationMillis();
      }
      if (planned.standsFor() != null) {
        message = VerdictMessages.standsFor(planned.standsFor(), message);
      }
    }
    return new TestEntry(planned.uniqueId(), planned.className(), planned.methodName(), planned.displayName(),
        guarded, planned.services(), judgement == null ? null : judgement.verdict(), duration,
        judgement == null ? null : judgement.reason(), judgement == null ? List.of() : judgement.evidence(),
        judgement == null ? null : judgement.proof(), planned.tags(), status, message,
        judgement == null ? List.of() : judgement.allowedMocks(), judgement == null ? null : judgement.unproven(),
        judgement == null ? null : judgement.allowedBy());
  }

  /** A test's own verdict with its container's: what masks the container (e.g. in {@code @AfterAll}) masks it too. */
  private static Judgement merge(Judgement own, Judgement container) {
    if (container == null || container.verdict() != Verdict.MASKED
        || (own.verdict() != Verdict.AUTHENTIC && own.verdict() != Verdict.MASKED)) {
      return own;
    }
    List<Evidence> evidence = new ArrayList<>(own.evidence());
    container.evidence().stream().filter(e -> !evidence.contains(e)).forEach(evidence::add);
    return new Judgement(Verdict.MASKED, null, evidence, null, null, own.allowedMocks(), own.warnings(),
        own.durationMillis(), container.message(), null);
  }

  /** The verdict from JUnit's outcome alone, when the extension wrote none. */
  static Judgement fromOutcome(TestPlanned planned, boolean started, TestFinished finished, boolean runStaging) {
    if (finished == null) {
      return notRun(NotRunReason.NOT_EXECUTED, VerdictMessages.notExecuted(started));
    }
    String message = finished.message();
    return switch (finished.status()) {
      case SKIPPED -> {
        if (planned.stagingOnly() && !runStaging) {
          yield notRun(NotRunReason.ENVIRONMENT, message);
        }
        if (isDockerSkip(message)) {
          yield Judgement.of(Verdict.MASKED, null, List.of(new Evidence(EvidenceKind.CONTAINER_SKIP, message)), message);
        }
        yield finished.disabled() ? notRun(NotRunReason.DISABLED, message)
            : notRun(NotRunReason.CONDITION, VerdictMessages.condition(message));
      }
      case ABORTED -> aborted(planned.services(),
          finished.via() == null ? "" : "with its container [" + lastSegment(finished.via()) + "]", message)
          .withMessage(message);
      case SUCCESSFUL -> Judgement.of(Verdict.MASKED, null,
          List.of(new Evidence(EvidenceKind.NOT_JUDGED, VerdictMessages.notJudged())), message);
      case FAILED -> Judgement.of(Verdict.FAILED, null, List.of(), message);
    };
  }

  /** {@code a.AbortE2E} of {@code [engine:junit-jupiter]/[class:a.AbortE2E]}. */
  static String lastSegment(String uniqueId) {
    int start = uniqueId.lastIndexOf("/[");
    String segment = uniqueId.substring(start < 0 ? 0 : start + 1);
    int colon = segment.indexOf(':');
    return segment.startsWith("[") && segment.endsWith("]") && colon > 0 ? segment.substring(colon + 1,
        segment.length() - 1) : segment;
  }

  /** Whether a skip reason is Testcontainers' for a missing Docker (its own wording, or ours in report mode). */
  public static boolean isDockerSkip(String reason) {
    return reason != null && (reason.contains("disabledWithoutDocker") || reason.contains("Docker is not available"));
  }

  /** The entry of a guarded test compiled into the test classes that no run discovered. */
  public static TestEntry notDiscovered(String className, String methodName, List<String> services,
      boolean stagingOnly, boolean anyStaging) {
    NotRunReason reason = stagingOnly && !anyStaging ? NotRunReason.ENVIRONMENT : NotRunReason.NOT_DISCOVERED;
    String message = reason == NotRunReason.ENVIRONMENT ? VerdictMessages.notDiscoveredOutsideStaging()
        : VerdictMessages.notDiscovered();
    String simple = className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
    return new TestEntry("compiled:" + className + "#" + methodName, className, methodName,
        simple + " > " + methodName + "()", true, services, Verdict.NOT_RUN, 0, reason, List.of(), null, List.of(),
        null, message, List.of(), null, null);
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

  // ---- 4. counts and the overall verdict

  /**
   * Whether it counts as executed: it started, or it was stopped at once and failed: a {@code DOWN} service, bad
   * configuration (an unset variable, a malformed file) or a failing {@code @BeforeAll} around it. A dead
   * environment or a broken configuration is a failed run, not an empty one ({@code NO_TESTS} says no test was
   * found or started, "did a test JVM die?").
   */
  public static boolean executed(TestEntry entry, boolean started) {
    return started || entry.verdict() == Verdict.SERVICE_DOWN || entry.verdict() == Verdict.FAILED;
  }

  /** Whether a guarded test not run for {@code reason} counts against the build under {@code settings}. */
  public static boolean counts(NotRunReason reason, CheckSettings settings) {
    return switch (reason) {
      case NOT_DISCOVERED, NOT_EXECUTED, CONDITION -> settings.failOnNotRun();
      case DISABLED -> settings.failOnDisabled();
      case ENVIRONMENT -> settings.environmentRequired();
      case ALLOWED_SKIP -> false;
    };
  }

  /** Whether a guarded test not run for {@code reason} was expected to run here (for {@code NO_TESTS}). */
  public static boolean expected(NotRunReason reason, CheckSettings settings) {
    return switch (reason) {
      case NOT_DISCOVERED, NOT_EXECUTED, CONDITION -> true;
      case DISABLED -> settings.failOnDisabled();
      case ENVIRONMENT -> settings.environmentRequired();
      case ALLOWED_SKIP -> false;
    };
  }

  /** How many guarded tests were expected to run here: all but those not run for a reason that does not count. */
  public static int expected(Summary s, CheckSettings settings) {
    int expected = s.guarded();
    for (NotRunReason reason : NotRunReason.values()) {
      if (!expected(reason, settings)) {
        expected -= s.notRun(reason);
      }
    }
    return expected;
  }

  /** How many not-run guarded tests count against the build. */
  public static int countedNotRun(Summary s, CheckSettings settings) {
    int counted = 0;
    for (NotRunReason reason : NotRunReason.values()) {
      if (counts(reason, settings)) {
        counted += s.notRun(reason);
      }
    }
    return counted;
  }

  /** Guarded tests are expected here and none was executed. */
  public static boolean noTests(Summary s, CheckSettings settings) {
    return expected(s, settings) > 0 && s.guardedExecuted() == 0;
  }

  /** The overall verdict for these counts: the first of NO_TESTS, MASKED, FAILED, AUTHENTIC that applies. */
  public static OverallVerdict overall(Summary s, CheckSettings settings) {
    if (noTests(s, settings)) {
      return OverallVerdict.NO_TESTS;
    }
    if (s.masked() > 0 || countedNotRun(s, settings) > 0) {
      return OverallVerdict.MASKED;
    }
    if (s.failed() > 0 || s.serviceDown() > 0) {
      return OverallVerdict.FAILED;
    }
    return OverallVerdict.AUTHENTIC;
  }

  /**
   * The counts of {@code tests}.
   *
   * @param discovered tests in a test plan (guarded or not)
   * @param executed   tests that started (guarded or not)
   * @param ran        the unique ids of the tests that started
   */
  public static Summary count(List<TestEntry> tests, int discovered, int executed, java.util.Set<String> ran) {
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
      if (executed(entry, ran.contains(entry.uniqueId()))) {
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
