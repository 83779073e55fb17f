package io.github.authenticity.core.internal.probe;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.probe.ProbeResult;

/** Real servers and service definitions for the probe tests. */
final class ProbeFixtures {

  static final String PG_START = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";
  static final String REDIS_START =
      "redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save \"\" --appendonly no";

  private ProbeFixtures() {
  }

  /** Generous, so that a loaded build machine does not turn an UP into a time-out; timeout tests set theirs. */
  static final Duration TEST_TIMEOUT = Duration.ofSeconds(10);

  /** A service with {@link #TEST_TIMEOUT} and no maxLatency; {@code keyValues} alternate key and value. */
  static ServiceDefinition service(String name, String probe, Object... keyValues) {
    return service(name, probe, TEST_TIMEOUT, null, keyValues);
  }

  static ServiceDefinition service(String name, String probe, Duration timeout, Duration maxLatency,
      Object... keyValues) {
    Map<String, Object> settings = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      settings.put((String) keyValues[i], keyValues[i + 1]);
    }
    return new ServiceDefinition(name, probe, settings, timeout, maxLatency, "test");
  }

  /**
   * The test class loader plus {@code probe-spi/}, whose
   * {@code META-INF/services/io.github.authenticity.core.probe.ServiceProbe} lists the example and the misbehaving
   * probes. It is not on the plain test class path, so that other tests of this module see the built-ins only.
   */
  static final ClassLoader WITH_TEST_PROBES = new java.net.URLClassLoader(
      new java.net.URL[] {ProbeFixtures.class.getClassLoader().getResource("probe-spi/")},
      ProbeFixtures.class.getClassLoader());

  /** Probes {@code service} alone through the real runner, with the test probes. */
  static ProbeResult probe(ServiceDefinition service) {
    return new Preflight(WITH_TEST_PROBES).probeAll(List.of(service)).get(service.name());
  }

  /** Waits for a test server's thread to end; keeps the interrupt flag. */
  static void joinQuietly(Thread thread, long millis) {
    try {
      thread.join(millis);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
  }

  /** A port on 127.0.0.1 that nothing listens on (bound, then closed). */
  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Fails, with how to start it, when nothing listens on 127.0.0.1:{@code port}. */
  static void requireRunning(int port, String what, String startCommand) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
    } catch (IOException ex) {
      throw new AssertionError(what + " is not running on 127.0.0.1:" + port + " (" + ex.getMessage()
          + "); these tests need it. Start it with: " + startCommand, ex);
    }
  }

  /** An in-process HTTP server on 127.0.0.1 with a thread per exchange (slow handlers do not queue). */
  static final class Http implements AutoCloseable {

    final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "test-http");
      thread.setDaemon(true);
      return thread;
    });

    Http() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
      server.setExecutor(executor);
      server.start();
    }

    int port() {
      return server.getAddress().getPort();
    }

    String url(String path) {
      return "http://127.0.0.1:" + port() + path;
    }

    /** Answers {@code path} with {@code status} and {@code body} after {@code delayMillis}. */
    Http route(String path, int status, String body, long delayMillis) {
      server.createContext(path, exchange -> {
        try {
          if (delayMillis > 0) {
            Thread.sleep(delayMillis);
          }
          respond(exchange, status, body);
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
        } finally {
          exchange.close();
        }
      });
      return this;
    }

    static void respond(HttpExchange exchange, int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }

    @Override
    public void close() {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  /** A server socket that accepts connections and never sends a byte. */
  static final class Silent implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> accepted = new ArrayList<>();
    private final Thread thread;

    Silent() throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      thread = new Thread(() -> {
        while (!server.isClosed()) {
          try {
            Socket socket = server.accept();
            synchronized (accepted) {
              accepted.add(socket);
            }
          } catch (IOException ex) {
            return;
          }
        }
      }, "test-silent-server");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      server.close();
      synchronized (accepted) {
        for (Socket socket : accepted) {
          socket.close();
        }
      }
      joinQuietly(thread, 1000);
    }
  }

  /** A server socket that answers every connection with {@code banner}, then closes it after a moment. */
  static final class Banner implements AutoCloseable {

    private final ServerSocket server;
    private final Thread thread;

    Banner(String banner) throws IOException {
      this(banner, null);
    }

    /** Over TLS when {@code tls} is given. */
    Banner(String banner, javax.net.ssl.SSLContext tls) throws IOException {
      server = tls == null ? new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
          : tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
      thread = new Thread(() -> {
        while (!server.isClosed()) {
          try (Socket socket = server.accept()) {
            socket.getOutputStream().write(banner.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.setSoTimeout(300);
            socket.getInputStream().read(new byte[4096]);
          } catch (IOException ex) {
            // next connection, or closed
          }
        }
      }, "test-banner-server");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      server.close();
      joinQuietly(thread, 2000);
    }
  }
}
