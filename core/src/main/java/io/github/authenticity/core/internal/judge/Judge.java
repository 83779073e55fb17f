package io.github.authenticity.core.internal.judge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.github.authenticity.core.internal.config.AllowedSkip;
import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.internal.config.Mode;
import io.github.authenticity.core.internal.events.Event.TestFinished;
import io.github.authenticity.core.internal.events.Event.TestPlanned;
import io.github.authenticity.core.internal.model.CheckSettings;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import io.github.authenticity.core.internal.model.NotRunReason;
import io.github.authenticity.core.internal.model.OverallVerdict;
import io.github.authenticity.core.internal.model.Summary;
import io.github.authenticity.core.internal.model.TestEntry;
import io.github.authenticity.core.internal.model.Verdict;
import org.apiguardian.api.API;
import io.github.authenticity.core.internal.model.Judgement;

/**
 * How a guarded test is judged: every rule that turns what was seen into evidence and a verdict, in one place. The
 * extension calls it while a test runs (to fail a masked test in JUnit), and the report (the listener's, the plugin's
 * {@code report}, {@code report-aggregate} and {@code check}) calls it on the events files, so both say the same.
 * Detectors report only what they saw; the rules that read it sit beside this class and are called from here:
 * {@link InteractionRule} ({@code NO_INTERACTION}, {@code SERVER_ERRORS}, proof, unproven, cannot judge),
 * {@link TooFastRule} ({@code TOO_FAST}), {@link FallbackRule} ({@code FALLBACK_LOG}, {@code FALLBACK_REPORTED}),
 * {@link MockRule} ({@code MOCK_OBJECT}) and {@link LoopbackRule} ({@code LOOPBACK_IN_STAGING}). Over 300 lines on purpose: it is the one index of every verdict rule, in the order a
 * new reader follows a test (what was seen, a test that ran, one stopped before its body, the report, the overall
 * verdict); each part is short, and a rule with more to it has a class of its own beside it.
 *
 * <ol>
 *   <li><b>What was seen</b> ({@link #read}): the detectors' observations become evidence, proof, warnings and
 *   why a test is unproven or cannot be judged.</li>
 *   <li><b>A guarded test that ran</b> ({@link #ran}): a detector that threw makes it {@code FAILED}; an
 *   aborting assumption {@code MASKED} ({@code ABORTED}: a skip is not a pass); its own failure {@code FAILED};
 *   a JVM that cannot observe it under {@code interaction: required} {@code FAILED} with why; any evidence
 *   {@code MASKED}; else {@code AUTHENTIC}, with what proves it or why nothing could ({@code unproven}).</li>
 *   <li><b>Stopped before its body</b> by the extension: a required service {@code DOWN} is {@code SERVICE_DOWN};
 *   bad configuration or a contradicted {@code requireEnvironment} {@code FAILED}; loopback in staging or a
 *   Testcontainers skip {@code MASKED}; {@code @StagingOnly} outside staging {@code NOT_RUN}/{@code ENVIRONMENT}.
 *   A verdict on a container applies to every guarded test under it.</li>
 *   <li><b>Without the extension's verdict</b> ({@link #judgement}), from JUnit's outcome: skipped by a literal
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

  // ---- 0. what was seen

  /**
   * What the detectors saw of one test (or container) means: the evidence, proof, warnings and reasons they reported
   * as they are, then the interaction rule's reading of {@code interaction} and the {@code TOO_FAST} rule's of
   * {@code timing}, in that order.
   *
   * @param seen        evidence as the rules beside this class made it ({@link FallbackRule}, {@link MockRule}), an
   *                    abort, loopback in staging
   * @param proof       proof lines reported as they are
   * @param warnings    warnings reported as they are
   * @param unproven    why it is unproven, as reported, or {@code null}
   * @param cannotJudge why it cannot be judged, as reported, or {@code null}
   * @param interaction what the interaction detector saw, or {@code null} when it watched nothing
   * @param timing      what was seen of its timing, or {@code null} (a container)
   * @param elapsed     how long its body ran
   * @param failed      whether its body failed (then nothing about its interaction or speed is held against it)
   */
  public static Reading read(List<Evidence> seen, List<String> proof, List<String> warnings, String unproven,
      String cannotJudge, InteractionRule.Seen interaction, TooFastRule.Seen timing, Duration elapsed,
      boolean failed) {
    if (interaction == null && timing == null) {
      return new Reading(seen, proof, warnings, unproven, cannotJudge);
    }
    List<Evidence> evidence = new ArrayList<>(seen);
    List<String> proofs = proof;
    List<String> allWarnings = warnings;
    if (interaction != null) {
      InteractionRule rule = InteractionRule.of(interaction, failed);
      if (!rule.proofs().isEmpty()) {
        proofs = new ArrayList<>(proof);
        for (java.util.Map.Entry<String, String> line : rule.proofs().entrySet()) {
          proofs.add(line.getKey() + ": " + line.getValue());
        }
      }
      if (!rule.warnings().isEmpty()) {
        allWarnings = new ArrayList<>(warnings);
        allWarnings.addAll(rule.warnings());
      }
      if (rule.noInteraction() != null) {
        evidence.add(new Evidence(EvidenceKind.NO_INTERACTION, rule.noInteraction()));
      }
      if (rule.serverErrors() != null) {
        evidence.add(new Evidence(EvidenceKind.SERVER_ERRORS, rule.serverErrors()));
      }
      unproven = joined(unproven, rule.unproven(), "; ");
      cannotJudge = joined(cannotJudge, rule.cannotJudge(), "\n");
    }
    if (timing != null) {
      TooFastRule.judge(timing, elapsed, failed).ifPresent(detail -> evidence.add(new Evidence(EvidenceKind.TOO_FAST,
          detail)));
    }
    return new Reading(evidence, proofs, allWarnings, unproven, cannotJudge);
  }

  private static String joined(String first, String second, String separator) {
    return first == null ? second : second == null ? first : first + separator + second;
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

  /**
   * THE mode switch: whether {@code judgement} fails its test (or container) in JUnit under {@code mode}. A masked
   * test fails in {@code fail} mode and passes (or stays a skip) in {@code report} mode, where it is only reported.
   */
  public static boolean failsInJUnit(Judgement judgement, Mode mode) {
    return judgement.verdict() == Verdict.MASKED && mode == Mode.FAIL;
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

  /**
   * Testcontainers would silently skip the test (or class) for want of Docker ({@code disabledWithoutDocker}):
   * {@code MASKED} with {@code CONTAINER_SKIP} {@code detail}, failing with {@code message}.
   */
  public static Judgement containerSkip(String detail, String message) {
    return Judgement.of(Verdict.MASKED, null, List.of(new Evidence(EvidenceKind.CONTAINER_SKIP, detail)), message);
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
   * The judgement on one execution of a test in the report, or {@code null} when it is not guarded.
   *
   * @param planned     its {@code test} event
   * @param started     whether it started
   * @param finished    its {@code finished} event, or {@code null}
   * @param judged      the extension's verdict on it, or {@code null}
   * @param container   the extension's verdict on a container around it, or {@code null}
   * @param runStaging  whether its run was in a staging environment
   */
  public static Judgement judgement(TestPlanned planned, boolean started, TestFinished finished, Judgement judged,
      Judgement container, boolean runStaging) {
    if (!planned.guarded() && judged == null) {
      return null;
    }
    // a container's verdict stands for the tests it stopped (they share its outcome, or never finished); a test
    // that ended on its own (e.g. a literal @Disabled in a class whose @AfterAll masked it) keeps its own outcome
    boolean stoppedByContainer = finished == null || finished.via() != null;
    return judged != null ? merge(judged, container) : container != null && stoppedByContainer ? container
        : fromOutcome(planned, started, finished, runStaging);
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

  /**
   * The judgement on a guarded test compiled into the test classes that no run discovered: {@code NOT_RUN} with
   * {@code ENVIRONMENT} for a {@code @StagingOnly} test when no run was in staging, else {@code NOT_DISCOVERED}.
   */
  public static Judgement notDiscovered(boolean stagingOnly, boolean anyStaging) {
    return stagingOnly && !anyStaging ? notRun(NotRunReason.ENVIRONMENT, VerdictMessages.notDiscoveredOutsideStaging())
        : notRun(NotRunReason.NOT_DISCOVERED, VerdictMessages.notDiscovered());
  }

  // ---- 4. what counts, and the overall verdict

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
}
