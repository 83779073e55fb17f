package io.github.authenticity.core.internal.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalInt;

import io.github.authenticity.core.probe.ProbeResult;
import org.junit.jupiter.api.Test;

class VerdictMessagesTests {

  private static final Instant AT = LocalDateTime.of(2026, 1, 5, 19, 5, 1).atZone(ZoneId.systemDefault()).toInstant();

  private static ProbeResult down(String service, String endpoint, String detail) {
    return ProbeResult.down(service, "http", endpoint, 312, detail, AT);
  }

  @Test
  void theServiceDownMessageHasTheShapeOfTheSpec() {
    assertThat(VerdictMessages.serviceDown(List.of(down("backend", "GET https://api.staging.example.com/health",
        "answered 503 Service Unavailable")), false, OptionalInt.of(37)))
        .isEqualTo("Real service 'backend' is DOWN: GET https://api.staging.example.com/health answered 503 Service"
            + " Unavailable in 312 ms (probed 19:05:01). This test requires the real service; mock fallback is"
            + " forbidden. 37 other tests that require 'backend' fail for the same reason.");
  }

  @Test
  void oneOtherTestIsSingularNoneIsSaidAndAnUnknownCountIsLeftOut() {
    List<ProbeResult> down = List.of(down("redis", "redis 127.0.0.1:1", "connection refused"));

    assertThat(VerdictMessages.serviceDown(down, false, OptionalInt.of(1))).endsWith(
        "forbidden. 1 other test that requires 'redis' fails for the same reason.");
    assertThat(VerdictMessages.serviceDown(down, false, OptionalInt.of(0))).endsWith(
        "forbidden. No other test requires 'redis'.");
    assertThat(VerdictMessages.serviceDown(down, false, OptionalInt.empty())).isEqualTo("Real service 'redis' is DOWN:"
        + " redis 127.0.0.1:1 connection refused in 312 ms (probed 19:05:01). This test requires the real service;"
        + " mock fallback is forbidden.");
  }

  @Test
  void severalDownServicesAreEachNamed() {
    assertThat(VerdictMessages.serviceDown(List.of(down("backend", "GET http://b/health", "connection refused"),
        down("redis", null, "unknown probe type [rdis]")), true, OptionalInt.of(4)))
        .isEqualTo("Real service 'backend' is DOWN: GET http://b/health connection refused in 312 ms (probed"
            + " 19:05:01). Real service 'redis' is DOWN: unknown probe type [rdis] in 312 ms (probed 19:05:01)."
            + " This test class requires the real services; mock fallback is forbidden. 4 tests that require"
            + " 'backend' or 'redis' fail for the same reason.");
  }

  @Test
  void aUnitTestInAGuardedClassIsToldHowToScopeTheRequirement() {
    assertThat(VerdictMessages.masked(List.of("redis"), List.of(new io.github.authenticity.core.internal.model.Evidence(
        io.github.authenticity.core.internal.model.EvidenceKind.NO_INTERACTION, "exchanged nothing with redis"))))
        .isEqualTo("MASKED: this guarded test requires the real service [redis], but 1 finding shows that it did"
            + " not really use it:\n"
            + "  NO_INTERACTION: exchanged nothing with redis\n"
            + "If this test does not need 'redis' (a unit test in a guarded class), scope the requirement: put"
            + " @RequiresRealService on the test methods that use it instead of on the class, or move this test to an"
            + " unguarded class; otherwise make the test exchange with 'redis'.\n"
            + "To report masked tests without failing them, run with -Dauthenticity.mode=report.");
  }

  @Test
  void anAssumptionIsOfferedAsAPatternThatMatchesItLiterally() {
    String text = "Assumption failed: AGGREGATE COUNT requires Redis 8.8 (it's [new])";
    String message = VerdictMessages.masked(List.of(), List.of(new io.github.authenticity.core.internal.model.Evidence(
        io.github.authenticity.core.internal.model.EvidenceKind.ABORTED, VerdictMessages.aborted("body", text))));

    assertThat(message).contains("detection.allowedSkips: [ {reason: 'AGGREGATE COUNT requires Redis 8\\.8 \\(it''s"
        + " \\[new\\]\\)', because: '...'} ]");
    String pattern = VerdictMessages.suggestedPattern("AGGREGATE COUNT requires Redis 8.8 (it's [new])").replace("''", "'");
    assertThat(java.util.regex.Pattern.compile(pattern).matcher(text).find()).as("the pattern matches its text")
        .isTrue();
  }
}
