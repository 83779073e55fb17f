package io.github.authenticity.core.internal.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes an events file line by line from field lists, as {@code docs/events-format.md} describes the lines, for
 * the report tests (they read it back through the one reader; the writer has its own round-trip tests).
 */
final class Events implements AutoCloseable {

  private static final JsonFactory JSON = new JsonFactory();

  private final Path file;
  private final OutputStream out;
  final String run = UUID.randomUUID().toString();
  private long at = 1_700_000_000_000L;

  private Events(Path file) {
    this.file = file;
    try {
      Files.createDirectories(file.getParent());
      this.out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  static Events create(Path directory, String environment, boolean staging) {
    Events events = new Events(directory.resolve("events-" + UUID.randomUUID() + ".jsonl"));
    events.append("run", "pid", 4242, "host", "ci-1", "environment", environment, "staging", staging, "mode", "fail",
        "config", "classpath:authenticity.yaml", "java", "17", "junit", "1.14.4");
    return events;
  }

  /** An events file whose {@code run} event has {@code runFields} besides the environment's. */
  static Events withRun(Path directory, String environment, Object... runFields) {
    Events events = new Events(directory.resolve("events-" + UUID.randomUUID() + ".jsonl"));
    Object[] fields = new Object[runFields.length + 6];
    Object[] base = {"pid", 4242, "host", "ci-1", "environment", environment};
    System.arraycopy(base, 0, fields, 0, base.length);
    System.arraycopy(runFields, 0, fields, base.length, runFields.length);
    events.append("run", fields);
    return events;
  }

  static String uid(String className, String method) {
    return "[engine:junit-jupiter]/[class:" + className + "]/[method:" + method + "()]";
  }

  Events append(String type, Object... fields) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("type", type);
    event.put("run", run);
    event.put("at", at++);
    for (int i = 0; i < fields.length; i += 2) {
      event.put((String) fields[i], fields[i + 1]);
    }
    try {
      JsonGenerator json = JSON.createGenerator(out);
      write(json, event);
      json.flush();
      out.write('\n');
      out.flush();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return this;
  }

  /** {@code event} as one JSON object, without a line break. */
  static String json(Map<String, Object> event) {
    java.io.StringWriter text = new java.io.StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      write(json, event);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return text.toString();
  }

  private static void write(JsonGenerator json, Object value) throws IOException {
    if (value instanceof Map<?, ?> map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        json.writeFieldName(String.valueOf(entry.getKey()));
        write(json, entry.getValue());
      }
      json.writeEndObject();
    } else if (value instanceof List<?> list) {
      json.writeStartArray();
      for (Object item : list) {
        write(json, item);
      }
      json.writeEndArray();
    } else if (value instanceof Number number) {
      json.writeNumber(number.longValue());
    } else if (value instanceof Boolean flag) {
      json.writeBoolean(flag);
    } else if (value == null) {
      json.writeNull();
    } else {
      json.writeString(value.toString());
    }
  }

  Events service(String name, String status, long latency, String detail) {
    return append("service", "name", name, "probe", "http", "endpoint", "http://127.0.0.1:18080/health", "status",
        status, "latencyMillis", latency, "detail", detail, "probedAt", "2026-11-22T04:00:00Z");
  }

  /** A test in the plan; returns its unique id. */
  String test(String className, String method, boolean guarded, String... services) {
    return test(className, method, guarded, false, services);
  }

  String test(String className, String method, boolean guarded, boolean stagingOnly, String... services) {
    String uid = uid(className, method);
    String simple = className.substring(className.lastIndexOf('.') + 1);
    append("test", "uniqueId", uid, "className", className, "methodName", method, "displayName",
        simple + " > " + method + "()", "tags", List.of("e2e"), "guarded", guarded, "services", List.of(services),
        "stagingOnly", stagingOnly, "minDurationMillis", null, "parentId", "[engine:junit-jupiter]/[class:" + className + "]");
    return uid;
  }

  Events started(String uid) {
    return append("started", "uniqueId", uid);
  }

  Events finished(String uid, String status, long millis, String message) {
    return append("finished", "uniqueId", uid, "status", status, "durationMillis", millis, "message", message);
  }

  /** Skipped by a literal {@code @Disabled}. */
  Events disabled(String uid, String message) {
    return append("finished", "uniqueId", uid, "status", "SKIPPED", "durationMillis", 0, "message", message,
        "disabled", true);
  }

  Events verdict(String uid, String verdict, String proof, String... evidence) {
    List<Object> list = new ArrayList<>();
    for (int i = 0; i < evidence.length; i += 2) {
      list.add(Map.of("kind", evidence[i], "detail", evidence[i + 1]));
    }
    return append("verdict", "uniqueId", uid, "verdict", verdict, "evidence", list, "proof", proof, "allowedMocks",
        List.of());
  }

  /** A guarded test that ran and passed with the given verdict. */
  String ran(String className, String method, String verdict, String... evidence) {
    String uid = test(className, method, true, "backend");
    started(uid);
    verdict(uid, verdict, "AUTHENTIC".equals(verdict) ? "3 exchanges, 2.1 KB with 127.0.0.1:18080" : null, evidence);
    finished(uid, "AUTHENTIC".equals(verdict) ? "SUCCESSFUL" : "FAILED", 1200, null);
    return uid;
  }

  Events end() {
    return append("end", "discovered", 0, "started", 0, "succeeded", 0, "failed", 0, "aborted", 0, "skipped", 0);
  }

  /** The file, to read. */
  Path read() {
    return file;
  }

  Path file() {
    return file;
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
