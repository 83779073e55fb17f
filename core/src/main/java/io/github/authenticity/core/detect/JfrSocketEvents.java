package io.github.authenticity.core.detect;

import java.time.Duration;

import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;

/** The in-process JFR stream of socket and thread-start events; only loaded when {@code jdk.jfr} exists. */
final class JfrSocketEvents {

  private final RecordingStream stream;

  JfrSocketEvents(InteractionMonitor monitor) {
    stream = new RecordingStream();
    stream.setMaxAge(Duration.ofSeconds(10));
    stream.enable("jdk.SocketRead").withThreshold(Duration.ZERO).withoutStackTrace();
    stream.enable("jdk.SocketWrite").withThreshold(Duration.ZERO).withoutStackTrace();
    stream.enable("jdk.ThreadStart").withoutStackTrace();
    stream.enable(TestStart.class);
    stream.enable(TestEnd.class);
    stream.onEvent("jdk.SocketRead", event -> socket(monitor, event, "bytesRead"));
    stream.onEvent("jdk.SocketWrite", event -> socket(monitor, event, "bytesWritten"));
    stream.onEvent("jdk.ThreadStart", event -> {
      RecordedThread parent = event.hasField("parentThread") ? event.getThread("parentThread") : null;
      RecordedThread child = event.getThread("thread");
      if (parent != null && child != null) {
        monitor.onThreadStart(parent.getJavaThreadId(), child.getJavaThreadId(), event.getStartTime());
      }
    });
    stream.onEvent(TestStart.NAME, event -> monitor.onWindowStart(event.getLong("token"), event.getEndTime()));
    stream.onEvent(TestEnd.NAME, event -> monitor.onMarker(event.getLong("token"), event.getEndTime()));
    stream.onFlush(monitor::onFlush);
    stream.startAsync();
  }

  private static void socket(InteractionMonitor monitor, RecordedEvent event, String bytesField) {
    RecordedThread thread = event.getThread();
    monitor.onSocket(thread == null ? -1 : thread.getJavaThreadId(), thread == null ? null : thread.getJavaName(),
        event.getEndTime(), event.getString("address"),
        event.getInt("port"), event.getLong(bytesField));
  }

  /** Commits the marker that says the test with {@code token} started. */
  void begin(long token) {
    TestStart event = new TestStart();
    event.token = token;
    event.commit();
  }

  /** Commits the marker that says the test with {@code token} ended. */
  void mark(long token) {
    TestEnd event = new TestEnd();
    event.token = token;
    event.commit();
  }

  /** Committed by the test thread when a guarded test body starts: the window's start in JFR's clock. */
  @Name(TestStart.NAME)
  @Label("Authenticity test start")
  @Category("Authenticity")
  @StackTrace(false)
  static final class TestStart extends Event {

    static final String NAME = "io.github.authenticity.TestStart";

    @Label("Token")
    long token;
  }

  /** Committed by the test thread when a guarded test ends: its delivery means every earlier event was delivered. */
  @Name(TestEnd.NAME)
  @Label("Authenticity test end")
  @Category("Authenticity")
  @StackTrace(false)
  static final class TestEnd extends Event {

    static final String NAME = "io.github.authenticity.TestEnd";

    @Label("Token")
    long token;
  }
}
