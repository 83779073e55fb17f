package io.github.authenticity.core.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import io.github.authenticity.core.internal.model.AllowedMock;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import io.github.authenticity.core.internal.model.NotRunReason;
import io.github.authenticity.core.internal.model.OverallVerdict;
import io.github.authenticity.core.internal.model.Report;
import io.github.authenticity.core.internal.model.ServiceStatus;
import io.github.authenticity.core.internal.model.SkipRuleUse;
import io.github.authenticity.core.internal.model.Summary;
import io.github.authenticity.core.internal.model.TestEntry;
import io.github.authenticity.core.internal.model.Verdict;

/**
 * The HTML page and the report JSON of one fixed report, byte for byte as the code wrote them before their CSS and
 * JS moved to resources and their escaping and field names got one owner each ({@code golden/} was written by that
 * code). A difference is a change of output, not of structure.
 */
class ReportGoldenTests {

  /** A report that reaches every section of the page: every verdict, odd text, a cut-off list, a stale rule. */
  static Report fixture() {
    String odd = "</script><b title='x'>\"Using <Mock> & co\"\u2028\u2029 ünïcode \\ \t end";
    List<TestEntry> tests = new ArrayList<>();
    tests.add(new TestEntry("[engine:junit-jupiter]/[class:a.OrderE2E]/[method:places()]", "a.OrderE2E", "places",
        "places()", true, List.of("backend", "redis"), Verdict.AUTHENTIC, 2300, null, List.of(),
        "3 exchanges, 1.2 KB in, 0.4 KB out with 127.0.0.1:8080", List.of("e2e"), "SUCCESSFUL", null, List.of(
            new AllowedMock("clock", "a.FakeClock", "time is not <under> test")), null, null));
    tests.add(new TestEntry("[engine:junit-jupiter]/[class:a.OrderE2E]/[method:lists()]", "a.OrderE2E", "lists",
        "lists the orders of " + odd, true, List.of("backend"), Verdict.AUTHENTIC, 15, null, List.of(), null,
        List.of(), "SUCCESSFUL", null, List.of(), "interaction is off", null));
    tests.add(new TestEntry("[engine:junit-jupiter]/[class:a.AgentE2E]/[method:runs()]", "a.AgentE2E", "runs",
        "runs()", true, List.of("websocket"), Verdict.MASKED, 12_345, null, List.of(
            new Evidence(EvidenceKind.FALLBACK_LOG, odd), new Evidence(EvidenceKind.TOO_FAST, null)), null,
        List.of(), "SUCCESSFUL", null, List.of(), null, null));
    tests.add(new TestEntry("[engine:junit-jupiter]/[class:a.AgentE2E]/[method:skips()]", "a.AgentE2E", "skips",
        "skips()", true, List.of("websocket"), Verdict.MASKED, 3, null, List.of(), null, List.of(), "ABORTED",
        "assumption failed: " + odd, List.of(), null, null));
    tests.add(new TestEntry("[engine:junit-jupiter]/[class:a.AuthE2E]/[method:logsIn()]", "a.AuthE2E", "logsIn",
        "logsIn()", true, List.of("backend"), Verdict.NOT_RUN, 0, NotRunReason.CONDITION, List.of(), null, List.of(),
        "SKIPPED", "Environment variable [AUTH] does not exist", List.of(), null, null));
    tests.add(new TestEntry("[engine:junit-jupiter]/[class:a.AuthE2E]/[method:v8()]", "a.AuthE2E", "v8", "v8()",
        true, List.of("redis"), Verdict.NOT_RUN, 0, NotRunReason.ALLOWED_SKIP, List.of(), null, List.of(), "ABORTED",
        "requires Redis 8.8", List.of(), null, "reason /requires Redis \\d/"));
    tests.add(new TestEntry("[engine:junit-jupiter]/[class:a.AuthE2E]/[method:never()]", "a.AuthE2E", "never",
        null, true, List.of(), Verdict.NOT_RUN, 0, NotRunReason.NOT_DISCOVERED, List.of(), null, List.of(), null,
        null, List.of(), null, null));
    tests.add(new TestEntry("[engine:junit-jupiter]/[class:a.PayE2E]/[method:pays()]", "a.PayE2E", "pays",
        "pays()", true, List.of("backend"), Verdict.FAILED, 800, null, List.of(
            new Evidence(EvidenceKind.SERVER_ERRORS, "every answer was a 503")), null, List.of(), "FAILED",
        null, List.of(), null, null));
    tests.add(new TestEntry("[engine:junit-jupiter]/[class:a.PayE2E]/[method:refunds()]", "a.PayE2E", "refunds",
        "refunds()", true, List.of("backend"), Verdict.SERVICE_DOWN, 1, null, List.of(), null, List.of(), "FAILED",
        "Real service 'backend' is DOWN", List.of(), null, null));
    tests.add(new TestEntry("[engine:junit-jupiter]/[class:a.UnitTests]/[method:adds()]", "a.UnitTests", "adds",
        "adds()", false, List.of(), Verdict.AUTHENTIC, 1, null, List.of(), null, List.of(), "SUCCESSFUL", null,
        List.of(), null, null));
    List<String> incomplete = new ArrayList<>();
    for (int i = 1; i <= 22; i++) {
      incomplete.add("events-" + i + ".jsonl ends without an end event <" + i + ">");
    }
    return new Report(1, OverallVerdict.MASKED, "staging & <co>", false, incomplete,
        new Summary(10, 8, 9, 2, 2, 1, 1, 3, 1, 6, 1, 0, 0, 0, 1, 1),
        List.of(new ServiceStatus("backend", "http", "http://127.0.0.1:8080/health?a=1&b=2", "UP", 12, "200 OK"),
            new ServiceStatus("websocket", "websocket", "ws://127.0.0.1:4557/events", "DOWN", 29, odd),
            new ServiceStatus("redis", "redis", "127.0.0.1:6379", "weird status", 3, null)),
        tests, Instant.parse("2026-12-01T08:00:00Z"), List.of("target/authenticity/events-1.jsonl",
            "target/authenticity/events-2.jsonl"), null,
        List.of(new SkipRuleUse("reason /requires Redis \\d/", 1), new SkipRuleUse("tag <slow>", 0)));
  }

  @Test
  void theHtmlPageIsByteForByteWhatItWasBeforeItsCssAndJsBecameResources() throws IOException {
    assertSame("report.html", HtmlReport.render(fixture()));
  }

  @Test
  void theReportJsonIsByteForByteWhatItWasBeforeItsFieldNamesWereDefinedOnce() throws IOException {
    assertSame("report.json", ReportJson.write(fixture()));
  }

  private static void assertSame(String name, String actual) throws IOException {
    try (InputStream in = ReportGoldenTests.class.getResourceAsStream("golden/" + name)) {
      if (in == null) {
        Path out = Path.of("target", "golden", name);
        Files.createDirectories(out.getParent());
        Files.writeString(out, actual, StandardCharsets.UTF_8);
        fail("No golden file [golden/" + name + "]; this code's output is in [" + out.toAbsolutePath() + "]");
      }
      assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void theReportJsonAndThePageDataShareTheEscapesAndDifferOnlyInTheCaseOfTheirHex() {
    assertThat(ReportJson.write(ReportGoldenTests.fixture())).doesNotContain("</", "<b", "&", "\u2028", "\u2029")
        .contains("\\u003c/script\\u003e", "\\u2028\\u2029");
  }
}
