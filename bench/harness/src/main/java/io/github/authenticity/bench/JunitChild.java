package io.github.authenticity.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Child JVM main for the JUnit scenarios: optionally starts a loopback HTTP server (its port goes to
 * the system property {@code bench.port}), runs the JUnit Platform on the given selectors with the
 * listeners found on the classpath, and writes what it saw to the properties file {@code bench.out}.
 *
 * <p>Arguments: {@code --server} (start the server), then selectors {@code package:p}, {@code class:C},
 * {@code method:C#m}. Only JUnit and JDK types are used here, so configuration B needs no Authenticity jar.
 */
public final class JunitChild {

  private JunitChild() {
  }

  public static void main(String[] args) throws Exception {
    long mainStart = System.currentTimeMillis();
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    HttpServer server = null;
    ExecutorService executor = null;
    List<DiscoverySelector> selectors = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--server")) {
        executor = Executors.newFixedThreadPool(2, r -> {
          Thread t = new Thread(r, "bench-http");
          t.setDaemon(true);
          return t;
        });
        server = startServer(executor);
        System.setProperty("bench.port", Integer.toString(server.getAddress().getPort()));
      } else if (arg.startsWith("package:")) {
        selectors.add(DiscoverySelectors.selectPackage(arg.substring(8)));
      } else if (arg.startsWith("class:")) {
        selectors.add(DiscoverySelectors.selectClass(arg.substring(6)));
      } else if (arg.startsWith("method:")) {
        selectors.add(DiscoverySelectors.selectMethod(arg.substring(7)));
      } else {
        throw new IllegalArgumentException("Unknown argument [" + arg + "]");
      }
    }
    long serverReady = System.currentTimeMillis();

    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener summaryListener = new SummaryGeneratingListener();
    FirstFailure firstFailure = new FirstFailure();
    long executeStart = System.currentTimeMillis();
    launcher.execute(request, summaryListener, firstFailure);
    long executeEnd = System.currentTimeMillis();
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
    }

    TestExecutionSummary summary = summaryListener.getSummary();
    Properties out = new Properties();
    out.setProperty("jvmStartMillis", Long.toString(jvmStart));
    out.setProperty("mainStartMillis", Long.toString(mainStart - jvmStart));
    out.setProperty("serverReadyMillis", Long.toString(serverReady - jvmStart));
    out.setProperty("executeMillis", Long.toString(executeEnd - executeStart));
    out.setProperty("executeEndMillis", Long.toString(executeEnd - jvmStart));
    out.setProperty("firstFailureMillis",
        firstFailure.at.get() == 0 ? "" : Long.toString(firstFailure.at.get() - jvmStart));
    out.setProperty("firstFailureMessage", firstFailure.message.get() == null ? "" : firstFailure.message.get());
    out.setProperty("found", Long.toString(summary.getTestsFoundCount()));
    out.setProperty("started", Long.toString(summary.getTestsStartedCount()));
    out.setProperty("succeeded", Long.toString(summary.getTestsSucceededCount()));
    out.setProperty("failed", Long.toString(summary.getTestsFailedCount()));
    out.setProperty("aborted", Long.toString(summary.getTestsAbortedCount()));
    out.setProperty("skipped", Long.toString(summary.getTestsSkippedCount()));
    out.setProperty("containersFailed", Long.toString(summary.getContainersFailedCount()));
    out.setProperty("vmHwmKb", Long.toString(ProcStatus.vmHwmKb()));
    out.setProperty("cpuMillis", Long.toString(ProcStatus.processCpuMillis()));
    out.setProperty("mainCpuMillis", Long.toString(
        ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000));
    out.setProperty("topThreads", ProcStatus.topThreads(4));
    out.setProperty("classesLoaded", Long.toString(ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount()));
    out.setProperty("gcMillis", Long.toString(ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(gc -> Math.max(0, gc.getCollectionTime())).sum()));
    out.setProperty("jitMillis", Long.toString(ManagementFactory.getCompilationMXBean() == null ? -1
        : ManagementFactory.getCompilationMXBean().getTotalCompilationTime()));
    ChildOutput.write(out);
    System.exit(0);
  }

  private static HttpServer startServer(ExecutorService executor) throws IOException {
    // without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK:
    // about 40 ms per request on loopback, which would drown what is measured here
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
    byte[] health = "ok".getBytes(StandardCharsets.UTF_8);
    byte[] body = "{\"id\":42,\"name\":\"bench\",\"items\":[1,2,3]}".getBytes(StandardCharsets.UTF_8);
    server.createContext("/health", exchange -> respond(exchange, health));
    server.createContext("/", exchange -> respond(exchange, body));
    server.setExecutor(executor);
    server.start();
    return server;
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, byte[] body) throws IOException {
    exchange.getRequestBody().readAllBytes();
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Records when the first test or container failed and why (one line). */
  private static final class FirstFailure implements TestExecutionListener {
    final AtomicLong at = new AtomicLong();
    final AtomicReference<String> message = new AtomicReference<>();

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
      if (result.getStatus() == TestExecutionResult.Status.FAILED && at.compareAndSet(0,
          System.currentTimeMillis())) {
        message.set(result.getThrowable().map(t -> t.getClass().getSimpleName() + ": " + t.getMessage())
            .orElse("(no throwable)").replaceAll("\\s+", " "));
      }
    }
  }
}
