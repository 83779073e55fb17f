package io.github.authenticity.core.detect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.authenticity.core.json.Json;
import org.apiguardian.api.API;

/**
 * The durations of the last {@value #KEEP} authentic runs of each guarded test, kept in a small JSON file
 * ({@code authenticity.history}, default {@code target/authenticity/history.json}):
 * <pre>{"schemaVersion":1,"tests":{"[engine:junit-jupiter]/[class:...]/[method:...]":[1210,1184,1302]}}</pre>
 *
 * <p>Only authentic runs are recorded (a masked run must not teach the history that masked is normal).
 * Several forks may write it at once: each write takes an exclusive lock on the sidecar
 * {@code history.json.lock}, re-reads the file, merges, writes a temporary file and moves it into place
 * atomically, so a reader never sees a half-written file. A file that cannot be read is treated as empty
 * (and rewritten), never as an error that fails tests.
 *
 * <p>For CI: {@code target/} is usually cleaned, so the history only helps within one workspace unless
 * the file is kept between builds, e.g. cache {@code target/authenticity/history.json} (GitHub Actions
 * {@code actions/cache} keyed on the branch) or point {@code -Dauthenticity.history=} at a cached path.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class History {

  /** How many authentic durations are kept per test. */
  public static final int KEEP = 10;
  private static final Map<Path, History> OPEN = new ConcurrentHashMap<>();
  private static final java.util.concurrent.atomic.AtomicBoolean SHUTDOWN_HOOK =
      new java.util.concurrent.atomic.AtomicBoolean();

  private final Path file;
  private final Object lock = new Object();
  private Map<String, List<Long>> snapshot;
  private final Map<String, List<Long>> pending = new LinkedHashMap<>();
  private boolean written;

  private History(Path file) {
    this.file = file;
  }

  /** The history kept in {@code file} (one instance per file and JVM). */
  public static History of(Path file) {
    return OPEN.computeIfAbsent(file.toAbsolutePath().normalize(), path -> {
      if (SHUTDOWN_HOOK.compareAndSet(false, true)) {
        // runs without the listener (e.g. EngineTestKit) still keep their history
        Runtime.getRuntime().addShutdownHook(new Thread(History::flushAll, "authenticity-history"));
      }
      return new History(path);
    });
  }

  /** The durations in milliseconds of the last authentic runs of {@code uniqueId} before this JVM's writes, oldest first. */
  public List<Long> authenticRuns(String uniqueId) {
    synchronized (lock) {
      if (snapshot == null) {
        snapshot = read();
      }
      return snapshot.getOrDefault(uniqueId, List.of());
    }
  }

  /**
   * Records an authentic run of {@code uniqueId} that took {@code duration}. The first record of a JVM is
   * written at once (so an unwritable file is reported by the first authentic test); later ones are kept in
   * memory and written by {@link #flush()}, which the listener calls when the test plan finishes and a
   * shutdown hook calls otherwise: one write per run instead of one per test (a suite of 5,000 tests
   * rewrote the file 5,000 times).
   *
   * @throws UncheckedIOException when the file or its lock cannot be written, naming the file
   */
  public void recordAuthentic(String uniqueId, Duration duration) {
    boolean first;
    synchronized (lock) {
      if (snapshot == null) {
        snapshot = read();
      }
      pending.computeIfAbsent(uniqueId, id -> new ArrayList<>()).add(duration.toMillis());
      first = !written;
      written = true;
    }
    if (first) {
      flush();
    }
  }

  /**
   * Writes the runs recorded since the last flush, merged with what other JVMs wrote meanwhile.
   *
   * @throws UncheckedIOException when the file or its lock cannot be written, naming the file
   */
  @SuppressWarnings("try") // the lock is held for the block, never referenced
  public void flush() {
    synchronized (lock) {
      if (pending.isEmpty()) {
        return;
      }
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock ignored = channel.lock()) {
          Map<String, List<Long>> current = read();
          for (Map.Entry<String, List<Long>> entry : pending.entrySet()) {
            List<Long> runs = new ArrayList<>(current.getOrDefault(entry.getKey(), List.of()));
            runs.addAll(entry.getValue());
            while (runs.size() > KEEP) {
              runs.remove(0);
            }
            current.put(entry.getKey(), runs);
          }
          Map<String, Object> document = new LinkedHashMap<>();
          document.put("schemaVersion", 1);
          document.put("tests", current);
          Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName() + ".", ".tmp");
          try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            // no fsync: a history lost in a crash is an empty one, and every authentic test would pay for it
            out.write(ByteBuffer.wrap((Json.write(document) + "\n").getBytes(StandardCharsets.UTF_8)));
          }
          try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          } catch (AtomicMoveNotSupportedException ex) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      } catch (IOException ex) {
        String what = pending.size() == 1
            ? "the authentic run of [" + pending.keySet().iterator().next() + "]"
            : pending.size() + " tests' authentic runs";
        throw new UncheckedIOException("Could not record " + what + " in the history file [" + file + "]: "
            + ex.getMessage() + ". Check that the directory is writable, or set authenticity.history to another file.",
            ex);
      } finally {
        pending.clear();
      }
    }
  }

  /** Flushes every history this JVM opened; returns the problems, one line each (never throws). */
  public static List<String> flushAll() {
    List<String> problems = new ArrayList<>();
    for (History history : OPEN.values()) {
      try {
        history.flush();
      } catch (UncheckedIOException ex) {
        problems.add(ex.getMessage());
      }
    }
    return problems;
  }

  private Map<String, List<Long>> read() {
    Map<String, List<Long>> result = new LinkedHashMap<>();
    if (!Files.isRegularFile(file)) {
      return result;
    }
    try {
      Object tests = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8)).get("tests");
      if (tests instanceof Map<?, ?> map) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          if (entry.getValue() instanceof List<?> list) {
            List<Long> runs = new ArrayList<>();
            for (Object item : list) {
              if (item instanceof Number number) {
                runs.add(number.longValue());
              }
            }
            result.put(String.valueOf(entry.getKey()), runs);
          }
        }
      }
    } catch (IOException | RuntimeException ex) {
      // an unreadable history is an empty one: it only ever makes TOO_FAST stricter to have one
    }
    return result;
  }
}
