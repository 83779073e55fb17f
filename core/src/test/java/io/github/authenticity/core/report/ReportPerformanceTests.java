package io.github.authenticity.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import io.github.authenticity.core.events.EventFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportPerformanceTests {

  static final int TESTS = 100_000;
  static final int FILES = 4;

  @TempDir
  Path dir;

  /** Writes {@value #TESTS} guarded tests in {@value #FILES} events files; mostly authentic, some masked/not run. */
  static List<Path> writeEvents(Path dir) {
    List<Path> files = new ArrayList<>();
    for (int f = 0; f < FILES; f++) {
      try (Events events = Events.create(dir, "local", false)) {
        events.service("backend", "UP", 12, "200 OK");
        for (int i = 0; i < TESTS / FILES; i++) {
          String cls = "com.example.module" + f + ".Feature" + (i / 20) + "E2E";
          String method = "scenario" + i;
          if (i % 97 == 0) {
            events.ran(cls, method, "MASKED", "FALLBACK_LOG", "\"Using MockBackend for " + method + "\"");
          } else if (i % 211 == 0) {
            events.test(cls, method, true, "backend");
          } else {
            events.ran(cls, method, "AUTHENTIC");
          }
        }
        events.end();
        files.add(events.file());
      }
    }
    return files;
  }

  @Test
  void mergesAndWrites100000TestsQuickly() throws Exception {
    List<Path> files = writeEvents(dir.resolve("events"));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    ReportBuilder builder = new ReportBuilder();
    for (Path file : files) {
      builder.addEventFile(EventFile.read(file));
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
    // CPU time, not wall time: the build machine is shared, and a loaded machine must not fail this test
    assertThat(cpuMs).as("CPU time to merge and write %d tests, ms", TESTS).isLessThan(15_000);
    assertThat(Files.size(written.get(1))).as("html bytes").isLessThan(20L * 1024 * 1024);
  }
}
