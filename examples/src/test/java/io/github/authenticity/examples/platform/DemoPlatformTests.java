package io.github.authenticity.examples.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.Test;

import io.github.authenticity.examples.platform.PlatformOptions.Part;

class DemoPlatformTests {

  @Test
  void healthAnswersUpOnALoopbackPort() throws IOException {
    try (DemoPlatform platform = DemoPlatform.start(PlatformOptions.healthy())) {
      assertThat(platform.backendUrl().getHost()).isEqualTo("127.0.0.1");
      Answer answer = call(platform.backendUrl(), "GET", "/health", null, null, 2000);
      assertThat(answer.status).isEqualTo(200);
      assertThat(answer.body).isEqualTo("{\"status\":\"UP\"}");
    }
  }

  @Test
  void loginIssuesATokenThatOpensTheApiAndRejectsAWrongPassword() throws IOException {
    try (DemoPlatform platform = DemoPlatform.start(PlatformOptions.healthy())) {
      URI url = platform.backendUrl();
      assertThat(call(url, "POST", "/auth/login", "{\"username\":\"demo\",\"password\":\"nope\"}", null, 2000).status)
          .isEqualTo(401);
      assertThat(call(url, "GET", "/exports/runs", null, null, 2000).status).isEqualTo(401);
      String token = login(url);
      Answer export = call(url, "GET", "/exports/runs?format=csv", null, token, 2000);
      assertThat(export.status).isEqualTo(200);
      assertThat(export.body).isEqualTo("runId,agentId,task,status,steps,iterations,digest,durationMillis\n");
      assertThat(call(url, "GET", "/exports/runs?format=xml", null, token, 2000).body)
          .isEqualTo("{\"error\":\"unknown format [xml]; use json or csv\"}");
    }
  }

  @Test
  void anAgentRunComputesForHalfASecondAndStreamsItsEvents() throws Exception {
    try (DemoPlatform platform = DemoPlatform.start(PlatformOptions.healthy())) {
      List<String> messages = new CopyOnWriteArrayList<>();
      CountDownLatch completed = new CountDownLatch(1);
      WebSocketClient subscriber = new WebSocketClient(platform.eventsUrl()) {
        @Override
        public void onOpen(ServerHandshake handshake) {
        }

        @Override
        public void onMessage(String message) {
          messages.add(message);
          if (message.contains("run.completed")) {
            completed.countDown();
          }
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
        }

        @Override
        public void onError(Exception ex) {
        }
      };
      assertThat(subscriber.connectBlocking(2, TimeUnit.SECONDS)).isTrue();
      try {
        String token = login(platform.backendUrl());
        long start = System.nanoTime();
        Answer started = call(platform.backendUrl(), "POST", "/agents/planner/runs", "{\"task\":\"plan\"}", token, 2000);
        assertThat(started.status).isEqualTo(202);
        assertThat(started.body).isEqualTo("{\"runId\":\"run-1\",\"agentId\":\"planner\",\"status\":\"RUNNING\"}");
        assertThat(completed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(messages.get(0)).isEqualTo("{\"type\":\"hello\",\"server\":\"demo-platform\"}");
        assertThat(messages.stream().map(m -> JsonText.flatObject(m).get("type")))
            .containsExactly("hello", "run.started", "run.step", "run.step", "run.step", "run.step", "run.step",
                "run.completed");
        Map<String, String> run = JsonText.flatObject(call(platform.backendUrl(), "GET", "/runs/run-1", null, token, 2000).body);
        assertThat(run).containsEntry("status", "COMPLETED").containsEntry("agentId", "planner");
        assertThat(Long.parseLong(run.get("durationMillis"))).isGreaterThanOrEqualTo(500);
      } finally {
        subscriber.closeBlocking();
      }
    }
  }

  @Test
  void aWebsocketOutageLeavesTheEventPortClosed() throws IOException {
    try (DemoPlatform platform = DemoPlatform.start(PlatformOptions.healthy().withOutage(Part.WEBSOCKET))) {
      URI events = platform.eventsUrl();
      assertThatThrownBy(() -> new Socket(events.getHost(), events.getPort()).close())
          .isInstanceOf(ConnectException.class);
      assertThat(call(platform.backendUrl(), "GET", "/health", null, null, 2000).status).isEqualTo(200);
    }
  }

  @Test
  void anAuthOutageMakesLoginHangWhileHealthStillAnswers() throws IOException {
    try (DemoPlatform platform = DemoPlatform.start(PlatformOptions.healthy().withOutage(Part.AUTH))) {
      assertThatThrownBy(() -> call(platform.backendUrl(), "POST", "/auth/login",
          "{\"username\":\"demo\",\"password\":\"demo-password\"}", null, 500))
          .isInstanceOf(SocketTimeoutException.class);
      assertThat(call(platform.backendUrl(), "GET", "/health", null, null, 2000).status).isEqualTo(200);
    }
  }

  @Test
  void aDegradedBackendAnswersSlowly() throws IOException {
    PlatformOptions options = new PlatformOptions(Set.of(), Set.of(Part.BACKEND), Duration.ofMillis(300));
    try (DemoPlatform platform = DemoPlatform.start(options)) {
      long start = System.nanoTime();
      assertThat(call(platform.backendUrl(), "GET", "/health", null, null, 2000).status).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
  }

  @Test
  void anUnknownPartIsRejectedWithTheAllowedNames() {
    assertThatThrownBy(() -> PlatformOptions.parse("examples.outage", "websocket,redis"))
        .hasMessage("System property [examples.outage] names an unknown part [redis]; use a comma-separated list of "
            + "backend, auth, websocket");
    assertThat(PlatformOptions.parse("examples.outage", " websocket , AUTH ")).containsOnly(Part.WEBSOCKET, Part.AUTH);
  }

  static String login(URI url) throws IOException {
    Answer answer = call(url, "POST", "/auth/login", "{\"username\":\"demo\",\"password\":\"demo-password\"}", null, 2000);
    assertThat(answer.status).isEqualTo(200);
    return JsonText.flatObject(answer.body).get("token");
  }

  static Answer call(URI base, String method, String path, String body, String token, int timeoutMillis)
      throws IOException {
    HttpURLConnection connection = (HttpURLConnection) base.resolve(path).toURL().openConnection();
    connection.setRequestMethod(method);
    connection.setConnectTimeout(timeoutMillis);
    connection.setReadTimeout(timeoutMillis);
    if (token != null) {
      connection.setRequestProperty("Authorization", "Bearer " + token);
    }
    try {
      if (body != null) {
        connection.setDoOutput(true);
        connection.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
      }
      int status = connection.getResponseCode();
      var in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      return new Answer(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } finally {
      connection.disconnect();
    }
  }

  record Answer(int status, String body) {
  }
}
