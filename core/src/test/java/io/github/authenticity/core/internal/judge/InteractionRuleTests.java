package io.github.authenticity.core.internal.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.github.authenticity.core.internal.config.Detection.Interaction;
import io.github.authenticity.core.internal.detect.AnswersFixture;
import io.github.authenticity.core.internal.detect.InteractionMonitor.Finding;
import io.github.authenticity.core.internal.detect.InteractionMonitor.Status;
import org.junit.jupiter.api.Test;

/** The rule that turns per-service findings into proof, unproven, NO_INTERACTION or "cannot judge". */
class InteractionRuleTests {

  private static final Finding BACKEND = new Finding("backend", Status.PROVEN,
      "2 exchanges, 91 B in, 92 B out with 127.0.0.1:8080");
  private static final Finding REDIS_NONE = new Finding("redis", Status.NONE, "127.0.0.1:6379");

  @Test
  void eachServiceIsProvenOnItsOwn() {
    InteractionRule verdict = InteractionRule.of(List.of(BACKEND, REDIS_NONE), Map.of(),
        List.of("backend", "redis"), Interaction.REQUIRED, false);

    assertThat(verdict.proofs()).containsExactly(Map.entry("backend", BACKEND.line()));
    assertThat(verdict.noInteraction()).isEqualTo("no bytes exchanged with redis (127.0.0.1:6379) while the test ran:"
        + " exchanged with backend, never with redis. If the test does not use redis itself, require it only on the"
        + " tests that do, or declare it `via: backend` in authenticity.yaml when backend reaches it");
    assertThat(verdict.cannotJudge()).isNull();
  }

  @Test
  void aViaServiceIsProvenByItsCarrier() {
    InteractionRule verdict = InteractionRule.of(List.of(BACKEND), Map.of("postgres", "backend"),
        List.of("backend", "postgres"), Interaction.REQUIRED, false);

    assertThat(verdict.proofs()).containsExactly(Map.entry("backend", BACKEND.line()),
        Map.entry("postgres", "via backend: " + BACKEND.line()));
    assertThat(verdict.noInteraction()).isNull();
    assertThat(verdict.unproven()).isNull();
  }

  @Test
  void sharedTrafficIsNeitherProofNorEvidence() {
    InteractionRule verdict = InteractionRule.of(List.of(new Finding("redis", Status.SHARED,
        "traffic with 127.0.0.1:6379 while the test ran cannot be attributed to it: a connection shared by 2 tests "
            + "running at once")), Map.of(), List.of("redis"), Interaction.REQUIRED, false);

    assertThat(verdict.proofs()).isEmpty();
    assertThat(verdict.noInteraction()).isNull();
    assertThat(verdict.unproven()).isEqualTo("redis: traffic with 127.0.0.1:6379 while the test ran cannot be "
        + "attributed to it: a connection shared by 2 tests running at once");
  }

  @Test
  void whatCannotBeObservedFailsUnderRequiredAndIsUnprovenUnderWarn() {
    List<Finding> findings = List.of(new Finding("redis", Status.UNCONFIRMED, "hook sun.nio.ch.SocketDispatcher.read could "
        + "not be applied on Acme 99"));

    assertThat(InteractionRule.of(findings, Map.of(), List.of("redis"), Interaction.REQUIRED, false).cannotJudge())
        .startsWith("Cannot judge this guarded test: its interaction with its required services cannot be observed "
            + "in this JVM (redis: hook sun.nio.ch.SocketDispatcher.read");
    InteractionRule warn = InteractionRule.of(findings, Map.of(), List.of("redis"), Interaction.WARN, false);
    assertThat(warn.cannotJudge()).isNull();
    assertThat(warn.unproven()).isEqualTo("interaction not confirmed: redis: hook "
        + "sun.nio.ch.SocketDispatcher.read could not be applied on Acme 99");
    assertThat(InteractionRule.of(findings, Map.of(), List.of("redis"), Interaction.REQUIRED, true).cannotJudge())
        .as("a test that failed on its own").isNull();
  }

  @Test
  void twoServicesOnOneEndpointSayOneExchangeProvedBoth() {
    Finding api = new Finding("api", Status.PROVEN, "1 exchange, 91 B in, 92 B out with 127.0.0.1:8080");
    Finding events = new Finding("events", Status.PROVEN, api.line());

    InteractionRule verdict = InteractionRule.of(List.of(api, events), Map.of(), List.of("api", "events"),
        Interaction.REQUIRED, false);

    assertThat(verdict.proofs().values()).containsExactly(
        api.line() + " (one exchange proved api and events: they share the endpoint)",
        api.line() + " (one exchange proved api and events: they share the endpoint)");
  }

  private static Finding answered(String service, Map<String, Long> answers) {
    return new Finding(service, Status.PROVEN, AnswersFixture.summary(answers) + ", 112 B in, 238 B out with "
        + "127.0.0.1:8080", answers);
  }

