package io.github.authenticity.core.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.authenticity.core.internal.model.AllowedMock;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import io.github.authenticity.core.internal.model.OverallVerdict;
import io.github.authenticity.core.internal.model.Report;
import io.github.authenticity.core.internal.model.ServiceStatus;
import io.github.authenticity.core.internal.model.Summary;
import io.github.authenticity.core.internal.model.TestEntry;
import io.github.authenticity.core.internal.model.Verdict;

class ReportJsonTests {

  @TempDir
  Path dir;

  private static Report small() {
    TestEntry test = new TestEntry("[engine:junit-jupiter]/[class:a.OrderE2E]/[method:places()]", "a.OrderE2E",
        "places", "OrderE2E > places()", true, List.of("backend"), Verdict.MASKED, 1200, null,
        List.of(new Evidence(EvidenceKind.FALLBACK_LOG, "\"Using <Mock> & \u2028 co\"")), null, List.of("e2e"),
        "SUCCESSFUL", null, List.of(new AllowedMock("clock", "a.FakeClock", "time is not under test")), null, null);
    return new Report(1, OverallVerdict.MASKED, "local", true, List.of(), new Summary(1, 1, 1, 0, 1, 0, 0, 0),
        List.of(new ServiceStatus("backend", "http", "http://127.0.0.1:8080/health", "UP", 12, "200 OK")),
        List.of(test), Instant.parse("2026-12-01T08:00:00Z"), List.of("target/authenticity/events-1.jsonl"), null, List.of());
  }

  @Test
  void writesOneLineInTheDocumentedOrderWithHtmlSafeEscapes() {
    assertThat(ReportJson.write(small())).isEqualTo("{\"schemaVersion\":1,\"verdict\":\"MASKED\",\"environment\":"
        + "\"local\",\"complete\":true,\"incompleteReasons\":[],\"generatedAt\":\"2026-12-01T08:00:00Z\",\"summary\":"
        + "{\"discovered\":1,\"executed\":1,\"guarded\":1,\"authentic\":0,\"masked\":1,\"failed\":0,\"serviceDown\":0,"
        + "\"notRun\":0,\"guardedExecuted\":1,\"notDiscovered\":0,\"notExecuted\":0,\"disabled\":0,"
        + "\"otherEnvironment\":0,\"condition\":0,\"unproven\":0,\"allowedSkip\":0,\"authenticPercent\":0},\"services\":[{\"name\":"
        + "\"backend\",\"probe\":\"http\","
        + "\"endpoint\":\"http://127.0.0.1:8080/health\",\"status\":\"UP\",\"latencyMillis\":12,\"detail\":"
        + "\"200 OK\"}],"
        + "\"sources\":[\"target/authenticity/events-1.jsonl\"],\"skipRules\":[],\"tests\":[{\"uniqueId\":"
        + "\"[engine:junit-jupiter]/[class:a.OrderE2E]/[method:places()]\",\"className\":\"a.OrderE2E\","
        + "\"methodName\":\"places\",\"displayName\":\"OrderE2E \\u003e places()\",\"guarded\":true,\"services\":"
        + "[\"backend\"],\"verdict\":\"MASKED\",\"durationMillis\":1200,\"reason\":null,\"evidence\":[{\"kind\":"
        + "\"FALLBACK_LOG\",\"detail\":\"\\\"Using \\u003cMock\\u003e \\u0026 \\u2028 co\\\"\"}],\"proof\":null,"
        + "\"unproven\":null,\"allowedBy\":null,\"tags\":[\"e2e\"],\"status\":\"SUCCESSFUL\",\"message\":null,\"allowedMocks\":[{"
        + "\"field\":\"clock\","
        + "\"type\":\"a.FakeClock\",\"reason\":\"time is not under test\"}]}]}\n");
  }

  @Test
  void readsBackEqualAndIgnoresFieldsANewerWriterAdds() {
    String json = ReportJson.write(small()).replace("\"verdict\":\"MASKED\",\"durationMillis\"",
        "\"future\":{\"nested\":[1,{\"x\":2}]},\"verdict\":\"MASKED\",\"durationMillis\"")
        .replace("\"summary\":{", "\"summary\":{\"futureCount\":3,");
    assertThat(ReportJson.read(new StringReader(json), "r.json", "Fix it.")).isEqualTo(small());
  }

  @Test
  void aMalformedFileSaysWhereAndWhatToDo() throws Exception {
    Path file = Files.writeString(dir.resolve("authenticity-report.json"), "{\"schemaVersion\":1,\"verdict\":");
    assertThatThrownBy(() -> ReportJson.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("The authenticity report [" + file + "] cannot be read: Unexpected end-of-input")
        .hasMessageContaining("(line 1, column 30)")
        .hasMessageEndingWith(". Delete it and run the report goal again.");

    Path unknown = Files.writeString(dir.resolve("unknown.json"), "{\"schemaVersion\":1,\"verdict\":\"GREEN\"}");
    assertThatThrownBy(() -> ReportJson.read(unknown)).hasMessage("The authenticity report [" + unknown + "] cannot"
        + " be read: [verdict] is [GREEN], not one of [AUTHENTIC, MASKED, FAILED, NO_TESTS] (line 1, column 30)."
        + " Delete it and run the report goal again.");

    Path array = Files.writeString(dir.resolve("array.json"), "[]");
    assertThatThrownBy(() -> ReportJson.read(array)).hasMessage("The authenticity report [" + array + "] cannot"
        + " be read: the report must be a JSON object but is [START_ARRAY] (line 1, column 1). Delete it and run the"
        + " report goal again.");
  }

  @Test
  void twentyThousandTestsStreamThroughAWriterAndBack() throws Exception {
    Report one = small();
    List<TestEntry> many = new java.util.ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      TestEntry t = one.tests().get(0);
      many.add(new TestEntry(t.uniqueId() + i, t.className(), t.methodName() + i, t.displayName(), true, t.services(),
          Verdict.AUTHENTIC, i, null, List.of(), "3 exchanges", t.tags(), "SUCCESSFUL", null, List.of(), null, null));
    }
    Report big = new Report(1, OverallVerdict.AUTHENTIC, "local", true, List.of(), one.summary(), one.services(),
        many, one.generatedAt(), one.sources(), null, List.of());
    Path file = dir.resolve("big.json");
    try (var out = Files.newBufferedWriter(file)) {
      ReportJson.write(big, out);
    }
    assertThat(ReportJson.read(file)).isEqualTo(big);
  }
}
