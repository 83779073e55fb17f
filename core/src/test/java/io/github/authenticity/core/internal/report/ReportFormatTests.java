package io.github.authenticity.core.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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

class ReportFormatTests {

  /** A report in which every field the JSON holds has a value that is not its type's default. */
  private static Report full() {
    TestEntry test = new TestEntry("[engine:junit-jupiter]/[class:a.OrderE2E]/[method:places()]", "a.OrderE2E",
        "places", "places an order", true, List.of("backend", "redis"), Verdict.MASKED, 1234,
        NotRunReason.ALLOWED_SKIP, List.of(new Evidence(EvidenceKind.FALLBACK_LOG, "Using <Mock> & co \u2028")),
        "2 exchanges with 127.0.0.1:8080", List.of("e2e", "slow"), "SUCCESSFUL", "a message",
        List.of(new AllowedMock("clock", "a.FakeClock", "time is not under test")), "interaction is off",
        "reason /requires Redis \\d/");
    return new Report(Report.SCHEMA_VERSION, OverallVerdict.MASKED, "staging", false, List.of("a JVM died"),
        new Summary(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16),
        List.of(new ServiceStatus("backend", "http", "http://127.0.0.1:8080/health", "DEGRADED", 17, "slow")),
        List.of(test), Instant.parse("2026-12-01T08:00:00.123Z"), List.of("target/authenticity/events-1.jsonl"), null,
        List.of(new SkipRuleUse("reason /requires Redis \\d/", 18)));
  }

  @Test
  void aReportWrittenThenReadBackEqualsItselfInEveryField() {
    Report report = full();
    assertEveryComponentSet(report, "report");

    Report read = ReportJson.read(new StringReader(ReportJson.write(report)), "test", "");

    assertThat(read).isEqualTo(report);
  }

  @Test
  void theWriterWritesEveryDefinedNameAndNoOther() throws IOException, IllegalAccessException {
    Set<String> defined = new TreeSet<>();
    for (Field field : ReportFormat.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        defined.add((String) field.get(null));
      }
    }
    Set<String> written = new TreeSet<>();
    try (JsonParser json = ReportFormat.JSON.createParser(ReportJson.write(full()))) {
      for (JsonToken token = json.nextToken(); token != null; token = json.nextToken()) {
        if (token == JsonToken.FIELD_NAME) {
          written.add(json.currentName());
        }
      }
    }
    assertThat(written).isEqualTo(defined).containsAll(ReportFormat.SUMMARY_COUNTS);
  }

  /** Fails when a record component (but the JSON's unwritten unmatchedSelection) is null, empty, 0 or false. */
  private static void assertEveryComponentSet(Object value, String path) {
    assertThat(value).as(path).isNotNull();
    if (value instanceof List<?> list) {
      assertThat(list).as(path).isNotEmpty();
      for (int i = 0; i < list.size(); i++) {
        assertEveryComponentSet(list.get(i), path + "[" + i + "]");
      }
    } else if (value.getClass().isRecord()) {
      for (RecordComponent component : value.getClass().getRecordComponents()) {
        if (!component.getName().equals("unmatchedSelection")) {
          assertEveryComponentSet(get(component, value), path + "." + component.getName());
        }
      }
    } else if (value instanceof Number number) {
      assertThat(number.longValue()).as(path).isNotZero();
    } else if (value instanceof Boolean bool && !path.equals("report.complete")) {
      assertThat(bool).as(path).isTrue();
    }
  }

  private static Object get(RecordComponent component, Object record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException ex) {
      throw new AssertionError(ex);
    }
  }
}