  @Test
  void aServiceThatAnsweredOnlyServerErrorsIsServerErrorsAndProvesNothing() {
    Finding backend = answered("backend", Map.of("HTTP 503", 1L));

    InteractionRule verdict = InteractionRule.of(List.of(backend), Map.of(), List.of("backend"),
        Interaction.REQUIRED, false);

    assertThat(backend.line()).isEqualTo("1 answer (503 ×1), 112 B in, 238 B out with 127.0.0.1:8080");
    assertThat(verdict.serverErrors()).isEqualTo("backend answered 503 Service Unavailable (1 answer) and nothing "
        + "else while the test ran: the service was reached but never served the test. If the test checks how errors "
        + "are handled, declare it: @RequiresRealService(expectErrors = true)");
    assertThat(verdict.proofs()).isEmpty();
    assertThat(verdict.noInteraction()).isNull();
    assertThat(verdict.unproven()).isNull();
  }

  @Test
  void oneHealthyAnswerProvesTheTestAndAFourHundredIsAnAnswer() {
    Finding retried = answered("backend", new java.util.LinkedHashMap<>(Map.of("HTTP 503", 2L)));
    retried = answered("backend", merged(retried.answers(), Map.of("HTTP 200", 1L)));
    Finding notFound = answered("api", Map.of("HTTP 404", 1L));

    InteractionRule verdict = InteractionRule.of(List.of(retried, notFound), Map.of(), List.of("backend", "api"),
        Interaction.REQUIRED, false);

    assertThat(verdict.serverErrors()).isNull();
    assertThat(verdict.proofs()).containsExactly(
        Map.entry("backend", "3 answers (503 ×2, 200 ×1), 112 B in, 238 B out with 127.0.0.1:8080"),
        Map.entry("api", "1 answer (404 ×1), 112 B in, 238 B out with 127.0.0.1:8080"));
  }

  @Test
  void redisErrorRepliesPostgresFatalAndAWebSocketInternalErrorAreServerErrorsButLoginStepsAreNoAnswer() {
    List<Finding> findings = List.of(answered("redis", orderedOf("RESP -LOADING", 2L, "RESP -MASTERDOWN", 1L)),
        answered("postgres", orderedOf("~", 1L, "PG FATAL", 1L)), answered("events", orderedOf("HTTP 101", 1L,
            "WS 1011", 1L)));

    InteractionRule verdict = InteractionRule.of(findings, Map.of(), List.of("redis", "postgres", "events"),
        Interaction.REQUIRED, false);

    assertThat(verdict.serverErrors()).startsWith("redis answered -LOADING (2 answers), -MASTERDOWN (1 answer); "
        + "postgres answered FATAL (1 answer); events answered close 1011 (internal error) (1 answer) and nothing else "
        + "while the test ran");
    assertThat(findings.get(1).line()).startsWith("1 answer (FATAL ×1), ");
    assertThat(findings.get(2).line()).startsWith("1 answer (close 1011 ×1), ");
  }

  @Test
  void aPostgresErrorOrAnAnswerOfAnUnreadProtocolIsAnAnswer() {
    List<Finding> findings = List.of(answered("postgres", orderedOf("PG ERROR", 1L)),
        answered("redis", orderedOf("RESP -LOADING", 1L, "?", 1L)));

    InteractionRule verdict = InteractionRule.of(findings, Map.of(), List.of("postgres", "redis"),
        Interaction.REQUIRED, false);

    assertThat(verdict.serverErrors()).isNull();
    assertThat(verdict.proofs().get("redis")).startsWith("2 answers (-LOADING ×1, other ×1), ");
  }

  @Test
  void aTestThatDeclaresItExpectsErrorsIsProvenByThemAndSaysSo() {
    Finding backend = answered("backend", Map.of("HTTP 503", 1L));

    InteractionRule verdict = InteractionRule.of(List.of(backend), Map.of(), List.of("backend"),
        Interaction.REQUIRED, false, true);

    assertThat(verdict.serverErrors()).isNull();
    assertThat(verdict.proofs()).containsExactly(Map.entry("backend", "1 answer (503 ×1), 112 B in, 238 B out with "
        + "127.0.0.1:8080 (server errors expected by the test: expectErrors = true)"));
  }

  @Test
  void serverErrorsAreAWarningUnderWarnNamedOnceForAViaServiceAndNothingForAFailedTest() {
    Finding backend = answered("backend", Map.of("HTTP 502", 1L));

    InteractionRule warn = InteractionRule.of(List.of(backend), Map.of("postgres", "backend"),
        List.of("backend", "postgres"), Interaction.WARN, false);
    InteractionRule failed = InteractionRule.of(List.of(backend), Map.of(), List.of("backend"),
        Interaction.REQUIRED, true);

    assertThat(warn.serverErrors()).isNull();
    assertThat(warn.warnings()).containsExactly("backend answered 502 Bad Gateway (1 answer) and nothing else while "
        + "the test ran: the service was reached but never served the test. If the test checks how errors are "
        + "handled, declare it: @RequiresRealService(expectErrors = true)");
    assertThat(warn.unproven()).isEqualTo(warn.warnings().get(0));
    assertThat(failed.serverErrors()).isNull();
    assertThat(failed.warnings()).isEmpty();
  }

  private static Map<String, Long> merged(Map<String, Long> first, Map<String, Long> second) {
    return AnswersFixture.merge(first, second);
  }

  private static Map<String, Long> orderedOf(Object... pairs) {
    Map<String, Long> result = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      result.put((String) pairs[i], (Long) pairs[i + 1]);
    }
    return result;
  }
}
