package io.github.authenticity.core.internal.report;

import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.github.authenticity.core.internal.redact.HtmlEscaping;

/**
 * The one definition of {@code authenticity-report.json} that {@link ReportJsonWriter} and {@link ReportJsonReader}
 * share: the field names and the JSON factory. The schema version is {@link Report#SCHEMA_VERSION}. A name used
 * by several objects ({@code verdict}, {@code status}, {@code reason}, {@code detail}, {@code services}) is one
 * constant, listed with the object that has it first.
 */
final class ReportFormat {

  // the report
  static final String SCHEMA_VERSION = "schemaVersion";
  static final String VERDICT = "verdict";
  static final String ENVIRONMENT = "environment";
  static final String COMPLETE = "complete";
  static final String INCOMPLETE_REASONS = "incompleteReasons";
  static final String GENERATED_AT = "generatedAt";
  static final String SUMMARY = "summary";
  static final String SERVICES = "services";
  static final String SOURCES = "sources";
  static final String SKIP_RULES = "skipRules";
  static final String TESTS = "tests";

  // summary
  static final String DISCOVERED = "discovered";
  static final String EXECUTED = "executed";
  static final String GUARDED = "guarded";
  static final String AUTHENTIC = "authentic";
  static final String MASKED = "masked";
  static final String FAILED = "failed";
  static final String SERVICE_DOWN = "serviceDown";
  static final String NOT_RUN = "notRun";
  static final String GUARDED_EXECUTED = "guardedExecuted";
  static final String NOT_DISCOVERED = "notDiscovered";
  static final String NOT_EXECUTED = "notExecuted";
  static final String DISABLED = "disabled";
  static final String OTHER_ENVIRONMENT = "otherEnvironment";
  static final String CONDITION = "condition";
  static final String UNPROVEN = "unproven";
  static final String ALLOWED_SKIP = "allowedSkip";
  static final String AUTHENTIC_PERCENT = "authenticPercent";

  /** The counts of {@code summary}, in the order written (then {@link #AUTHENTIC_PERCENT}). */
  static final List<String> SUMMARY_COUNTS = List.of(DISCOVERED, EXECUTED, GUARDED, AUTHENTIC, MASKED, FAILED,
      SERVICE_DOWN, NOT_RUN, GUARDED_EXECUTED, NOT_DISCOVERED, NOT_EXECUTED, DISABLED, OTHER_ENVIRONMENT, CONDITION,
      UNPROVEN, ALLOWED_SKIP);

  // services
  static final String NAME = "name";
  static final String PROBE = "probe";
  static final String ENDPOINT = "endpoint";
  static final String STATUS = "status";
  static final String LATENCY_MILLIS = "latencyMillis";
  static final String DETAIL = "detail";

  // skipRules
  static final String RULE = "rule";
  static final String ALLOWED = "allowed";
  static final String STALE = "stale";

  // tests (besides verdict, services, status, unproven and reason)
  static final String UNIQUE_ID = "uniqueId";
  static final String CLASS_NAME = "className";
  static final String METHOD_NAME = "methodName";
  static final String DISPLAY_NAME = "displayName";
  static final String DURATION_MILLIS = "durationMillis";
  static final String REASON = "reason";
  static final String EVIDENCE = "evidence";
  static final String PROOF = "proof";
  static final String ALLOWED_BY = "allowedBy";
  static final String TAGS = "tags";
  static final String MESSAGE = "message";
  static final String ALLOWED_MOCKS = "allowedMocks";

  // evidence (besides detail)
  static final String KIND = "kind";

  // allowedMocks (besides reason)
  static final String FIELD = "field";
  static final String TYPE = "type";

  /**
   * The factory both sides use: {@link HtmlEscaping#JSON} escapes (the file is also safe inside an HTML page),
   * lower-case hex, and neither side closes the stream it was given.
   */
  static final JsonFactory JSON = new JsonFactoryBuilder()
      .characterEscapes(HtmlEscaping.JSON)
      .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
      .build()
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
      .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

  private ReportFormat() {
  }
}
