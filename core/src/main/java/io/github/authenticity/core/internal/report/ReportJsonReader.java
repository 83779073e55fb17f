package io.github.authenticity.core.internal.report;

import static io.github.authenticity.core.internal.report.ReportFormat.*;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
 * Reads {@code authenticity-report.json} with jackson-core's streaming parser, one test at a time, by the names of
 * {@link ReportFormat}. It ignores keys it does not know (a newer writer may add some) but not another schemaVersion.
 *
 * <p>Over 300 lines because it is one reader per object of the format (report, summary, service, skip rule, test,
 * evidence, allowed mock) and the few token checks they share, all of one job; split, the format's reading would
 * be in several places.
 */
final class ReportJsonReader {

  private ReportJsonReader() {
  }

  /**
   * Reads an {@code authenticity-report.json} from {@code in} (left open).
   *
   * @param name what to call it in a message (a path or a URL, secrets redacted)
   * @param fix  the sentence that ends the message when it is not such a report
   * @throws IllegalArgumentException when it is not such a report, naming it and what is wrong
   * @throws UncheckedIOException     when it cannot be read
   */
  static Report read(Reader in, String name, String fix) {
    try (JsonParser json = JSON.createParser(in)) {
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
        case SCHEMA_VERSION -> {
          version = json.getText();
          if (!String.valueOf(Report.SCHEMA_VERSION).equals(version)) {
            throw new IllegalArgumentException(SCHEMA_VERSION + " is [" + version + "], this version reads ["
                + Report.SCHEMA_VERSION + "]");
          }
        }
        case VERDICT -> verdict = enumValue(OverallVerdict.class, json);
        case ENVIRONMENT -> environment = json.getValueAsString();
        case COMPLETE -> complete = token != JsonToken.VALUE_FALSE;
        case INCOMPLETE_REASONS -> incompleteReasons = strings(json);
        case GENERATED_AT -> generatedAt = instant(json.getValueAsString());
        case SUMMARY -> summary = readSummary(json);
        case SERVICES -> {
          while (element(json, SERVICES)) {
            services.add(readService(json));
          }
        }
        case SOURCES -> sources = strings(json);
        case SKIP_RULES -> {
          while (element(json, SKIP_RULES)) {
            skipRules.add(readSkipRule(json));
          }
        }
        case TESTS -> {
          while (element(json, TESTS)) {
            tests.add(readTest(json));
          }
        }
        default -> json.skipChildren();
      }
    }
    if (version == null) {
      throw new IllegalArgumentException(SCHEMA_VERSION + " is [null], this version reads [" + Report.SCHEMA_VERSION
          + "]");
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
        case RULE -> rule = json.getValueAsString();
        case ALLOWED -> allowed = json.getValueAsInt();
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
    int[] counts = new int[SUMMARY_COUNTS.size()];
    int guardedExecuted = SUMMARY_COUNTS.indexOf(GUARDED_EXECUTED);
    counts[guardedExecuted] = -1;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      int key = SUMMARY_COUNTS.indexOf(json.currentName());
      json.nextToken();
      if (key >= 0) {
        counts[key] = json.getValueAsInt();
      } else {
        json.skipChildren();
      }
    }
    if (counts[guardedExecuted] < 0) {
      // written before guardedExecuted existed
      counts[guardedExecuted] = at(counts, AUTHENTIC) + at(counts, MASKED) + at(counts, FAILED)
          + at(counts, SERVICE_DOWN);
    }
    return new Summary(at(counts, DISCOVERED), at(counts, EXECUTED), at(counts, GUARDED),
        at(counts, AUTHENTIC), at(counts, MASKED), at(counts, FAILED), at(counts, SERVICE_DOWN),
        at(counts, NOT_RUN), at(counts, UNPROVEN), counts[guardedExecuted], at(counts, NOT_DISCOVERED),
        at(counts, NOT_EXECUTED), at(counts, DISABLED), at(counts, OTHER_ENVIRONMENT), at(counts, CONDITION),
        at(counts, ALLOWED_SKIP));
  }

  private static int at(int[] counts, String key) {
    return counts[SUMMARY_COUNTS.indexOf(key)];
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
        case NAME -> name = json.getValueAsString();
        case PROBE -> probe = json.getValueAsString();
        case ENDPOINT -> endpoint = json.getValueAsString();
        case STATUS -> status = json.getValueAsString();
        case LATENCY_MILLIS -> latency = json.getValueAsLong();
        case DETAIL -> detail = json.getValueAsString();
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
        case UNIQUE_ID -> uniqueId = json.getValueAsString();
        case CLASS_NAME -> className = json.getValueAsString();
        case METHOD_NAME -> methodName = json.getValueAsString();
        case DISPLAY_NAME -> displayName = json.getValueAsString();
        case GUARDED -> guarded = token == JsonToken.VALUE_TRUE;
        case SERVICES -> services = strings(json);
        case VERDICT -> verdict = enumValue(Verdict.class, json);
        case DURATION_MILLIS -> duration = json.getValueAsLong();
        case REASON -> reason = enumValue(NotRunReason.class, json);
        case EVIDENCE -> {
          while (element(json, EVIDENCE)) {
            Evidence e = readEvidence(json);
            if (e != null) {
              evidence.add(e);
            }
          }
        }
        case PROOF -> proof = json.getValueAsString();
        case UNPROVEN -> unproven = json.getValueAsString();
        case ALLOWED_BY -> allowedBy = json.getValueAsString();
        case TAGS -> tags = strings(json);
        case STATUS -> status = json.getValueAsString();
        case MESSAGE -> message = json.getValueAsString();
        case ALLOWED_MOCKS -> {
          while (element(json, ALLOWED_MOCKS)) {
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
        case KIND -> kind = json.getValueAsString();
        case DETAIL -> detail = json.getValueAsString();
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
        case FIELD -> field = json.getValueAsString();
        case TYPE -> type = json.getValueAsString();
        case REASON -> reason = json.getValueAsString();
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
      throw new IllegalArgumentException(GENERATED_AT + " [" + text + "] is not an ISO-8601 instant", ex);
    }
  }
}
