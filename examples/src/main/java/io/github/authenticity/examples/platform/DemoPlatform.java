package io.github.authenticity.examples.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.concurrent.CountDownLatch;

import io.github.authenticity.examples.platform.PlatformOptions.Part;

/**
 * The demo platform the examples' E2E suite runs against: an HTTP API and a WebSocket event stream,
 * started in-process on free loopback ports (no install, no Docker).
 *
 * <p>HTTP API ({@link #backendUrl()}): {@code GET /health}, {@code GET /auth/health},
 * {@code POST /auth/login} (user {@value #USERNAME}, password {@value #PASSWORD}, issues a bearer token),
 * {@code POST /agents/{id}/runs} (starts an agent run: about half a second of hashing in five steps,
 * each step an event), {@code GET /runs/{id}}, {@code GET /exports/runs?format=json|csv}. Event stream
 * ({@link #eventsUrl()}): every subscriber of {@code /events} receives every agent event as JSON.
 *
 * <p>Any part can be started down or degraded with {@link PlatformOptions}, e.g.
 * {@code -Dexamples.outage=websocket} (the event stream's port stays closed), {@code -Dexamples.outage=auth}
 * (login hangs), {@code -Dexamples.degraded=backend} (every answer takes 1.5 s).
 */
public final class DemoPlatform implements AutoCloseable {

  /** The demo user. */
  public static final String USERNAME = ApiServer.USERNAME;

  /** The demo user's password. */
  public static final String PASSWORD = ApiServer.PASSWORD;

  private final PlatformOptions options;
  private final AgentRuns runs;
  private final ApiServer api;
  private final EventStream events;
  private final int eventsPort;
  private final int backendPort;

  private DemoPlatform(PlatformOptions options) throws IOException {
    this.options = options;
    InetAddress loopback = InetAddress.getLoopbackAddress();
    EventStream stream = null;
    int port;
    if (options.isDown(Part.WEBSOCKET)) {
      port = freePort(loopback);
    } else {
      stream = new EventStream(new InetSocketAddress(loopback, 0));
      stream.startAndWait();
      port = stream.getPort();
    }
    this.events = stream;
    this.eventsPort = port;
    EventStream publishTo = stream;
    this.runs = new AgentRuns(event -> {
      if (publishTo != null) {
        publishTo.publish(event);
      }
    });
    ApiServer server = null;
    if (!options.isDown(Part.BACKEND)) {
      server = new ApiServer(new InetSocketAddress(loopback, 0), options, runs);
    }
    this.api = server;
    this.backendPort = server != null ? server.port() : freePort(loopback);
  }

  /** Starts the platform with {@code options}. */
  public static DemoPlatform start(PlatformOptions options) throws IOException {
    return new DemoPlatform(options);
  }

  /** The base URL of the HTTP API, e.g. {@code http://127.0.0.1:40123}. */
  public URI backendUrl() {
    return URI.create("http://127.0.0.1:" + backendPort);
  }

  /** The URL of the event stream, e.g. {@code ws://127.0.0.1:40124/events}. */
  public URI eventsUrl() {
    return URI.create("ws://127.0.0.1:" + eventsPort + EventStream.PATH);
  }

  /** The outages and degradations it was started with. */
  public PlatformOptions options() {
    return options;
  }

  @Override
  public void close() {
    if (api != null) {
      api.close();
    }
    runs.close();
    if (events != null) {
      try {
        events.stop(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A loopback port nobody listens on (it was free a moment ago). */
  static int freePort(InetAddress address) throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, address)) {
      return socket.getLocalPort();
    }
  }

  /**
   * Runs the platform until interrupted, e.g.
   * {@code java -Dexamples.outage=websocket -cp ... io.github.authenticity.examples.platform.DemoPlatform}.
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    DemoPlatform platform = start(PlatformOptions.fromSystemProperties());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      platform.close();
      stopped.countDown();
    }));
    System.out.println("Demo platform up (" + platform.options() + ")");
    System.out.println("  HTTP API:     " + platform.backendUrl() + "  (try " + platform.backendUrl() + "/health)");
    System.out.println("  event stream: " + platform.eventsUrl());
    System.out.println("  login:        " + USERNAME + " / " + PASSWORD);
    System.out.println("Press Ctrl-C to stop.");
    stopped.await();
  }
}
