package io.github.authenticity.core.internal.report;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import org.apiguardian.api.API;

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
 * Writes a {@link Report} as {@code authenticity-report.json} (schemaVersion 1) and reads it back, with
 * jackson-core's streaming generator and parser: one test at a time, so neither a big report nor its file is
 * ever held as one string.
 *
 * <p>The file is one line of compact JSON, keys in the order below, {@code null} written for an absent value;
 * {@code <}, {@code >}, {@code &}, U+2028 and U+2029 are escaped, so the text is also safe inside an HTML
 * page. Reading ignores keys it does not know (a newer writer may add some) but not another schemaVersion.
 * To add a field, add one line to the writer's method for its object and one {@code case} to the reader's.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ReportJson {

  private static final JsonFactory FACTORY = new JsonFactoryBuilder()
      .characterEscapes(new HtmlSafeEscapes())
      .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
      .build()
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
      .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

  /** The keys of {@code summary}, in the order written; the reader and {@link #counts(Summary)} share it. */
  private static final List<String> SUMMARY_KEYS = List.of("discovered", "executed", "guarded", "authentic", "masked",
      "failed", "serviceDown", "notRun", "guardedExecuted", "notDiscovered", "notExecuted", "disabled",
      "otherEnvironment", "condition", "unproven", "allowedSkip");

  private ReportJson() {
  }

  /** The report as JSON on one line. */
  public static String write(Report report) {
    StringWriter out = new StringWriter(512 + report.tests().size() * 400);
    try {
      write(report, out);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out.toString();
  }

  /** Streams the report as JSON on one line, ending in a line break, to {@code out} (left open). */
  public static void write(Report report, Writer out) throws IOException {
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeNumberField("schemaVersion", report.schemaVersion());
      string(json, "verdict", report.verdict());
      string(json, "environment", report.environment());
      json.writeBooleanField("complete", report.complete());
      strings(json, "incompleteReasons", report.incompleteReasons());
      string(json, "generatedAt", report.generatedAt());
      json.writeFieldName("summary");
      write(json, report.summary());
      json.writeArrayFieldStart("services");
      for (ServiceStatus service : report.services()) {
        write(json, service);
      }
      json.writeEndArray();
      strings(json, "sources", report.sources());
      json.writeArrayFieldStart("skipRules");
      for (SkipRuleUse rule : report.skipRules()) {
        json.writeStartObject();
        string(json, "rule", rule.rule());
        json.writeNumberField("allowed", rule.allowed());
        json.writeBooleanField("stale", rule.stale());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("tests");
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
    for (int k = 0; k < SUMMARY_KEYS.size(); k++) {
      json.writeNumberField(SUMMARY_KEYS.get(k), counts[k]);
    }
    int percent = s.authenticPercent();
    json.writeFieldName("authenticPercent");
    if (percent < 0) {
      json.writeNull();
    } else {
      json.writeNumber(percent);
    }
    json.writeEndObject();
  }

  private static void write(JsonGenerator json, ServiceStatus service) throws IOException {
    json.writeStartObject();
    string(json, "name", service.name());
    string(json, "probe", service.probe());
    string(json, "endpoint", service.endpoint());
    string(json, "status", service.status());
    json.writeNumberField("latencyMillis", service.latencyMillis());
    string(json, "detail", service.detail());
    json.writeEndObject();
  }

  private static void write(JsonGenerator json, TestEntry test) throws IOException {
    json.writeStartObject();
    string(json, "uniqueId", test.uniqueId());
    string(json, "className", test.className());
    string(json, "methodName", test.methodName());
    string(json, "displayName", test.displayName());
    json.writeBooleanField("guarded", test.guarded());
    strings(json, "services", test.services());
    string(json, "verdict", test.verdict());
    json.writeNumberField("durationMillis", test.durationMillis());
    string(json, "reason", test.reason());
    json.writeArrayFieldStart("evidence");
    for (Evidence e : test.evidence()) {
      json.writeStartObject();
      string(json, "kind", e.kind());
      string(json, "detail", e.detail());
      json.writeEndObject();
    }
    json.writeEndArray();
    string(json, "proof", test.proof());
    string(json, "unproven", test.unproven());
    string(json, "allowedBy", test.allowedBy());
    strings(json, "tags", test.tags());
    string(json, "status", test.status());
    string(json, "message", test.message());
    json.writeArrayFieldStart("allowedMocks");
    for (AllowedMock a : test.allowedMocks()) {
      json.writeStartObject();
      string(json, "field", a.field());
      string(json, "type", a.type());
      string(json, "reason", a.reason());
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

  /**
   * Reads an {@code authenticity-report.json}.
   *
   * @throws IllegalArgumentException when the file is not such a report, naming the file and what is wrong
   * @throws UncheckedIOException     when it cannot be read
   */
  public static Report read(Path file) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in, file.toString(), "Delete it and run the report goal again.");
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot read the authenticity report [" + file + "]: " + ex.getMessage(), ex);
    }
  }

  /**
   * Reads an {@code authenticity-report.json} from {@code in} (left open).
   *
   * @param name what to call it in a message (a path or a URL, secrets redacted)
   * @param fix  the sentence that ends the message when it is not such a report
   * @throws IllegalArgumentException when it is not such a report, naming it and what is wrong
   * @throws UncheckedIOException     when it cannot be read
   */
  public static Report read(Reader in, String name, String fix) {
    try (JsonParser json = FACTORY.createParser(in)) {
      return readReport(json);
    } catch (JsonProcessingException ex) {
      throw unreadable(name, ex.getOriginalMessage() + where(ex.getLocation()), fix, ex);
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot read the authenticity report [" + name + "]: " + ex.getMessage(), ex);
    } catch (RuntimeException ex) {
      throw unreadable(name, ex.getMessage(), fix, ex);
    }
  }

  private static IllegalArgumentException unreadable(String name, String what, String fix, Exception cause) {
    return new IllegalArgumentException("The authenticity report [" + name + "] cannot be read: " + what + ". " + fix,
        cause);
  }

  private static String where(JsonLocation location) {
    return location == null || location.getLineNr() < 0 ? ""
        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static Report readReport(JsonParser json) throws IOException {
    start(json, json.nextToken(), JsonToken.START_OBJECT, "the report");
    String version = null;
    OverallVerdict verdict = null;
    String environment = null;
    boolean complete = true;
    List<String> incompleteReasons = List.of();
    Instant generatedAt = null;
    Summary summary = null;
    List<ServiceStatus> services = new ArrayList<>();
    List<String> sources = List.of();
    List<TestEntry> tests = new ArrayList<>();
    List<SkipRuleUse> skipRules = new ArrayList<>();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String name = json.currentName();
      JsonToken token = json.nextToken();
      switch (name) {
        case "schemaVersion" -> {
          version = json.getText();
          if (!String.valueOf(Report.SCHEMA_VERSION).equals(version)) {
            throw new IllegalArgumentException("schemaVersion is [" + version + "], this version reads ["
                + Report.SCHEMA_VERSION + "]");
          }
        }
        case "verdict" -> verdict = enumValue(OverallVerdict.class, json);
        case "environment" -> environment = json.getValueAsString();
        case "complete" -> complete = token != JsonToken.VALUE_FALSE;
        case "incompleteReasons" -> incompleteReasons = strings(json);
        case "generatedAt" -> generatedAt = instant(json.getValueAsString());
        case "summary" -> summary = readSummary(json);
        case "services" -> {
          while (element(json, "services")) {
            services.add(readService(json));
          }
        }
        case "sources" -> sources = strings(json);
        case "skipRules" -> {
          while (element(json, "skipRules")) {
            skipRules.add(readSkipRule(json));
          }
        }
        case "tests" -> {
          while (element(json, "tests")) {
            tests.add(readTest(json));
          }
        }
        default -> json.skipChildren();
      }
    }
    if (version == null) {
      throw new IllegalArgumentException("schemaVersion is [null], this version reads [" + Report.SCHEMA_VERSION + "]");
    }
    if (verdict == null) {
      throw new IllegalArgumentException("it has no verdict");
    }
    return new Report(Report.SCHEMA_VERSION, verdict, environment, complete, incompleteReasons,
        summary != null ? summary : new Summary(0, 0, 0, 0, 0, 0, 0, 0), services, tests, generatedAt, sources, null, skipRules);
  }

  private static SkipRuleUse readSkipRule(JsonParser json) throws IOException {
    String rule = null;
    int allowed = 0;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      json.nextToken();
      switch (field) {
        case "rule" -> rule = json.getValueAsString();
        case "allowed" -> allowed = json.getValueAsInt();
        default -> json.skipChildren();
      }
    }
    return new SkipRuleUse(rule, allowed);
  }

  private static Summary readSummary(JsonParser json) throws IOException {
    if (json.currentToken() != JsonToken.START_OBJECT) {
      json.skipChildren();
      return null;
    }
    int[] counts = new int[SUMMARY_KEYS.size()];
    int guardedExecuted = SUMMARY_KEYS.indexOf("guardedExecuted");
    counts[guardedExecuted] = -1;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      int key = SUMMARY_KEYS.indexOf(json.currentName());
      json.nextToken();
      if (key >= 0) {
        counts[key] = json.getValueAsInt();
      } else {
        json.skipChildren();
      }
    }
    if (counts[guardedExecuted] < 0) {
      // written before guardedExecuted existed
      counts[guardedExecuted] = at(counts, "authentic") + at(counts, "masked") + at(counts, "failed")
          + at(counts, "serviceDown");
    }
    return new Summary(at(counts, "discovered"), at(counts, "executed"), at(counts, "guarded"),
        at(counts, "authentic"), at(counts, "masked"), at(counts, "failed"), at(counts, "serviceDown"),
        at(counts, "notRun"), at(counts, "unproven"), counts[guardedExecuted], at(counts, "notDiscovered"),
        at(counts, "notExecuted"), at(counts, "disabled"), at(counts, "otherEnvironment"), at(counts, "condition"),
        at(counts, "allowedSkip"));
  }

  private static int at(int[] counts, String key) {
    return counts[SUMMARY_KEYS.indexOf(key)];
  }

  /** The counts of {@code s} in the order of {@link #SUMMARY_KEYS}. */
  private static int[] counts(Summary s) {
    return new int[] {s.discovered(), s.executed(), s.guarded(), s.authentic(), s.masked(), s.failed(),
        s.serviceDown(), s.notRun(), s.guardedExecuted(), s.notDiscovered(), s.notExecuted(), s.disabled(),
        s.otherEnvironment(), s.condition(), s.unproven(), s.allowedSkip()};
  }

  private static ServiceStatus readService(JsonParser json) throws IOException {
    String name = null;
    String probe = null;
    String endpoint = null;
    String status = null;
    long latency = 0;
    String detail = null;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      json.nextToken();
      switch (field) {
        case "name" -> name = json.getValueAsString();
        case "probe" -> probe = json.getValueAsString();
        case "endpoint" -> endpoint = json.getValueAsString();
        case "status" -> status = json.getValueAsString();
        case "latencyMillis" -> latency = json.getValueAsLong();
        case "detail" -> detail = json.getValueAsString();
        default -> json.skipChildren();
      }
    }
    return new ServiceStatus(name, probe, endpoint, status, latency, detail);
  }

  private static TestEntry readTest(JsonParser json) throws IOException {
    String uniqueId = null;
    String className = null;
    String methodName = null;
    String displayName = null;
    boolean guarded = false;
    List<String> services = List.of();
    Verdict verdict = null;
    long duration = 0;
    NotRunReason reason = null;
    List<Evidence> evidence = new ArrayList<>();
    String proof = null;
    String unproven = null;
    String allowedBy = null;
    List<String> tags = List.of();
    String status = null;
    String message = null;
    List<AllowedMock> allowed = new ArrayList<>();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      JsonToken token = json.nextToken();
      switch (field) {
        case "uniqueId" -> uniqueId = json.getValueAsString();
        case "className" -> className = json.getValueAsString();
        case "methodName" -> methodName = json.getValueAsString();
        case "displayName" -> displayName = json.getValueAsString();
        case "guarded" -> guarded = token == JsonToken.VALUE_TRUE;
        case "services" -> services = strings(json);
        case "verdict" -> verdict = enumValue(Verdict.class, json);
        case "durationMillis" -> duration = json.getValueAsLong();
        case "reason" -> reason = enumValue(NotRunReason.class, json);
        case "evidence" -> {
          while (element(json, "evidence")) {
            Evidence e = readEvidence(json);
            if (e != null) {
              evidence.add(e);
            }
          }
        }
        case "proof" -> proof = json.getValueAsString();
        case "unproven" -> unproven = json.getValueAsString();
        case "allowedBy" -> allowedBy = json.getValueAsString();
        case "tags" -> tags = strings(json);
        case "status" -> status = json.getValueAsString();
        case "message" -> message = json.getValueAsString();
        case "allowedMocks" -> {
          while (element(json, "allowedMocks")) {
            allowed.add(readAllowedMock(json));
          }
        }
        default -> json.skipChildren();
      }
    }
    return new TestEntry(uniqueId, className, methodName, displayName, guarded, services, verdict, duration, reason,
        evidence, proof, tags, status, message, allowed, unproven, allowedBy);
  }

  /** One evidence object; {@code null} for a kind this version does not know (a newer writer's). */
  private static Evidence readEvidence(JsonParser json) throws IOException {
    String kind = null;
    String detail = null;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      json.nextToken();
      switch (field) {
        case "kind" -> kind = json.getValueAsString();
        case "detail" -> detail = json.getValueAsString();
        default -> json.skipChildren();
      }
    }
    for (EvidenceKind known : EvidenceKind.values()) {
      if (known.name().equals(kind)) {
        return new Evidence(known, detail);
      }
    }
    return null;
  }

  private static AllowedMock readAllowedMock(JsonParser json) throws IOException {
    String field = null;
    String type = null;
    String reason = null;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String name = json.currentName();
      json.nextToken();
      switch (name) {
        case "field" -> field = json.getValueAsString();
        case "type" -> type = json.getValueAsString();
        case "reason" -> reason = json.getValueAsString();
        default -> json.skipChildren();
      }
    }
    return new AllowedMock(field, type, reason);
  }

  /**
   * At an array (the current token): advances to its next element and says whether there is one, which must be an
   * object; {@code null} counts as an empty array.
   */
  private static boolean element(JsonParser json, String name) throws IOException {
    JsonToken current = json.currentToken();
    if (current == JsonToken.VALUE_NULL) {
      return false;
    }
    if (current == JsonToken.START_ARRAY || current == JsonToken.END_OBJECT) {
      JsonToken next = json.nextToken();
      if (next == JsonToken.END_ARRAY) {
        return false;
      }
      start(json, next, JsonToken.START_OBJECT, "each of [" + name + "]");
      return true;
    }
    throw new IllegalArgumentException("[" + name + "] is not a list" + where(json.currentTokenLocation()));
  }

  private static void start(JsonParser json, JsonToken token, JsonToken expected, String what) {
    if (token != expected) {
      throw new IllegalArgumentException(what + " must be a JSON " + (expected == JsonToken.START_OBJECT ? "object"
          : "array") + " but is [" + token + "]" + where(json.currentTokenLocation()));
    }
  }

  private static List<String> strings(JsonParser json) throws IOException {
    if (json.currentToken() != JsonToken.START_ARRAY) {
      json.skipChildren();
      return List.of();
    }
    List<String> out = new ArrayList<>();
    while (json.nextToken() != JsonToken.END_ARRAY) {
      if (json.currentToken().isStructStart()) {
        json.skipChildren();
      } else if (json.currentToken() != JsonToken.VALUE_NULL) {
        out.add(json.getText());
      }
    }
    return out;
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, JsonParser json) throws IOException {
    String name = json.getValueAsString();
    if (name == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException("[" + json.currentName() + "] is [" + name + "], not one of "
          + List.of(type.getEnumConstants()) + where(json.currentTokenLocation()), ex);
    }
  }

  private static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException ex) {
      throw new IllegalArgumentException("generatedAt [" + text + "] is not an ISO-8601 instant", ex);
    }
  }

  /** Escapes {@code <}, {@code >}, {@code &}, U+2028 and U+2029 as {@code \\uXXXX} besides what JSON requires. */
  private static final class HtmlSafeEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] escapes;

    HtmlSafeEscapes() {
      escapes = CharacterEscapes.standardAsciiEscapesForJSON();
      escapes['<'] = CharacterEscapes.ESCAPE_STANDARD;
      escapes['>'] = CharacterEscapes.ESCAPE_STANDARD;
      escapes['&'] = CharacterEscapes.ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return ch == 0x2028 ? LINE_SEPARATOR : ch == 0x2029 ? PARAGRAPH_SEPARATOR : null;
    }

    private static final SerializableString LINE_SEPARATOR =
        new com.fasterxml.jackson.core.io.SerializedString("\\u2028");
    private static final SerializableString PARAGRAPH_SEPARATOR =
        new com.fasterxml.jackson.core.io.SerializedString("\\u2029");
  }
}
