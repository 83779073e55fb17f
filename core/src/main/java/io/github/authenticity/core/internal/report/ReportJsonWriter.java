package io.github.authenticity.core.internal.report;

import static io.github.authenticity.core.internal.report.ReportFormat.*;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.authenticity.core.internal.model.AllowedMock;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.Report;
import io.github.authenticity.core.internal.model.ServiceStatus;
import io.github.authenticity.core.internal.model.SkipRuleUse;
import io.github.authenticity.core.internal.model.Summary;
import io.github.authenticity.core.internal.model.TestEntry;

/**
 * Writes a {@link Report} as {@code authenticity-report.json} with jackson-core's streaming generator, one test at a
 * time: one line of compact JSON, keys in the order below, {@code null} written for an absent value. To add a field,
 * add its name to {@link ReportFormat}, one line here and one {@code case} to {@link ReportJsonReader}.
 */
final class ReportJsonWriter {

  private ReportJsonWriter() {
  }

  /** Streams the report as JSON on one line, ending in a line break, to {@code out} (left open). */
  static void write(Report report, Writer out) throws IOException {
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeNumberField(SCHEMA_VERSION, report.schemaVersion());
      string(json, VERDICT, report.verdict());
      string(json, ENVIRONMENT, report.environment());
      json.writeBooleanField(COMPLETE, report.complete());
      strings(json, INCOMPLETE_REASONS, report.incompleteReasons());
      string(json, GENERATED_AT, report.generatedAt());
      json.writeFieldName(SUMMARY);
      write(json, report.summary());
      json.writeArrayFieldStart(SERVICES);
      for (ServiceStatus service : report.services()) {
        write(json, service);
      }
      json.writeEndArray();
      strings(json, SOURCES, report.sources());
      json.writeArrayFieldStart(SKIP_RULES);
      for (SkipRuleUse rule : report.skipRules()) {
        json.writeStartObject();
        string(json, RULE, rule.rule());
        json.writeNumberField(ALLOWED, rule.allowed());
        json.writeBooleanField(STALE, rule.stale());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeArrayFieldStart(TESTS);
      for (TestEntry test : report.tests()) {
        write(json, test);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    out.write('\n');
  }

  private static void write(JsonGenerator json, Summary s) throws IOException {
    json.writeStartObject();
    int[] counts = counts(s);
    for (int k = 0; k < SUMMARY_COUNTS.size(); k++) {
      json.writeNumberField(SUMMARY_COUNTS.get(k), counts[k]);
    }
    int percent = s.authenticPercent();
    json.writeFieldName(AUTHENTIC_PERCENT);
    if (percent < 0) {
      json.writeNull();
    } else {
      json.writeNumber(percent);
    }
    json.writeEndObject();
  }

  /** The counts of {@code s} in the order of {@link ReportFormat#SUMMARY_COUNTS}. */
  private static int[] counts(Summary s) {
    return new int[] {s.discovered(), s.executed(), s.guarded(), s.authentic(), s.masked(), s.failed(),
        s.serviceDown(), s.notRun(), s.guardedExecuted(), s.notDiscovered(), s.notExecuted(), s.disabled(),
        s.otherEnvironment(), s.condition(), s.unproven(), s.allowedSkip()};
  }

  private static void write(JsonGenerator json, ServiceStatus service) throws IOException {
    json.writeStartObject();
    string(json, NAME, service.name());
    string(json, PROBE, service.probe());
    string(json, ENDPOINT, service.endpoint());
    string(json, STATUS, service.status());
    json.writeNumberField(LATENCY_MILLIS, service.latencyMillis());
    string(json, DETAIL, service.detail());
    json.writeEndObject();
  }

  private static void write(JsonGenerator json, TestEntry test) throws IOException {
    json.writeStartObject();
    string(json, UNIQUE_ID, test.uniqueId());
    string(json, CLASS_NAME, test.className());
    string(json, METHOD_NAME, test.methodName());
    string(json, DISPLAY_NAME, test.displayName());
    json.writeBooleanField(GUARDED, test.guarded());
    strings(json, SERVICES, test.services());
    string(json, VERDICT, test.verdict());
    json.writeNumberField(DURATION_MILLIS, test.durationMillis());
    string(json, REASON, test.reason());
    json.writeArrayFieldStart(EVIDENCE);
    for (Evidence e : test.evidence()) {
      json.writeStartObject();
      string(json, KIND, e.kind());
      string(json, DETAIL, e.detail());
      json.writeEndObject();
    }
    json.writeEndArray();
    string(json, PROOF, test.proof());
    string(json, UNPROVEN, test.unproven());
    string(json, ALLOWED_BY, test.allowedBy());
    strings(json, TAGS, test.tags());
    string(json, STATUS, test.status());
    string(json, MESSAGE, test.message());
    json.writeArrayFieldStart(ALLOWED_MOCKS);
    for (AllowedMock a : test.allowedMocks()) {
      json.writeStartObject();
      string(json, FIELD, a.field());
      string(json, TYPE, a.type());
      string(json, REASON, a.reason());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  /** {@code "name": value} with an enum's name, an instant's ISO-8601 text, or {@code null}. */
  private static void string(JsonGenerator json, String name, Object value) throws IOException {
    json.writeFieldName(name);
    if (value == null) {
      json.writeNull();
    } else {
      json.writeString(value instanceof Enum<?> e ? e.name() : value.toString());
    }
  }

  private static void strings(JsonGenerator json, String name, List<String> values) throws IOException {
    json.writeArrayFieldStart(name);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }
}
