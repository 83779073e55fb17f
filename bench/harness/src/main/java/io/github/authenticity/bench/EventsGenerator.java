package io.github.authenticity.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.github.authenticity.core.events.EventLog;

/**
 * Writes {@code files} events files holding {@code tests} test records in all, as test JVMs would
 * (format: docs/events-format.md): 90% guarded, of those 97% AUTHENTIC, 1.5% MASKED, 1% FAILED,
 * 0.5% SERVICE_DOWN; every tenth unguarded. Deterministic (fixed seed).
 */
final class EventsGenerator {

  /** Change when the generated content changes, so cached files are regenerated. */
  static final int VERSION = 1;

  private EventsGenerator() {
  }

  /** @return the files written */
  static List<Path> generate(Path directory, int files, int tests) {
    Random random = new Random(20261122L);
    List<Path> written = new ArrayList<>();
    long at = 1_795_000_000_000L;
    for (int f = 0; f < files; f++) {
      String run = String.format("bench-run-%d-%08x", f, random.nextInt());
      int from = tests * f / files;
      int to = tests * (f + 1) / files;
      try (EventLog log = EventLog.create(directory)) {
        written.add(log.file());
        log.append(event("run", run, at, "pid", 1000 + f, "host", "bench-host", "environment", "local",
            "staging", false, "mode", "fail", "config", "classpath:authenticity.yaml", "requireEnvironment", null,
            "java", "17.0.15", "junit", "1.14.4"));
        log.append(event("service", run, at + 5, "name", "backend", "probe", "http", "endpoint",
            "GET http://127.0.0.1:18080/health", "status", "UP", "latencyMillis", 4, "detail", "200 OK",
            "probedAt", Instant.ofEpochMilli(at + 1).toString()));
        log.append(event("service", run, at + 6, "name", "postgres", "probe", "postgres", "endpoint",
            "127.0.0.1:5432", "status", "UP", "latencyMillis", 7, "detail", "PostgreSQL answered", "probedAt",
            Instant.ofEpochMilli(at + 1).toString()));
        for (int t = from; t < to; t++) {
          boolean guarded = t % 10 != 9;
          log.append(event("test", run, at + 10, "uniqueId", uniqueId(t), "className", className(t),
              "methodName", methodName(t), "displayName", simpleName(t) + " > " + methodName(t) + "()",
              "tags", t % 7 == 0 ? List.of("e2e", "slow") : List.of("e2e"), "guarded", guarded,
              "services", guarded ? (t % 3 == 0 ? List.of("backend", "postgres") : List.of("backend")) : List.of(),
              "stagingOnly", false, "minDurationMillis", null, "parentId", classId(t)));
        }
        long now = at + 100;
        int succeeded = 0;
        int failed = 0;
        for (int t = from; t < to; t++) {
          boolean guarded = t % 10 != 9;
          long duration = 5 + random.nextInt(400);
          log.append(event("started", run, now, "uniqueId", uniqueId(t)));
          now += duration;
          String status = "SUCCESSFUL";
          String message = null;
          if (guarded) {
            int roll = random.nextInt(1000);
            String verdict;
            List<Map<String, Object>> evidence = List.of();
            String proof = null;
            if (roll < 15) {
              verdict = "MASKED";
              evidence = List.of(map("kind", "FALLBACK_LOG", "detail",
                  "\"WARNING: Using MockWebSocketManager due to connection failure\" (java.util.logging, "
                      + "com.example.ws.Client)"), map("kind", "NO_INTERACTION", "detail",
                  "no bytes exchanged with 127.0.0.1:18080 while the test ran"));
              status = "FAILED";
              message = "Authenticity: test was MASKED: FALLBACK_LOG \"Using MockWebSocketManager due to connection failure\"";
            } else if (roll < 25) {
              verdict = "FAILED";
              status = "FAILED";
              message = "org.opentest4j.AssertionFailedError: expected: <201> but was: <500>";
            } else if (roll < 30) {
              verdict = "SERVICE_DOWN";
              status = "FAILED";
              message = "Real service 'backend' is DOWN: GET http://127.0.0.1:18080/health answered 503 Service "
                  + "Unavailable in 12 ms (probed 19:05:01).";
            } else {
              verdict = "AUTHENTIC";
              proof = (1 + random.nextInt(9)) + " exchanges, " + (1 + random.nextInt(40)) + ".4 KB with 127.0.0.1:18080";
            }
            log.append(event("verdict", run, now, "uniqueId", uniqueId(t), "verdict", verdict, "reason", null,
                "evidence", evidence, "proof", proof, "allowedMocks", List.of(), "durationMillis", duration));
          }
          if (status.equals("SUCCESSFUL")) {
            succeeded++;
          } else {
            failed++;
          }
          log.append(event("finished", run, now, "uniqueId", uniqueId(t), "status", status, "durationMillis",
              duration, "message", message, "via", null));
        }
        log.append(event("end", run, now + 1, "discovered", to - from, "started", to - from, "succeeded", succeeded,
            "failed", failed, "aborted", 0, "skipped", 0));
      }
    }
    return written;
  }

  private static String className(int t) {
    return "com.example.shop.e2e.module" + (t / 5000) + "." + simpleName(t);
  }

  private static String simpleName(int t) {
    return String.format("Orders%04dE2E", t / 50);
  }

  private static String methodName(int t) {
    return String.format("placesOrderWithDiscount%02d", t % 50);
  }

  private static String classId(int t) {
    return "[engine:junit-jupiter]/[class:" + className(t) + "]";
  }

  private static String uniqueId(int t) {
    return classId(t) + "/[method:" + methodName(t) + "()]";
  }

  private static Map<String, Object> event(String type, String run, long at, Object... fields) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("type", type);
    event.put("run", run);
    event.put("at", at);
    for (int i = 0; i < fields.length; i += 2) {
      event.put((String) fields[i], fields[i + 1]);
    }
    return event;
  }

  private static Map<String, Object> map(Object... fields) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < fields.length; i += 2) {
      map.put((String) fields[i], fields[i + 1]);
    }
    return map;
  }
}
