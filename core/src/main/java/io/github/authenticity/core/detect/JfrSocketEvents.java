package io.github.authenticity.core.detect;

import java.time.Duration;

import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.RecordingState;
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
    startOnDaemonThread();
  }

  /**
   * {@code startAsync()} streams on a non-daemon thread, which would keep a test JVM alive after its
   * last test (measured on JDK 17 and 25): stream on a daemon thread instead, and return once the
   * recording runs, so no I/O of the first test is missed.
   */
  private void startOnDaemonThread() {
    long before = runningRecordings();
    Throwable[] failure = new Throwable[1];
    Thread thread = new Thread(() -> {
      try {
        stream.start();
      } catch (RuntimeException | Error ex) {
        failure[0] = ex;
      }
    }, "authenticity-jfr-stream");
    thread.setDaemon(true);
    thread.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (runningRecordings() <= before) {
      if (failure[0] != null || !thread.isAlive() || System.nanoTime() > deadline) {
        stream.close();
        throw new IllegalStateException("the JFR recording did not start" + (failure[0] == null ? " within 15 s"
            : ": " + failure[0]), failure[0]);
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the JFR recording started", ex);
      }
    }
  }

  private static long runningRecordings() {
    if (!FlightRecorder.isInitialized()) {
      return 0;
    }
    return FlightRecorder.getFlightRecorder().getRecordings().stream()
        .filter(recording -> recording.getState() == RecordingState.RUNNING).count();
  }

  private static void socket(InteractionMonitor monitor, RecordedEvent event, String bytesField) {
    RecordedThread thread = event.getThread();
    monitor.onSocket(thread == null ? -1 : thread.getJavaThreadId(), thread == null ? null : thread.getJavaName(),
        event.getEndTime(), event.getString("address"),
        event.getInt("port"), event.getLong(bytesField), bytesField.equals("bytesRead"));
  }

  /** Ends the recording and its stream. */
  void close() {
    stream.close();
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
