package io.github.authenticity.junit;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import io.github.authenticity.core.probe.ProbeResult;
import io.github.authenticity.core.report.Evidence;

/** The user-facing messages of the extension, in one place so that they are pinned by exact tests. */
final class Messages {

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private Messages() {
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
  static String serviceDown(List<ProbeResult> down, boolean forClass, OptionalInt others) {
    StringBuilder text = new StringBuilder();
    for (ProbeResult result : down) {
      text.append("Real service '").append(result.service()).append("' is DOWN: ");
      if (result.endpoint() != null && !result.endpoint().isBlank()) {
        text.append(Redaction.apply(result.endpoint())).append(' ');
      }
      text.append(Redaction.apply(result.detail())).append(" in ").append(result.latencyMillis()).append(" ms");
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

  /** The failure of a masked test in {@code fail} mode: a count, one evidence a line, then how to fix or allow it. */
  static String masked(List<String> services, List<Evidence> evidence) {
    String required = services.isEmpty() ? "real services"
        : (services.size() == 1 ? "the real service " : "the real services ") + services;
    String it = services.size() > 1 ? "them" : "it";
    StringBuilder text = new StringBuilder("MASKED: this guarded test requires ").append(required).append(", but ")
        .append(evidence.size()).append(evidence.size() == 1 ? " finding shows" : " findings show")
        .append(" that it did not really use ").append(services.isEmpty() ? "them" : it).append(':');
    for (Evidence e : evidence) {
      text.append("\n  ").append(e.kind()).append(": ").append(e.detail());
    }
    return text.append("\nMake the test use the real ").append(services.size() == 1 ? "service" : "services")
        .append(". A deliberate mock field can be marked @AllowMock(reason = \"...\");"
            + " to report masked tests without failing them, run with -Dauthenticity.mode=report.").toString();
  }

  /** {@code authenticity.requireEnvironment} names another environment than the active one. */
  static String environmentContradiction(String required, String active) {
    return String.format("authenticity.requireEnvironment is [%s] but the active environment is [%s]: guarded"
        + " tests must not run against another environment than the one required. Select it with"
        + " -Dauthenticity.environment=%s (or AUTHENTICITY_ENVIRONMENT=%s), or remove"
        + " authenticity.requireEnvironment.", required, active, required, required);
  }

  /** Why a {@code @StagingOnly} test or class is disabled outside staging. */
  static String notStaging(String environment) {
    return String.format("@StagingOnly: environment [%s] is not a staging environment; run with"
        + " -Dauthenticity.environment=staging", environment);
  }

  /** The {@code ABORTED} evidence of an assumption that aborted a guarded test, e.g. {@code in @BeforeEach}. */
  static String aborted(String where, Throwable abort) {
    return "an assumption aborted the test " + where + ", and a skip is not a pass: "
        + Redaction.apply(abort.getMessage());
  }

  /** The {@code LOOPBACK_IN_STAGING} evidence. */
  static String loopback(String service, String host, String address, String environment) {
    return String.format("service '%s' host [%s] resolves to [%s], a loopback address, in staging environment"
        + " [%s]: this is not the staging service", service, host, address, environment);
  }
}
