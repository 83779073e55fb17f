package io.github.authenticity.core.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.authenticity.core.events.EventFile;
import io.github.authenticity.core.events.EventLog;

/** Writes a real events file with {@link EventLog}, the way a test JVM does, for the report tests. */
final class Events implements AutoCloseable {

  final EventLog log;
  final String run = UUID.randomUUID().toString();
  private long at = 1_700_000_000_000L;

  private Events(EventLog log) {
    this.log = log;
  }

  static Events create(Path directory, String environment, boolean staging) {
    Events events = new Events(EventLog.create(directory));
    events.append("run", "pid", 4242, "host", "ci-1", "environment", environment, "staging", staging, "mode", "fail",
        "config", "classpath:authenticity.yaml", "java", "17", "junit", "1.14.4");
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
    log.append(event);
    return this;
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

  EventFile read() {
    return EventFile.read(log.file());
  }

  Path file() {
    return log.file();
  }

  @Override
  public void close() {
    log.close();
  }
}
