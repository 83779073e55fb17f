package io.github.authenticity.core.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.authenticity.core.json.Json;
import org.apiguardian.api.API;

/** Writes a {@link Report} as {@code authenticity-report.json} (schemaVersion 1) and reads it back. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ReportJson {

  private ReportJson() {
  }

  /** The report as JSON on one line. */
  public static String write(Report report) {
    StringBuilder out = new StringBuilder(512 + report.tests().size() * 400);
    try {
      write(report, out);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out.toString();
  }

  /** Streams the report as JSON on one line to {@code out}, one test at a time (a big report is never one string). */
  public static void write(Report report, Appendable out) throws IOException {
    Map<String, Object> map = toMap(report, false);
    StringBuilder chunk = new StringBuilder(8192);
    Json.write(map, chunk);
    chunk.setLength(chunk.length() - 1);
    chunk.append(",\"tests\":[");
    boolean first = true;
    for (TestEntry test : report.tests()) {
      if (!first) {
        chunk.append(',');
      }
      first = false;
      Json.write(toMap(test), chunk);
      if (chunk.length() > 64 * 1024) {
        out.append(chunk);
        chunk.setLength(0);
      }
    }
    chunk.append("]}\n");
    out.append(chunk);
  }

  /**
   * Reads an {@code authenticity-report.json}.
   *
   * @throws IllegalArgumentException when the file is not such a report, naming the file and what is wrong
   * @throws UncheckedIOException     when it cannot be read
   */
  public static Report read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot read the authenticity report [" + file + "]: " + ex.getMessage(), ex);
    }
    try {
      return fromMap(Json.parseObject(text));
    } catch (RuntimeException ex) {
      throw new IllegalArgumentException("The authenticity report [" + file + "] cannot be read: " + ex.getMessage()
          + ". Delete it and run the report goal again.", ex);
    }
  }

  static Map<String, Object> toMap(Report report, boolean withTests) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("schemaVersion", report.schemaVersion());
    map.put("verdict", report.verdict());
    map.put("environment", report.environment());
    map.put("complete", report.complete());
    map.put("incompleteReasons", report.incompleteReasons());
    map.put("generatedAt", report.generatedAt() == null ? null : report.generatedAt().toString());
    Summary s = report.summary();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("discovered", s.discovered());
    summary.put("executed", s.executed());
    summary.put("guarded", s.guarded());
    summary.put("authentic", s.authentic());
    summary.put("masked", s.masked());
    summary.put("failed", s.failed());
    summary.put("serviceDown", s.serviceDown());
    summary.put("notRun", s.notRun());
    summary.put("guardedExecuted", s.guardedExecuted());
    summary.put("notDiscovered", s.notDiscovered());
    summary.put("notExecuted", s.notExecuted());
    summary.put("disabled", s.disabled());
    summary.put("otherEnvironment", s.otherEnvironment());
    summary.put("condition", s.condition());
    summary.put("unproven", s.unproven());
    int percent = s.authenticPercent();
    summary.put("authenticPercent", percent < 0 ? null : percent);
    map.put("summary", summary);
    List<Object> services = new ArrayList<>();
    for (ServiceStatus service : report.services()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", service.name());
      m.put("probe", service.probe());
      m.put("endpoint", service.endpoint());
      m.put("status", service.status());
      m.put("latencyMillis", service.latencyMillis());
      m.put("detail", service.detail());
      services.add(m);
    }
    map.put("services", services);
    map.put("sources", report.sources());
    if (withTests) {
      List<Object> tests = new ArrayList<>(report.tests().size());
      for (TestEntry test : report.tests()) {
        tests.add(toMap(test));
      }
      map.put("tests", tests);
    }
    return map;
  }

  static Map<String, Object> toMap(TestEntry test) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("uniqueId", test.uniqueId());
    m.put("className", test.className());
    m.put("methodName", test.methodName());
    m.put("displayName", test.displayName());
    m.put("guarded", test.guarded());
    m.put("services", test.services());
    m.put("verdict", test.verdict());
    m.put("durationMillis", test.durationMillis());
    m.put("reason", test.reason());
    List<Object> evidence = new ArrayList<>(test.evidence().size());
    for (Evidence e : test.evidence()) {
      Map<String, Object> em = new LinkedHashMap<>();
      em.put("kind", e.kind());
      em.put("detail", e.detail());
      evidence.add(em);
    }
    m.put("evidence", evidence);
    m.put("proof", test.proof());
    m.put("unproven", test.unproven());
    m.put("tags", test.tags());
    m.put("status", test.status());
    m.put("message", test.message());
    List<Object> allowed = new ArrayList<>(test.allowedMocks().size());
    for (AllowedMock a : test.allowedMocks()) {
      Map<String, Object> am = new LinkedHashMap<>();
      am.put("field", a.field());
      am.put("type", a.type());
      am.put("reason", a.reason());
      allowed.add(am);
    }
    m.put("allowedMocks", allowed);
    return m;
  }

  @SuppressWarnings("unchecked")
  static Report fromMap(Map<String, Object> map) {
    long version = number(map.get("schemaVersion"));
    if (version != Report.SCHEMA_VERSION) {
      throw new IllegalArgumentException("schemaVersion is [" + map.get("schemaVersion") + "], this version reads ["
          + Report.SCHEMA_VERSION + "]");
    }
    Map<String, Object> s = map.get("summary") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    Summary summary = new Summary(i(s, "discovered"), i(s, "executed"), i(s, "guarded"), i(s, "authentic"),
        i(s, "masked"), i(s, "failed"), i(s, "serviceDown"), i(s, "notRun"), i(s, "unproven"),
        s.containsKey("guardedExecuted")
            ? i(s, "guardedExecuted") : i(s, "authentic") + i(s, "masked") + i(s, "failed") + i(s, "serviceDown"),
        i(s, "notDiscovered"), i(s, "notExecuted"), i(s, "disabled"), i(s, "otherEnvironment"), i(s, "condition"));
    List<ServiceStatus> services = new ArrayList<>();
    for (Object o : list(map.get("services"))) {
      Map<String, Object> m = (Map<String, Object>) o;
      services.add(new ServiceStatus(t(m, "name"), t(m, "probe"), t(m, "endpoint"), t(m, "status"),
          number(m.get("latencyMillis")), t(m, "detail")));
    }
    List<TestEntry> tests = new ArrayList<>();
    for (Object o : list(map.get("tests"))) {
      Map<String, Object> m = (Map<String, Object>) o;
      tests.add(new TestEntry(t(m, "uniqueId"), t(m, "className"), t(m, "methodName"), t(m, "displayName"),
          Boolean.TRUE.equals(m.get("guarded")), strings(m.get("services")),
          m.get("verdict") == null ? null : Verdict.valueOf(t(m, "verdict")),
          number(m.get("durationMillis")),
          m.get("reason") == null ? null : NotRunReason.valueOf(t(m, "reason")),
          evidence(m.get("evidence")), t(m, "proof"), strings(m.get("tags")),
          t(m, "status"), t(m, "message"), allowedMocks(m.get("allowedMocks")), t(m, "unproven")));
    }
    Instant generatedAt = null;
    if (map.get("generatedAt") != null) {
      try {
        generatedAt = Instant.parse(t(map, "generatedAt"));
      } catch (DateTimeParseException ex) {
        throw new IllegalArgumentException("generatedAt [" + map.get("generatedAt") + "] is not an ISO-8601 instant",
            ex);
      }
    }
    return new Report(Report.SCHEMA_VERSION, OverallVerdict.valueOf(t(map, "verdict")), t(map, "environment"),
        !Boolean.FALSE.equals(map.get("complete")), strings(map.get("incompleteReasons")), summary,
        services, tests, generatedAt, strings(map.get("sources")));
  }

  private static int i(Map<String, Object> m, String key) {
    return (int) number(m.get(key));
  }

  private static String t(Map<String, Object> m, String key) {
    return text(m.get(key));
  }

  private static List<Evidence> evidence(Object value) {
    List<Evidence> out = new ArrayList<>();
    for (Object item : list(value)) {
      if (item instanceof Map<?, ?> map && map.get("kind") != null) {
        out.add(new Evidence(EvidenceKind.valueOf(text(map.get("kind"))), text(map.get("detail"))));
      }
    }
    return out;
  }

  private static List<AllowedMock> allowedMocks(Object value) {
    List<AllowedMock> out = new ArrayList<>();
    for (Object item : list(value)) {
      if (item instanceof Map<?, ?> map) {
        out.add(new AllowedMock(text(map.get("field")), text(map.get("type")), text(map.get("reason"))));
      }
    }
    return out;
  }

  private static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    for (Object item : list(value)) {
      if (item != null) {
        out.add(item.toString());
      }
    }
    return out;
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static long number(Object value) {
    return value instanceof Number n ? n.longValue() : 0;
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> l ? l : List.of();
  }
}
