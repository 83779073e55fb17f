package io.github.authenticity.examples.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/** The real subscription: a Java-WebSocket client connected to the platform's event stream. */
final class RealWebSocketManager implements WebSocketManager {

  private final Client client;
  private final List<AgentEvent> events = new ArrayList<>();

  private RealWebSocketManager(URI url) {
    this.client = new Client(url);
  }

  /** Connects, or throws with the reason the connection could not be opened. */
  static RealWebSocketManager connect(URI url, Duration timeout) throws java.io.IOException, InterruptedException {
    RealWebSocketManager manager = new RealWebSocketManager(url);
    if (!manager.client.connectBlocking(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      Exception error = manager.client.error;
      manager.client.close();
      String reason = error != null ? error.getMessage() : "no handshake within " + timeout.toMillis() + " ms";
      throw new java.io.IOException(reason + " (" + url + ")", error);
    }
    return manager;
  }

  @Override
  public List<AgentEvent> awaitRun(String runId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (events) {
      while (true) {
        List<AgentEvent> ofRun = events.stream().filter(e -> e.runId().equals(runId)).toList();
        if (!ofRun.isEmpty() && ofRun.get(ofRun.size() - 1).isTerminal()) {
          return ofRun;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException("Run [" + runId + "] did not end within " + timeout.toMillis()
              + " ms; events so far: " + ofRun);
        }
        TimeUnit.NANOSECONDS.timedWait(events, left);
      }
    }
  }

  @Override
  public List<AgentEvent> received() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  @Override
  public void close() {
    try {
      client.closeBlocking();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Client extends WebSocketClient {
    volatile Exception error;

    Client(URI url) {
      super(url);
      setConnectionLostTimeout(0);
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
      // the server greets us with a hello event
    }

    @Override
    public void onMessage(String message) {
      synchronized (events) {
        events.add(AgentEvent.parse(message));
        events.notifyAll();
      }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
      synchronized (events) {
        events.notifyAll();
      }
    }

    @Override
    public void onError(Exception ex) {
      error = ex;
    }
  }
}
