package io.github.authenticity.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.authenticity.examples.client.PlatformClient;
import io.github.authenticity.junit.RequiresRealService;

/**
 * The event stream itself, through a plain Java-WebSocket client: this class declares the websocket; the
 * test that also logs in and starts a run declares the backend and auth it uses (each required service is
 * proven on its own).
 */
@RequiresRealService("websocket")
class EventStreamE2ETests {

  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

  @AfterEach
  void disconnect() throws InterruptedException {
    for (Subscriber subscriber : subscribers) {
      subscriber.closeBlocking();
    }
  }

  @Test
  void everySubscriberIsGreeted() throws Exception {
    Subscriber subscriber = subscribe();

    assertThat(subscriber.greeted.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(subscriber.messages).first().isEqualTo("{\"type\":\"hello\",\"server\":\"demo-platform\"}");
  }

  @Test
  @RequiresRealService({"backend", "auth"})
  void twoSubscribersSeeTheSameRun() throws Exception {
    Subscriber first = subscribe();
    Subscriber second = subscribe();
    PlatformClient client = Platform.client();
    client.login(Platform.USERNAME, Platform.PASSWORD);

    String runId = client.startRun("watcher", "watch the stream");

    assertThat(first.completed.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(second.completed.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(first.messages).filteredOn(m -> m.contains("\"runId\":\"" + runId + "\"")).hasSize(7)
        .isEqualTo(second.messages.stream().filter(m -> m.contains("\"runId\":\"" + runId + "\"")).toList());
  }

  private Subscriber subscribe() throws InterruptedException {
    Subscriber subscriber = new Subscriber(Platform.eventsUrl());
    subscribers.add(subscriber);
    assertThat(subscriber.connectBlocking(5, TimeUnit.SECONDS))
        .as("connected to the event stream at %s", Platform.eventsUrl()).isTrue();
    return subscriber;
  }

  private static final class Subscriber extends WebSocketClient {
    final List<String> messages = new CopyOnWriteArrayList<>();
    final CountDownLatch greeted = new CountDownLatch(1);
    final CountDownLatch completed = new CountDownLatch(1);

    Subscriber(URI url) {
      super(url);
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
    }

    @Override
    public void onMessage(String message) {
      messages.add(message);
      if (message.contains("\"hello\"")) {
        greeted.countDown();
      } else if (message.contains("\"run.completed\"")) {
        completed.countDown();
      }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
    }

    @Override
    public void onError(Exception ex) {
    }
  }
}
