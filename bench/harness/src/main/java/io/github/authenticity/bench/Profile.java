package io.github.authenticity.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU time of a child JVM goes, from a JFR recording of its execution samples
 * ({@code jdk.ExecutionSample}, every 2 ms per running Java thread): samples per thread, the share of
 * the main thread's samples with an Authenticity frame on the stack, and the top methods, inclusive
 * (on the stack) and self (top frame). Counting samples, not wall time, keeps it meaningful on a
 * loaded machine.
 */
final class Profile {

  private static final String OURS = "io.github.authenticity.";
  private static final String BENCH = "io.github.authenticity.bench.";

  private Profile() {
  }

  /** JFR settings: execution samples every 2 ms, nothing else (so the recording itself costs little). */
  static Path settings(Path directory) {
    Path file = directory.resolve("bench-profile.jfc");
    try {
      Files.createDirectories(directory);
      Files.writeString(file, """
          <?xml version="1.0" encoding="UTF-8"?>
          <configuration version="2.0" label="bench-profile">
            <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">2 ms</setting></event>
            <event name="jdk.NativeMethodSample"><setting name="enabled">true</setting><setting name="period">20 ms</setting></event>
            <event name="jdk.ThreadPark"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">2 ms</setting></event>
            <event name="jdk.ThreadSleep"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">2 ms</setting></event>
            <event name="jdk.JavaMonitorWait"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">2 ms</setting></event>
            <event name="jdk.JavaMonitorEnter"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">2 ms</setting></event>
            <event name="jdk.FileWrite"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">2 ms</setting></event>
            <event name="jdk.FileForce"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">0 ms</setting></event>
            <event name="jdk.GarbageCollection"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
          </configuration>
          """, StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return file;
  }

  /** A Markdown summary of one recording: thread shares, our share of main, top methods. */
  static String summarize(String label, Path recording, int top) {
    Map<String, Integer> byThread = new HashMap<>();
    Map<String, Integer> inclusive = new HashMap<>();
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> firstOurs = new HashMap<>();
    Map<String, double[]> waits = new HashMap<>();
    double gcMillis = 0;
    int gcs = 0;
    int main = 0;
    int mainOurs = 0;
    int total = 0;
    try (RecordingFile file = new RecordingFile(recording)) {
      while (file.hasMoreEvents()) {
        RecordedEvent event = file.readEvent();
        String type = event.getEventType().getName();
        if (type.equals("jdk.GarbageCollection")) {
          gcs++;
          gcMillis += event.getDuration().toNanos() / 1e6;
          continue;
        }
        if (!type.equals("jdk.ExecutionSample")) {
          if (event.getThread() != null && "main".equals(event.getThread().getJavaName())) {
            String where = type.substring(4) + " in " + innermostOurs(event.getStackTrace());
            double[] w = waits.computeIfAbsent(where, k -> new double[2]);
            w[0]++;
            w[1] += event.getDuration().toNanos() / 1e6;
          }
          continue;
        }
        total++;
        String thread = event.getThread("sampledThread") == null ? "?"
            : event.getThread("sampledThread").getJavaName();
        byThread.merge(thread, 1, Integer::sum);
        if (!"main".equals(thread)) {
          continue;
        }
        main++;
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
          continue;
        }
        List<RecordedFrame> frames = stack.getFrames();
        self.merge(name(frames.get(0)), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        String outermostOurs = null;
        for (RecordedFrame frame : frames) {
          String name = name(frame);
          if (seen.add(name)) {
            inclusive.merge(name, 1, Integer::sum);
          }
          if (name.startsWith(OURS) && !name.startsWith(BENCH)) {
            outermostOurs = name;
          }
        }
        if (outermostOurs != null) {
          mainOurs++;
          firstOurs.merge(outermostOurs, 1, Integer::sum);
        }
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot read the recording [" + recording + "]: " + ex.getMessage(), ex);
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "### %s (%s)%n%n", label, recording.getFileName()));
    out.append(String.format(Locale.ROOT, "%d execution samples (every 2 ms of a running Java thread); by thread: %s%n%n",
        total, top(byThread, 6, total)));
    out.append(String.format(Locale.ROOT, "main thread: %d samples, %d (%.1f%%) with an Authenticity frame on the "
        + "stack%n%n", main, mainOurs, percent(mainOurs, main)));
    out.append(String.format(Locale.ROOT, "Garbage collections: %d, %.0f ms in total (pauses and concurrent phases as JFR "
        + "reports them)%n%n", gcs, gcMillis));
    out.append("Waits of the main thread of 2 ms or more (park, sleep, monitor, file write), by the innermost Authenticity "
        + "frame:\n\n| count | ms | what, where |\n|---:|---:|---|\n");
    waits.entrySet().stream().sorted((x, y) -> Double.compare(y.getValue()[1], x.getValue()[1])).limit(12)
        .forEach(e -> out.append(String.format(Locale.ROOT, "| %.0f | %.0f | `%s` |%n", e.getValue()[0],
            e.getValue()[1], e.getKey())));
    out.append('\n');
    out.append("Outermost Authenticity frame (where our share of main enters our code):\n\n");
    table(out, firstOurs, top, main);
    out.append("Inclusive (method anywhere on main's stack), Authenticity and JDK methods:\n\n");
    Map<String, Integer> interesting = inclusive.entrySet().stream()
        .filter(e -> !e.getKey().startsWith("org.junit.") && !e.getKey().startsWith(BENCH)
            && !e.getKey().startsWith("java.lang.Thread.run") && !e.getKey().startsWith("bench."))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    table(out, interesting, top, main);
    out.append("Self (top frame) on main:\n\n");
    table(out, self, top, main);
    return out.toString();
  }

  private static void table(StringBuilder out, Map<String, Integer> counts, int top, int of) {
    out.append("| samples | % of main | method |\n|---:|---:|---|\n");
    counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
        .forEach(e -> out.append(String.format(Locale.ROOT, "| %d | %.1f%% | `%s` |%n", e.getValue(),
            percent(e.getValue(), of), e.getKey())));
    out.append('\n');
  }

  private static String top(Map<String, Integer> counts, int limit, int of) {
    Map<String, Integer> sorted = new LinkedHashMap<>();
    counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    List<String> parts = new ArrayList<>();
    sorted.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%s %d (%.0f%%)", k, v, percent(v, of))));
    return String.join(", ", parts);
  }

  private static double percent(int part, int of) {
    return of == 0 ? 0 : 100.0 * part / of;
  }

  private static String innermostOurs(RecordedStackTrace stack) {
    if (stack == null) {
      return "?";
    }
    for (RecordedFrame frame : stack.getFrames()) {
      String name = name(frame);
      if (name.startsWith(OURS)) {
        return name + ":" + frame.getLineNumber();
      }
    }
    return stack.getFrames().isEmpty() ? "?" : "(JUnit/JDK) " + name(stack.getFrames().get(0));
  }

  private static String name(RecordedFrame frame) {
    RecordedMethod method = frame.getMethod();
    if (method == null) {
      return "?";
    }
    return method.getType().getName() + "." + method.getName();
  }
}
