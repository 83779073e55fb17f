package io.github.authenticity.core.events;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.github.authenticity.core.json.Json;
import io.github.authenticity.core.redact.Redactor;
import org.apiguardian.api.API;

/**
 * One append-only events file ({@code events-*.jsonl}) for one test JVM: one JSON object a line,
 * each line written whole and flushed at once, so a JVM that dies mid-run leaves a file that is
 * readable up to its last complete event. The format is described in {@code docs/events-format.md}.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class EventLog implements AutoCloseable {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Path file;
  private final OutputStream out;
  private boolean closed;

  private EventLog(Path file, OutputStream out) {
    this.file = file;
    this.out = out;
  }

  /**
   * Creates a new events file in {@code directory} (created if needed) with a name no other JVM
   * uses: {@code events-<date>-<time>-<pid>-<random>.jsonl}.
   */
  public static EventLog create(Path directory) {
    try {
      Files.createDirectories(directory);
      String name = "events-" + LocalDateTime.now().format(STAMP) + "-" + ProcessHandle.current().pid()
          + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff)) + ".jsonl";
      Path file = directory.resolve(name);
      OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND);
      return new EventLog(file, out);
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot create an events file in [" + directory.toAbsolutePath()
          + "]: " + ex.getMessage() + ". Check that the directory is writable or set authenticity.outputDirectory.", ex);
    }
  }

  /** The file this log appends to. */
  public Path file() {
    return file;
  }

  /** Appends one event as a single line and flushes it; safe to call from any thread. */
  public synchronized void append(Map<String, ?> event) {
    if (closed) {
      return;
    }
    StringBuilder line = new StringBuilder(256);
    // every text value through the one redaction policy: a display name or message carries a secret too
    Json.write(redacted(event), line);
    line.append('\n');
    try {
      out.write(line.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot append to events file [" + file + "]: " + ex.getMessage(), ex);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot close events file [" + file + "]: " + ex.getMessage(), ex);
    }
  }

  /** {@code value} with every string in it redacted (map keys, the format's own names, stay as they are). */
  private static Object redacted(Object value) {
    if (value instanceof String text) {
      return Redactor.redact(text);
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new java.util.LinkedHashMap<>();
      map.forEach((key, item) -> copy.put(key, redacted(item)));
      return copy;
    }
    if (value instanceof java.util.Collection<?> items) {
      return items.stream().map(EventLog::redacted).toList();
    }
    return value;
  }
}
