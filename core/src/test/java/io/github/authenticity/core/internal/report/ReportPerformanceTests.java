package io.github.authenticity.core.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.authenticity.core.internal.model.Report;

class ReportPerformanceTests {

  static final int TESTS = 100_000;
  static final int FILES = 4;

  @TempDir
  Path dir;

  /**
   * Writes {@value #TESTS} guarded tests in {@value #FILES} events files; mostly authentic, some masked/not run.
   * The lines are the format's (docs/events-format.md), buffered rather than flushed one by one, to keep the setup fast.
   */
  static List<Path> writeEvents(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    for (int f = 0; f < FILES; f++) {
      Path file = dir.resolve("events-20261122-050000-" + (1000 + f) + "-abcde.jsonl");
      String run = "run-" + f;
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        Line line = new Line(out, run);
        line.write("run", "environment", "local", "staging", false, "mode", "fail");
        line.write("service", "name", "backend", "probe", "http", "endpoint", "http://127.0.0.1:18080/health",
            "status", "UP", "latencyMillis", 12, "detail", "200 OK");
        for (int i = 0; i < TESTS / FILES; i++) {
          String cls = "com.example.module" + f + ".Feature" + (i / 20) + "E2E";
          String method = "scenario" + i;
          String uid = Events.uid(cls, method);
          line.write("test", "uniqueId", uid, "className", cls, "methodName", method, "displayName",
              "Feature" + (i / 20) + "E2E > " + method + "()", "tags", List.of("e2e"), "guarded", true, "services",
              List.of("backend"), "stagingOnly", false, "parentId", "[engine:junit-jupiter]/[class:" + cls + "]");
          if (i % 211 == 0 && i % 97 != 0) {
            continue;
          }
          line.write("started", "uniqueId", uid);
          if (i % 97 == 0) {
            line.write("verdict", "uniqueId", uid, "verdict", "MASKED", "evidence", List.of(Map.of("kind",
                "FALLBACK_LOG", "detail", "\"Using MockBackend for " + method + "\"")), "durationMillis", 1200);
            line.write("finished", "uniqueId", uid, "status", "FAILED", "durationMillis", 1200, "message", "masked");
          } else {
            line.write("verdict", "uniqueId", uid, "verdict", "AUTHENTIC", "evidence", List.of(), "proof",
                "3 exchanges, 2.1 KB with 127.0.0.1:18080", "durationMillis", 1200);
            line.write("finished", "uniqueId", uid, "status", "SUCCESSFUL", "durationMillis", 1200);
          }
        }
        line.write("end", "discovered", TESTS / FILES);
      }
      files.add(file);
    }
    return files;
  }

  private record Line(Writer out, String run) {
    void write(String type, Object... fields) throws IOException {
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("type", type);
      event.put("run", run);
      event.put("at", 1_700_000_000_000L);
      for (int i = 0; i < fields.length; i += 2) {
        event.put((String) fields[i], fields[i + 1]);
      }
      out.write(Events.json(event));
      out.write('\n');
    }
  }

  @Test
  void mergesAndWrites100000TestsQuickly() throws Exception {
    List<Path> files = writeEvents(dir.resolve("events"));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    ReportBuilder builder = new ReportBuilder();
    for (Path file : files) {
      builder.addEventFile(file);
    }
    long read = System.nanoTime();
    Report report = builder.build();
    long merged = System.nanoTime();
    List<Path> written = ReportWriter.writeAll(report, dir.resolve("out"));
    long end = System.nanoTime();
    long cpuMs = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;

    long readMs = (read - start) / 1_000_000;
    long mergeMs = (merged - read) / 1_000_000;
    long writeMs = (end - merged) / 1_000_000;
    System.out.printf("[perf] %d tests in %d files: read %d ms, merge %d ms, write %d ms, total %d ms wall, %d ms CPU"
        + " (load average %.1f); json %d KB, html %d KB, md %d KB, xml %d KB%n", report.tests().size(), FILES, readMs,
        mergeMs, writeMs, readMs + mergeMs + writeMs, cpuMs, ManagementFactory.getOperatingSystemMXBean()
            .getSystemLoadAverage(), Files.size(written.get(0)) / 1024, Files.size(written.get(1)) / 1024,
        Files.size(written.get(2)) / 1024, Files.size(written.get(3)) / 1024);
    assertThat(report.summary().guarded()).isEqualTo(TESTS);
    assertThat(report.summary().masked()).isEqualTo(FILES * 258);
    assertThat(report.summary().notExecuted()).isEqualTo(FILES * 117);
    assertThat(report.complete()).isTrue();
    // CPU time, not wall time: the build machine is shared, and a loaded machine must not fail this test
    assertThat(cpuMs).as("CPU time to merge and write %d tests, ms", TESTS).isLessThan(15_000);
    assertThat(Files.size(written.get(1))).as("html bytes").isLessThan(20L * 1024 * 1024);
  }
}
