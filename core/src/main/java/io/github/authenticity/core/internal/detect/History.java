package io.github.authenticity.core.internal.detect;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.apiguardian.api.API;

/**
 * The durations of the last {@value #KEEP} authentic runs of each guarded test, kept in a small JSON file
 * ({@code authenticity.history}, default {@code .authenticity/history.json} in the working directory, which is the module's
 * base directory under Maven and Gradle):
 * <pre>{"schemaVersion":1,"tests":{"[engine:junit-jupiter]/[class:...]/[method:...]":[1210,1184,1302]}}</pre>
 *
 * <p>The default folder is outside {@code target/} and {@code build/}, so {@code mvn clean} and
 * {@code gradle clean} leave it alone, as they leave pytest's {@code .pytest_cache} and jqwik's
 * {@code .jqwik-database}; like pytest, the folder names itself in a {@code .gitignore} of its own, so it is
 * never committed.
 *
 * <p>Only authentic runs are recorded (a masked run must not teach the history that masked is normal).
 * Several forks, modules or builds may write it at once: each write takes an exclusive lock on the sidecar
 * {@code history.json.lock}, re-reads the file, merges, writes a temporary file and moves it into place
 * atomically, so a reader never sees a half-written file. A file that cannot be read is treated as empty
 * (and rewritten), never as an error that fails tests.
 *
 * <p>A {@link HistoryBaseline baseline} (earlier reports, {@code authenticity.history.baseline}) fills the
 * gaps: a test without any run in this file is compared with the baseline's runs, and those runs are written
 * into the file with its first own run, so a fresh CI checkout still has a history.
 *
 * <p>Over 300 lines because it is the one owner of the history file: its format, and a write that stays safe with
 * several forks and builds at once (lock, re-read, merge, atomic move); split, the file's rules would be in two places.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class History {

  /** How many authentic durations are kept per test. */
  public static final int KEEP = 10;
  /** The folder name whose {@code .gitignore} the history writes itself. */
  static final String OWN_FOLDER = ".authenticity";

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final Map<Path, History> OPEN = new ConcurrentHashMap<>();
  private static final AtomicBoolean SHUTDOWN_HOOK = new AtomicBoolean();

  private final Path file;
  private final Object lock = new Object();
  private volatile HistoryBaseline baseline = HistoryBaseline.NONE;
  private Map<String, List<Long>> snapshot;
  /**
   * What the file held when this JVM last read or wrote it, and the file's identity then ({@link FileState}): a flush
   * that finds the same file merges into this copy instead of parsing the file again (a 5,000-test history is about
   * half a megabyte: parsing it cold was a third of the history's cost in the bench profile).
   */
  private Map<String, List<Long>> lastContent;
  private FileState lastState;
  private Map<String, List<Long>> baselineRuns;
  private final Map<String, List<Long>> pending = new LinkedHashMap<>();
  private boolean written;
  /** Why the file, as last read, was not a readable history ({@code null}: it was, or there was none). */
  private String unreadable;
  private boolean replacedNoticed;
  private final List<String> notices = new ArrayList<>();

  private History(Path file) {
    this.file = file;
  }

  /** The history kept in {@code file} (one instance per file and JVM), without a baseline. */
  public static History of(Path file) {
    return of(file, HistoryBaseline.NONE);
  }

  /**
   * The history kept in {@code file} (one instance per file and JVM), its gaps filled from {@code baseline}
   * (the first non-empty baseline given for the file in this JVM counts).
   */
  public static History of(Path file, HistoryBaseline baseline) {
    History history = OPEN.computeIfAbsent(file.toAbsolutePath().normalize(), path -> {
      if (SHUTDOWN_HOOK.compareAndSet(false, true)) {
        // runs without the listener (e.g. EngineTestKit) still keep their history
        Runtime.getRuntime().addShutdownHook(new Thread(History::flushAll, "authenticity-history"));
      }
      return new History(path);
    });
    if (!baseline.isEmpty() && history.baseline.isEmpty()) {
      history.baseline = baseline;
    }
    return history;
  }

  /**
   * The durations in milliseconds of the last authentic runs of {@code uniqueId} before this JVM's writes, oldest
   * first: those in the file, or, when the file has none, the baseline's.
   *
   * @throws UncheckedIOException when the baseline cannot be read, naming it and what to do
   */
  public List<Long> authenticRuns(String uniqueId) {
    synchronized (lock) {
      load();
      List<Long> runs = snapshot.get(uniqueId);
      return runs != null ? runs : baselineRuns.getOrDefault(uniqueId, List.of());
    }
  }

  /**
   * Reads the file (and the baseline) now, if not read yet: call it on a background thread when the run starts, so
   * the first judged test does not parse it. Never throws: a baseline that cannot be read fails the first test that
   * reads the history, as it would without this call.
   */
  public void preload() {
    synchronized (lock) {
      try {
        load();
      } catch (RuntimeException ex) {
        // a baseline that cannot be read: said by the first test that needs the history, which reads it again
      }
    }
  }

  private void load() {
    if (snapshot == null) {
      FileState before = FileState.of(file);
      snapshot = read();
      remember(snapshot, before);
    }
    if (baselineRuns == null) {
      baselineRuns = baseline.runs();
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
      load();
      pending.computeIfAbsent(uniqueId, id -> new ArrayList<>()).add(duration.toMillis());
      first = !written;
      written = true;
    }
    if (first) {
      flush();
    }
  }

  /**
   * Writes the runs recorded since the last flush, merged with what other JVMs wrote meanwhile (and, for a test
   * the file has no run of, the baseline's runs).
   *
   * @throws UncheckedIOException when the file or its lock cannot be written, naming the file
   */
  @SuppressWarnings("try") // the lock is held for the block, never referenced
  public void flush() {
    synchronized (lock) {
      if (pending.isEmpty()) {
        return;
      }
      Path temporary = null;
      try {
        if (Files.isDirectory(file)) {
          throw new NotAFile("it is a directory. Remove it, or set authenticity.history to a file.");
        }
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        ignoreInGit(directory);
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock ignored = channel.lock()) {
          FileState before = FileState.of(file);
          Map<String, List<Long>> current = lastState != null && lastState.same(before)
              ? new LinkedHashMap<>(lastContent) : read();
          for (Map.Entry<String, List<Long>> entry : pending.entrySet()) {
            List<Long> earlier = current.get(entry.getKey());
            if (earlier == null) {
              earlier = baselineRuns == null ? List.of() : baselineRuns.getOrDefault(entry.getKey(), List.of());
            }
            List<Long> runs = new ArrayList<>(earlier);
            runs.addAll(entry.getValue());
            while (runs.size() > KEEP) {
              runs.remove(0);
            }
            current.put(entry.getKey(), runs);
          }
          temporary = Files.createTempFile(directory, file.getFileName() + ".", ".tmp");
          try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            // no fsync: a history lost in a crash is an empty one, and every authentic test would pay for it
            out.write(ByteBuffer.wrap(write(current).getBytes(StandardCharsets.UTF_8)));
          }
          try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          } catch (AtomicMoveNotSupportedException ex) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
          }
          temporary = null;
          remember(current, FileState.of(file));
          if (unreadable != null && !replacedNoticed) {
            replacedNoticed = true;
            notices.add("The history file [" + file + "] was not a readable history (" + unreadable + "); it was"
                + " replaced, so TOO_FAST compares with the authentic runs recorded from now on.");
          }
        }
      } catch (IOException ex) {
        String what = pending.size() == 1
            ? "the authentic run of [" + pending.keySet().iterator().next() + "]"
            : pending.size() + " tests' authentic runs";
        throw new UncheckedIOException("Could not record " + what + " in the history file [" + file + "]: "
            + ex.getMessage() + (ex instanceof NotAFile ? "" : ". Check that the directory is writable, or set"
            + " authenticity.history to another file."), ex);
      } finally {
        pending.clear();
        deleteQuietly(temporary);
      }
    }
  }

  /** The history's path names something other than a file. */
  private static final class NotAFile extends IOException {
    private static final long serialVersionUID = 1L;

    NotAFile(String message) {
      super(message);
    }
  }

  private static void deleteQuietly(Path temporary) {
    if (temporary != null) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException ex) {
        // the write failed already, and that failure is what is reported
      }
    }
  }

  /**
   * What the writes since the last call found that a user should be told once, one line each: a history file
   * that was not readable and was replaced.
   */
  public List<String> takeNotices() {
    synchronized (lock) {
      List<String> taken = List.copyOf(notices);
      notices.clear();
      return taken;
    }
  }

  /** In our own folder, a {@code .gitignore} that ignores all of it (as pytest does for {@code .pytest_cache}). */
  private static void ignoreInGit(Path directory) throws IOException {
    if (!OWN_FOLDER.equals(String.valueOf(directory.getFileName()))) {
      return;
    }
    Path ignore = directory.resolve(".gitignore");
    if (!Files.exists(ignore)) {
      try {
        Files.writeString(ignore, "# Created by Authenticity: the history of authentic runs of this checkout.\n*\n",
            StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
      } catch (FileAlreadyExistsException raced) {
        // another fork wrote it first
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
      problems.addAll(history.takeNotices());
    }
    return problems;
  }

  /** Remembers {@code content} as what the file in {@code state} holds (nothing when its state is unknown). */
  private void remember(Map<String, List<Long>> content, FileState state) {
    lastContent = state == null ? null : content;
    lastState = state;
  }

  /**
   * The identity of the file as last seen: its inode (another JVM's write moves a new file into place), its size and
   * its modification time; {@code null} when it cannot be told (no file, a file system without file keys).
   */
  private record FileState(Object key, long size, FileTime modified) {

    /** The same file, unchanged (not {@code equals}: a record's is bootstrapped at its first call, about 6 ms). */
    boolean same(FileState other) {
      return other != null && key.equals(other.key) && size == other.size && modified.equals(other.modified);
    }

    static FileState of(Path file) {
      try {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return attributes.fileKey() == null || !attributes.isRegularFile() ? null
            : new FileState(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime());
      } catch (IOException | UnsupportedOperationException ex) {
        return null;
      }
    }
  }

  private static String write(Map<String, List<Long>> tests) throws IOException {
    StringWriter out = new StringWriter(64 + tests.size() * 120);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeNumberField("schemaVersion", 1);
      json.writeObjectFieldStart("tests");
      for (Map.Entry<String, List<Long>> test : tests.entrySet()) {
        json.writeArrayFieldStart(test.getKey());
        for (long millis : test.getValue()) {
          json.writeNumber(millis);
        }
        json.writeEndArray();
      }
      json.writeEndObject();
      json.writeEndObject();
    }
    return out.append('\n').toString();
  }

  private Map<String, List<Long>> read() {
    unreadable = null;
    Map<String, List<Long>> result = new LinkedHashMap<>();
    if (!Files.isRegularFile(file)) {
      return result;
    }
    try (JsonParser json = FACTORY.createParser(file.toFile())) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        unreadable = "not a JSON object";
        return new LinkedHashMap<>();
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        if (json.nextToken() != JsonToken.START_OBJECT || !"tests".equals(name)) {
          json.skipChildren();
          continue;
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
          String uniqueId = json.currentName();
          if (json.nextToken() != JsonToken.START_ARRAY) {
            json.skipChildren();
            continue;
          }
          List<Long> runs = new ArrayList<>();
          while (json.nextToken() != JsonToken.END_ARRAY) {
            if (json.currentToken().isNumeric()) {
              runs.add(json.getLongValue());
            } else {
              json.skipChildren();
            }
          }
          result.put(uniqueId, runs);
        }
      }
      return result;
    } catch (IOException | RuntimeException ex) {
      // an unreadable history is an empty one (it only ever makes TOO_FAST stricter to have one); the first write
      // that replaces it says so
      unreadable = ex instanceof com.fasterxml.jackson.core.JsonProcessingException json && json.getLocation() != null
          ? "not JSON at line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr()
          : String.valueOf(ex.getMessage());
      return new LinkedHashMap<>();
    }
  }
}
