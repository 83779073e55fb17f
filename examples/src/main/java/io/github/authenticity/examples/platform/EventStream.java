package io.github.authenticity.examples.platform;

import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/** The WebSocket event stream: every subscriber of {@code /events} receives every agent event. */
final class EventStream extends WebSocketServer {

  static final String PATH = "/events";

  private final CountDownLatch started = new CountDownLatch(1);
  private volatile Exception startFailure;

  EventStream(InetSocketAddress address) {
    super(address);
    setReuseAddr(true);
    setDaemon(true);
    setConnectionLostTimeout(0);
  }

  void startAndWait() throws java.io.IOException {
    start();
    try {
      if (!started.await(10, TimeUnit.SECONDS)) {
        throw new java.io.IOException("The WebSocket event stream did not start within 10 s on [" + getAddress() + "]");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.IOException("Interrupted while starting the WebSocket event stream", e);
    }
    if (startFailure != null) {
      throw new java.io.IOException("The WebSocket event stream could not start on [" + getAddress() + "]",
          startFailure);
    }
  }

  @Override
  public void onOpen(WebSocket conn, ClientHandshake handshake) {
    if (!handshake.getResourceDescriptor().startsWith(PATH)) {
      conn.close(1008, "unknown path [" + handshake.getResourceDescriptor() + "]; subscribe to " + PATH);
      return;
    }
    conn.send("{\"type\":\"hello\",\"server\":\"demo-platform\"}");
  }

  @Override
  public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    // subscribers come and go
  }

  @Override
  public void onMessage(WebSocket conn, String message) {
    if (message.contains("\"ping\"")) {
      conn.send("{\"type\":\"pong\"}");
    }
  }

  @Override
  public void onError(WebSocket conn, Exception ex) {
    if (conn == null) {
      startFailure = ex;
      started.countDown();
    }
  }

  @Override
  public void onStart() {
    started.countDown();
  }

  void publish(String event) {
    broadcast(event);
  }
}
