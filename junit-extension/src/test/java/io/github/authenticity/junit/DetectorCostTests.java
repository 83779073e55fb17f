package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.internal.config.Detection.Interaction;
import io.github.authenticity.core.internal.detect.InteractionMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;

/** Measures what each detector costs an honest test (printed as {@code [measure]} lines) and bounds it. */
@Isolated // changes JVM-wide state (System.out, proxy properties) or measures time
class DetectorCostTests {

  @TempDir
  Path directory;

  @Test
  void honestTestsPayLittle() throws Exception {
    long rssBefore = rssKb();
    long heapBefore = usedHeap();
    long startNanos = System.nanoTime();
    InteractionMonitor.start();
    System.out.printf("[measure] InteractionMonitor.start(): %d ms, RSS +%d KB, heap +%d KB%n",
        (System.nanoTime() - startNanos) / 1_000_000, rssKb() - rssBefore, (usedHeap() - heapBefore) / 1024);

    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
      AuthenticityConfig config = DetectorHarness.config(DetectorHarness.detection(Interaction.REQUIRED),
          directory.resolve("history.json"), DetectorHarness.http("backend", url));
      Map<String, long[]> nanos = new LinkedHashMap<>();
      // per detector and round, the test thread's CPU time: on a loaded machine wall time mostly says how
      // long the thread waited for a core
      Map<String, long[]> cpu = new LinkedHashMap<>();
      java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
      int rounds = Integer.getInteger("cost.rounds", 100);
      for (int round = 0; round < rounds + 20; round++) {
        GuardedTest test = DetectorHarness.test("cost" + round, config, new Object());
        long[] before = new long[Detectors.all().size()];
        long[] beforeCpu = new long[Detectors.all().size()];
        for (int i = 0; i < Detectors.all().size(); i++) {
          long t = System.nanoTime();
          long c = threads.getCurrentThreadCpuTime();
          Detectors.all().get(i).beforeTest(test);
          beforeCpu[i] = threads.getCurrentThreadCpuTime() - c;
          before[i] = System.nanoTime() - t;
        }
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        assertThat(connection.getResponseCode()).isEqualTo(200);
        connection.getInputStream().readAllBytes();
        TestOutcome outcome = new TestOutcome(Duration.ofMillis(5), null);
        for (int i = 0; i < Detectors.all().size(); i++) {
          Detector detector = Detectors.all().get(i);
          long t = System.nanoTime();
          long c = threads.getCurrentThreadCpuTime();
          detector.afterTest(test, outcome);
          long cpuCost = threads.getCurrentThreadCpuTime() - c + beforeCpu[i];
          long cost = System.nanoTime() - t + before[i];
          if (round >= 20) {
            nanos.computeIfAbsent(detector.getClass().getSimpleName(), k -> new long[1])[0] += cost;
            cpu.computeIfAbsent(detector.getClass().getSimpleName(), k -> new long[rounds])[round - 20] = cpuCost;
          }
        }
        assertThat(outcome.evidence()).isEmpty();
        assertThat(outcome.proof()).hasSize(1);
      }
      long total = 0;
      for (Map.Entry<String, long[]> entry : nanos.entrySet()) {
        long micros = entry.getValue()[0] / rounds / 1000;
        total += micros;
        long[] cpus = cpu.get(entry.getKey()).clone();
        java.util.Arrays.sort(cpus);
        System.out.printf("[measure] %s: %d us per honest test (mean of %d), CPU of the test thread median %d us%n",
            entry.getKey(), micros, rounds, cpus[rounds / 2] / 1000);
      }
      System.out.printf("[measure] all detectors: %d us per honest test; RSS now %d KB, %d descriptors open%n", total,
          rssKb(), new java.io.File("/proc/self/fd").list().length);
      // on JDK 17-21 the kernel's counters are read by starting ss twice per test (4-10 ms each on this
      // machine); on JDK 22+ in-process (docs/detection.md has the numbers)
      assertThat(total).isLessThan(Runtime.version().feature() >= 22 ? 20_000 : 60_000);
    } finally {
      server.stop(0);
    }
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static long rssKb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return -1;
  }
}
