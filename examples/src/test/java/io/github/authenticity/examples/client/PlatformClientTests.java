package io.github.authenticity.examples.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.authenticity.examples.platform.DemoPlatform;
import io.github.authenticity.examples.platform.PlatformOptions.Part;
import io.github.authenticity.examples.platform.PlatformOptions;

class PlatformClientTests {

  private final Logger logger = Logger.getLogger(PlatformClient.class.getName());
  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logged.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  @BeforeEach
  void captureLog() {
    logger.addHandler(capture);
  }

  @AfterEach
  void releaseLog() {
    logger.removeHandler(capture);
  }

  @Test
  void streamsTheRealEventsOfARun() throws Exception {
    try (DemoPlatform platform = DemoPlatform.start(PlatformOptions.healthy())) {
      PlatformClient client = new PlatformClient(platform.backendUrl(), platform.eventsUrl());
      client.login(DemoPlatform.USERNAME, DemoPlatform.PASSWORD);
      try (WebSocketManager events = client.events()) {
        assertThat(events).isNotInstanceOf(MockWebSocketManager.class);
        String runId = client.startRun("planner", "plan a trip");
        List<AgentEvent> run = events.awaitRun(runId, Duration.ofSeconds(5));
        assertThat(run).extracting(AgentEvent::type).containsExactly("run.started", "run.step", "run.step",
            "run.step", "run.step", "run.step", "run.completed");
        assertThat(run.get(6).fields().get("digest")).isEqualTo(client.run(runId).get("digest")).hasSize(64);
      }
      assertThat(logged).isEmpty();
    }
  }

  @Test
  void fallsBackToTheMockAndLogsAWarningWhenTheEventPortIsClosed() throws Exception {
    try (DemoPlatform platform = DemoPlatform.start(PlatformOptions.healthy().withOutage(Part.WEBSOCKET))) {
      PlatformClient client = new PlatformClient(platform.backendUrl(), platform.eventsUrl());
      long start = System.nanoTime();
      try (WebSocketManager events = client.events()) {
        assertThat(events).isInstanceOf(MockWebSocketManager.class);
        List<AgentEvent> run = events.awaitRun("run-42", Duration.ofSeconds(5));
        assertThat(run).extracting(AgentEvent::type).endsWith("run.completed");
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
      assertThat(logged).hasSize(1);
      assertThat(logged.get(0).getLevel()).isEqualTo(Level.WARNING);
      assertThat(logged.get(0).getMessage()).isEqualTo("Using MockWebSocketManager due to connection failure: "
          + "Connection refused (" + platform.eventsUrl() + ")");
    }
  }

  @Test
  void fallsBackToAStubTokenAndLogsAWarningWhenLoginHangs() throws Exception {
    try (DemoPlatform platform = DemoPlatform.start(PlatformOptions.healthy().withOutage(Part.AUTH))) {
      PlatformClient client = new PlatformClient(platform.backendUrl(), platform.eventsUrl(), Duration.ofMillis(300));
      assertThat(client.login(DemoPlatform.USERNAME, DemoPlatform.PASSWORD)).isEqualTo(PlatformClient.STUB_TOKEN);
      assertThat(logged).extracting(LogRecord::getLevel, LogRecord::getMessage)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(Level.WARNING, "Auth timed out, falling back to stub token"));
    }
  }
}
