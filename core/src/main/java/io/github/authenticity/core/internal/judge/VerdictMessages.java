package io.github.authenticity.core.internal.judge;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import io.github.authenticity.core.internal.redact.Redactor;
import io.github.authenticity.core.probe.ProbeResult;
import org.apiguardian.api.API;

/** The user-facing messages of judging, each built here once, so that they are pinned by exact tests. */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class VerdictMessages {

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private VerdictMessages() {
  }

  /**
   * {@code Real service 'backend' is DOWN: GET https://... answered 503 Service Unavailable in 312 ms
   * (probed 19:05:01). This test requires the real service; mock fallback is forbidden. 37 other tests
   * that require 'backend' fail for the same reason.}
   *
   * @param down   the DOWN results (at least one)
   * @param forClass whether a whole class fails (then {@code others} counts all tests requiring them)
   * @param others how many other tests require them, if known
   */
  public static String serviceDown(List<ProbeResult> down, boolean forClass, OptionalInt others) {
    StringBuilder text = new StringBuilder();
    for (ProbeResult result : down) {
      text.append("Real service '").append(result.service()).append("' is DOWN: ");
      if (result.endpoint() != null && !result.endpoint().isBlank()) {
        text.append(Redactor.redact(result.endpoint())).append(' ');
      }
      text.append(Redactor.redact(result.detail())).append(" in ").append(result.latencyMillis()).append(" ms");
      if (result.probedAt() != null) {
        text.append(" (probed ").append(CLOCK.format(result.probedAt().atZone(ZoneId.systemDefault())))
            .append(')');
      }
      text.append(". ");
    }
    boolean several = down.size() > 1;
    text.append(forClass ? "This test class requires " : "This test requires ")
        .append(several ? "the real services" : "the real service").append("; mock fallback is forbidden.");
    String names = down.stream().map(r -> "'" + r.service() + "'").collect(Collectors.joining(" or "));
    if (others.isPresent()) {
      int n = others.getAsInt();
      if (forClass) {
        text.append(' ').append(n).append(n == 1 ? " test that requires " : " tests that require ").append(names)
            .append(n == 1 ? " fails" : " fail").append(" for the same reason.");
      } else if (n == 0) {
        text.append(" No other test requires ").append(names).append('.');
      } else {
        text.append(' ').append(n).append(n == 1 ? " other test that requires " : " other tests that require ")
            .append(names).append(n == 1 ? " fails" : " fail").append(" for the same reason.");
      }
    }
    return text.toString();
  }

  /**
   * The failure of a masked test in {@code fail} mode: what happened (a count, one evidence a line), then the fix for
   * each kind of evidence it has (an assumption: how to declare it if it is a legitimate gate; no exchange: how to
   * scope the requirement; a mock: {@code @AllowMock}; a fallback line: the client fell back), then how to only
   * report.
   */
  public static String masked(List<String> services, List<Evidence> evidence) {
    String required = services.isEmpty() ? "real services"
        : (services.size() == 1 ? "the real service " : "the real services ") + services;
    String it = services.size() > 1 ? "them" : "it";
    boolean onlySkipped = !evidence.isEmpty() && evidence.stream().allMatch(e -> e.kind() == EvidenceKind.ABORTED
        || e.kind() == EvidenceKind.CONTAINER_SKIP);
    StringBuilder text = new StringBuilder("MASKED: this guarded test requires ").append(required).append(", but ");
    if (onlySkipped) {
      text.append("it was skipped:");
    } else {
      text.append(evidence.size()).append(evidence.size() == 1 ? " finding shows" : " findings show")
          .append(" that it did not really use ").append(services.isEmpty() ? "them" : it).append(':');
    }
    for (Evidence e : evidence) {
      text.append("\n  ").append(e.kind()).append(": ").append(e.detail());
    }
    Set<String> fixes = new LinkedHashSet<>();
    for (Evidence e : evidence) {
      String fix = fix(e.kind(), services, evidence);
      if (fix != null) {
        fixes.add(fix);
      }
    }
    fixes.forEach(fix -> text.append("\n").append(fix));
    return text.append("\nTo report masked tests without failing them, run with -Dauthenticity.mode=report.")
        .toString();
  }

  /** What to do about one kind of evidence, or {@code null} when its detail says it already. */
  private static String fix(EvidenceKind kind, List<String> services, List<Evidence> evidence) {
    String service = services.size() == 1 ? "'" + services.get(0) + "'" : "the services";
    return switch (kind) {
      case ABORTED -> {
        String assumption = evidence.stream().filter(e -> e.kind() == EvidenceKind.ABORTED).findFirst()
            .map(Evidence::detail).map(VerdictMessages::assumptionText).orElse("");
        yield "An assumption is a skip: make it hold in this build; if it is a legitimate gate (a server version, a"
            + " feature the server lacks), declare it in authenticity.yaml: detection.allowedSkips: [ {reason: '"
            + suggestedPattern(assumption) + "', because: '...'} ] (widen the pattern, e.g. \\d for a version),"
            + " or put @AllowSkip(reason = \"...\", because = \"...\") on the test.";
      }
      case NO_INTERACTION -> "If this test does not need " + service + " (a unit test in a guarded class), scope the"
          + " requirement: put @RequiresRealService on the test methods that use it instead of on the class, or move"
          + " this test to an unguarded class; otherwise make the test exchange with " + service + ".";
      case MOCK_OBJECT -> "Give the test the real client; a deliberate mock field can be marked"
          + " @AllowMock(reason = \"...\").";
      case FALLBACK_LOG, FALLBACK_REPORTED -> "The client fell back to a stand-in (the finding says why): make "
          + service + " reachable for it; a stand-in must not make a guarded test pass.";
      case TOO_FAST -> "Check that the test really ran against " + service + "; if it is genuinely this fast, lower"
          + " minDuration.";
      case LOOPBACK_IN_STAGING -> "Point the service at the staging host in the staging environment's configuration.";
      case CONTAINER_SKIP, NOT_JUDGED, SERVER_ERRORS -> null;
    };
  }

  /** The assumption's own text from an {@code ABORTED} detail (after {@code a skip is not a pass: }). */
  private static String assumptionText(String detail) {
    String marker = "a skip is not a pass: ";
    int at = detail.indexOf(marker);
    String text = at < 0 ? detail : detail.substring(at + marker.length());
    return text.startsWith("Assumption failed: ") ? text.substring("Assumption failed: ".length()) : text;
  }

  /**
   * A regular expression (for a single-quoted YAML string) that matches {@code text} literally, cut to its first
   * 80 characters, e.g. {@code AGGREGATE COUNT requires Redis 8\.8}.
   */
  static String suggestedPattern(String text) {
    String shown = text.length() > 80 ? text.substring(0, 80) : text;
    StringBuilder out = new StringBuilder(shown.length() + 8);
    for (char c : shown.toCharArray()) {
      if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c == '\'' ? "''" : String.valueOf(c)).append("");
    }
    return out.toString().replace("\n", " ").replace("\r", " ");
  }

  /** {@code authenticity.requireEnvironment} names another environment than the active one. */
  public static String environmentContradiction(String required, String active) {
    return String.format("authenticity.requireEnvironment is [%s] but the active environment is [%s]: guarded"
        + " tests must not run against another environment than the one required. Select it with"
        + " -Dauthenticity.environment=%s (or AUTHENTICITY_ENVIRONMENT=%s), or remove"
        + " authenticity.requireEnvironment.", required, active, required, required);
  }

  /** Why a {@code @StagingOnly} test or class is disabled outside staging. */
  public static String notStaging(String environment) {
    return String.format("@StagingOnly: environment [%s] is not a staging environment; run with"
        + " -Dauthenticity.environment=staging", environment);
  }

  /**
   * The {@code ABORTED} evidence of an assumption that aborted a guarded test, e.g. where {@code in @BeforeEach}
   * or {@code with its container [OrderE2E]}; the only place this text is built.
   */
  public static String aborted(String where, String assumption) {
    return "an assumption aborted the test" + (where == null || where.isBlank() ? "" : " " + where)
        + ", and a skip is not a pass: "
        + (assumption == null || assumption.isBlank() ? "(no message)" : Redactor.redact(assumption));
  }

  /** The evidence of a guarded test that passed without the extension's verdict ({@code NOT_JUDGED}). */
  public static String notJudged() {
    return "the Authenticity extension did not judge this test, so nothing proves it used its real services"
        + " (is the extension active for it?)";
  }

  /** Why a guarded test that was discovered did not finish ({@code NOT_EXECUTED}). */
  public static String notExecuted(boolean started) {
    return started ? "started, but never finished (did its test JVM die?)"
        : "discovered, but never started (did its test JVM die?)";
  }

  /** Why a compiled guarded test is in no test plan. */
  public static String notDiscovered() {
    return "compiled, but in no test plan";
  }

  /** Why a compiled {@code @StagingOnly} test is in no test plan outside staging. */
  public static String notDiscoveredOutsideStaging() {
    return "@StagingOnly, and no run was in a staging environment";
  }

  /** The note on a report entry that stands for the invocations of a template or factory that never started. */
  public static String standsFor(String what, String message) {
    return "this entry stands for " + what + ", which never started" + (message == null || message.isBlank() ? ""
        : ": " + message);
  }

  /** A guarded test switched off at run time by a condition other than a literal {@code @Disabled}. */
  public static String condition(String reason) {
    return reason == null || reason.isBlank() ? "disabled by a condition (no reason given)" : reason;
  }

  /**
   * Why a guarded test is {@code NOT_RUN}/{@code ALLOWED_SKIP}, e.g. {@code an assumption skipped it: "AGGREGATE
   * COUNT requires Redis 8.8"; allowed by rule [reason /requires Redis \d/] because version gate}.
   */
  public static String allowedSkip(io.github.authenticity.core.internal.config.AllowedSkip.Kind kind, String text,
      io.github.authenticity.core.internal.config.AllowedSkip rule) {
    String what = kind == io.github.authenticity.core.internal.config.AllowedSkip.Kind.ASSUMPTION
        ? "an assumption skipped it" : "a condition switched it off";
    return what + ": " + (text == null || text.isBlank() ? "(no reason given)" : "\"" + Redactor.redact(text) + "\"")
        + "; allowed by rule [" + rule.label() + "] because " + rule.because();
  }

  /** How to declare a legitimate condition, as the check's hint says it. */
  public static String declareConditionHint() {
    return "if it is a legitimate gate (a server version, a command the server lacks), declare it in"
        + " authenticity.yaml: detection.allowedSkips: [ {condition: <its annotation type, e.g."
        + " com.example.EnabledOnCommand>, because: '...'} ] or [ {reason: '<a regex of its reason>', because:"
        + " '...'} ] (docs/adopting.md).";
  }

  /** A declared allowed skip that allowed nothing in the run. */
  public static String staleSkipRule(String label) {
    return "Allowed skip rule [" + label + "] allowed no test in this run: if the gate it names is gone, remove it"
        + " from detection.allowedSkips (a rule nobody needs only hides the next skip).";
  }

  /** An Authenticity detector threw. */
  public static String detectorFailed(String failure) {
    return "An Authenticity detector failed: " + failure;
  }

  /** The {@code LOOPBACK_IN_STAGING} evidence. */
  public static String loopback(String service, String host, String address, String environment) {
    return String.format("service '%s' host [%s] resolves to [%s], a loopback address, in staging environment"
        + " [%s]: this is not the staging service", service, host, address, environment);
  }
}
