package io.github.authenticity.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.github.authenticity.core.internal.events.Event;
import io.github.authenticity.core.internal.events.EventWriter;
import io.github.authenticity.core.internal.events.EventsFormat;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import io.github.authenticity.core.internal.model.Judgement;
import io.github.authenticity.core.internal.model.Verdict;

/**
 * Writes {@code files} events files holding {@code tests} test records in all, as test JVMs would
 * (format: docs/events-format.md): 90% guarded, of those 97% AUTHENTIC, 1.5% MASKED, 1% FAILED,
 * 0.5% SERVICE_DOWN; every tenth unguarded. Deterministic (fixed seed).
 */
final class EventsGenerator {

  /** Change when the generated content changes, so cached files are regenerated. */
  static final int VERSION = 2;

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
      try (EventWriter log = EventWriter.create(directory)) {
        written.add(log.file());
        log.write(new Event.RunStarted(run, at, EventsFormat.VERSION, 1000 + f, "bench-host", "bench-build", "local",
            false, "fail", "classpath:authenticity.yaml", null, null, "17.0.15", "1.14.4", java.util.List.of()));
        log.write(new Event.ServiceProbed(run, at + 5, "backend", "http", "GET http://127.0.0.1:18080/health", "UP", 4,
            "200 OK", Instant.ofEpochMilli(at + 1).toString()));
        log.write(new Event.ServiceProbed(run, at + 6, "postgres", "postgres", "127.0.0.1:5432", "UP", 7,
            "PostgreSQL answered", Instant.ofEpochMilli(at + 1).toString()));
        for (int t = from; t < to; t++) {
          boolean guarded = t % 10 != 9;
          log.write(new Event.TestPlanned(run, at + 10, uniqueId(t), classId(t), className(t), methodName(t),
              simpleName(t) + " > " + methodName(t) + "()", t % 7 == 0 ? List.of("e2e", "slow") : List.of("e2e"),
              guarded, guarded ? (t % 3 == 0 ? List.of("backend", "postgres") : List.of("backend")) : List.of(),
              false, null, null));
        }
        long now = at + 100;
        int succeeded = 0;
        int failed = 0;
        for (int t = from; t < to; t++) {
          boolean guarded = t % 10 != 9;
          long duration = 5 + random.nextInt(400);
          log.write(new Event.TestStarted(run, now, uniqueId(t)));
          now += duration;
          String status = "SUCCESSFUL";
          String message = null;
          if (guarded) {
            int roll = random.nextInt(1000);
            Verdict verdict;
            List<Evidence> evidence = List.of();
            String proof = null;
            if (roll < 15) {
              verdict = Verdict.MASKED;
              evidence = List.of(new Evidence(EvidenceKind.FALLBACK_LOG,
                  "\"WARNING: Using MockWebSocketManager due to connection failure\" (java.util.logging, "
                      + "com.example.ws.Client)"), new Evidence(EvidenceKind.NO_INTERACTION,
                  "no bytes exchanged with 127.0.0.1:18080 while the test ran"));
              status = "FAILED";
              message = "Authenticity: test was MASKED: FALLBACK_LOG \"Using MockWebSocketManager due to connection failure\"";
            } else if (roll < 25) {
              verdict = Verdict.FAILED;
              status = "FAILED";
              message = "org.opentest4j.AssertionFailedError: expected: <201> but was: <500>";
            } else if (roll < 30) {
              verdict = Verdict.SERVICE_DOWN;
              status = "FAILED";
              message = "Real service 'backend' is DOWN: GET http://127.0.0.1:18080/health answered 503 Service "
                  + "Unavailable in 12 ms (probed 19:05:01).";
            } else {
              verdict = Verdict.AUTHENTIC;
              proof = (1 + random.nextInt(9)) + " exchanges, " + (1 + random.nextInt(40)) + ".4 KB with 127.0.0.1:18080";
            }
            log.write(new Event.TestJudged(run, now, uniqueId(t), new Judgement(verdict, null, evidence, proof, null,
                List.of(), List.of(), duration, null, null)));
          }
          if (status.equals("SUCCESSFUL")) {
            succeeded++;
          } else {
            failed++;
          }
          log.write(new Event.TestFinished(run, now, uniqueId(t), Event.Outcome.valueOf(status), duration, message,
              null, false));
        }
        log.write(new Event.RunEnded(run, now + 1, to - from, to - from, succeeded, failed, 0, 0));
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
}
