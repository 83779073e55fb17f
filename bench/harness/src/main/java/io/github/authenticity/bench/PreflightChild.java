package io.github.authenticity.bench;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.detect.InteractionMonitor;
import io.github.authenticity.core.internal.probe.Preflight;
import io.github.authenticity.core.probe.ProbeResult;
import io.github.authenticity.core.probe.ProbeStatus;

/**
 * Child JVM main for scenario 3: starts a loopback HTTP server whose every path answers 200 after
 * {@code delayMillis}, then times one cold {@code new Preflight(cl).probeAll(...)} over {@code services}
 * services (one path each), and a second, warm one. Arguments: {@code services delayMillis}.
 */
public final class PreflightChild {

  private PreflightChild() {
  }

  public static void main(String[] args) throws Exception {
    int count = Integer.parseInt(args[0]);
    long delay = Long.parseLong(args[1]);
    ExecutorService executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "bench-slow-http");
      t.setDaemon(true);
      return t;
    });
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
    byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
    server.createContext("/", exchange -> {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.setExecutor(executor);
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();

    List<ServiceDefinition> services = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      services.add(new ServiceDefinition("service" + i, "http",
          Map.of("url", base + "/service" + i + "/health", "expectStatus", 200), Duration.ofSeconds(2), null,
          "bench:" + i));
    }
    Properties out = new Properties();
    try {
      long start = System.nanoTime();
      Map<String, ProbeResult> results = new Preflight(PreflightChild.class.getClassLoader(), InteractionMonitor::probing).probeAll(services);
      long elapsed = System.nanoTime() - start;
      // a second preflight in the same JVM: classes loaded and compiled, no cold start
      long warmStart = System.nanoTime();
      Map<String, ProbeResult> warm = new Preflight(PreflightChild.class.getClassLoader(), InteractionMonitor::probing).probeAll(services);
      long warmElapsed = System.nanoTime() - warmStart;
      out.setProperty("warmProbeAllMillis", String.format(java.util.Locale.ROOT, "%.1f", warmElapsed / 1e6));
      out.setProperty("warmUp", Long.toString(warm.values().stream().filter(r -> r.status() == ProbeStatus.UP).count()));
      long up = results.values().stream().filter(r -> r.status() == ProbeStatus.UP).count();
      long slowest = results.values().stream().mapToLong(ProbeResult::latencyMillis).max().orElse(-1);
      out.setProperty("probeAllMillis", String.format(java.util.Locale.ROOT, "%.1f", elapsed / 1e6));
      out.setProperty("up", Long.toString(up));
      out.setProperty("results", Integer.toString(results.size()));
      out.setProperty("slowestLatencyMillis", Long.toString(slowest));
      results.values().stream().filter(r -> r.status() != ProbeStatus.UP).findFirst()
          .ifPresent(r -> out.setProperty("firstNotUp", r.service() + " " + r.status() + ": " + r.detail()));
    } catch (RuntimeException | LinkageError ex) {
      StringWriter trace = new StringWriter();
      ex.printStackTrace(new PrintWriter(trace));
      System.err.println(trace);
      out.setProperty("error", ex.getClass().getSimpleName() + ": " + ex.getMessage());
    }
    server.stop(0);
    executor.shutdownNow();
    out.setProperty("vmHwmKb", Long.toString(ProcStatus.vmHwmKb()));
    ChildOutput.write(out);
    System.exit(0);
  }
}
