package io.github.authenticity.core.internal.events;

import static io.github.authenticity.core.internal.events.EventsFormat.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.authenticity.core.internal.events.Event.ContainerJudged;
import io.github.authenticity.core.internal.events.Event.RunEnded;
import io.github.authenticity.core.internal.events.Event.RunStarted;
import io.github.authenticity.core.internal.events.Event.ServiceProbed;
import io.github.authenticity.core.internal.events.Event.TestFinished;
import io.github.authenticity.core.internal.events.Event.TestJudged;
import io.github.authenticity.core.internal.events.Event.TestPlanned;
import io.github.authenticity.core.internal.events.Event.TestStarted;
import io.github.authenticity.core.internal.model.AllowedMock;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.Judgement;
import io.github.authenticity.core.internal.redact.Redactor;
import org.apiguardian.api.API;

/**
 * Writes one append-only events file ({@code events-*.jsonl}) for one test plan: one JSON object a line, each
 * line in the file (through a memory mapping, {@link MappedAppender}) as soon as it is written, so a JVM that dies
 * mid-run leaves a file readable up to its last complete event. The only writer of the format ({@link EventsFormat});
 * every free-text value is redacted ({@link Redactor#redact(String)}, field by field in {@link EventRedaction}) before
 * it is written, identifiers are written as they are.
 *
 * <p>Over 300 lines because it is the one writer of the format: the file's safe appending and the fields of every
 * event kind, which must stay in one place with {@link EventReader} as their only counterpart.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class EventWriter implements AutoCloseable {

  /** The most a write of several events holds in memory before it appends them. */
  private static final int CHUNK = 64 * 1024;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Path file;
  private final MappedAppender out;
  /** The line being written: one generator and buffer for the file's life, used only under the writer's lock. */
  private final Lines buffer = new Lines();
  private JsonGenerator json;
  private boolean closed;
  /**
   * Every event appended so far, as its line holds it ({@link EventRedaction#asWritten}), while there are at most
   * {@link #keepAtMost}; {@code null} when not kept or once there were more.
   */
  private List<Event> kept;
  /** The events of the lines in {@link #buffer}, kept once the buffer reached the file. */
  private final List<Event> buffered = new ArrayList<>();
  private int keepAtMost;

  private EventWriter(Path file, MappedAppender out) {
    this.file = file;
    this.out = out;
    this.json = generator(buffer);
  }

  /**
   * From now on, keeps every event it appends in memory, as read back from the file would give it, up to
   * {@code atMost} events (then it keeps none): the listener builds its report from them instead of parsing its own
   * file again (about 7 % of a guarded test's cost in the bench profile).
   */
  public synchronized EventWriter keepWritten(int atMost) {
    keepAtMost = atMost;
    kept = new ArrayList<>();
    return this;
  }

  /**
   * The events appended so far, in file order, each equal to what {@link EventReader} reads from its line; empty when
   * they were not kept ({@link #keepWritten}), when there were more than it keeps, or when an append failed.
   */
  public synchronized Optional<List<Event>> written() {
    return kept == null ? Optional.empty() : Optional.of(Collections.unmodifiableList(kept));
  }

  /**
   * Creates a new events file in {@code directory} (created if needed) with a name no other JVM uses:
   * {@code events-<date>-<time>-<pid>-<random>.jsonl}.
   */
  public static EventWriter create(Path directory) {
    try {
      Files.createDirectories(directory);
      String name = EventsFormat.fileName(LocalDateTime.now().format(STAMP) + "-" + ProcessHandle.current().pid()
          + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff)));
      Path file = directory.resolve(name);
      return new EventWriter(file, MappedAppender.create(file));
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot create an events file in [" + directory.toAbsolutePath()
          + "]: " + ex.getMessage() + ". Check that the directory is writable or set authenticity.outputDirectory.", ex);
    }
  }

  /** The file this writer appends to. */
  public Path file() {
    return file;
  }

  /**
   * Appends {@code event} as one line and flushes it; safe to call from any thread. The line is built whole in
   * memory first and reaches the file in one write, so a line in the file is never part of an event.
   */
  public void write(Event event) {
    writeAll(List.of(event));
  }

  /**
   * Appends {@code events} in their order, one line each, in one write (the plan's tests at its start: one write
   * per test was a fifth of the start's cost in the bench profile); safe to call from any thread. Each line is
   * built whole in memory first, so a line in the file is never part of an event.
   */
  public void writeAll(List<? extends Event> events) {
    synchronized (this) {
      if (closed || events.isEmpty()) {
        return;
      }
      buffer.reset();
      buffered.clear();
      for (Event event : events) {
        Event written;
        try {
          written = EventRedaction.asWritten(event);
          serialize(written, json);
          json.flush();
        } catch (IOException | RuntimeException ex) {
          // the generator may be left inside an object: start the next line with a fresh one, and write none
          json = generator(buffer);
          buffer.reset();
          buffered.clear();
          if (ex instanceof RuntimeException runtime) {
            throw runtime;
          }
          throw new UncheckedIOException("Cannot write an event: " + ex.getMessage(), (IOException) ex);
        }
        buffer.write('\n');
        if (kept != null) {
          buffered.add(written);
        }
        if (buffer.size() >= CHUNK) {
          append();
        }
      }
      append();
    }
  }

  /** Writes the buffered lines to the file and empties the buffer; call under the writer's lock. */
  private void append() {
    if (buffer.size() == 0) {
      return;
    }
    try {
      buffer.appendTo(out);
      keep();
    } catch (IOException | InternalError ex) {
      // InternalError: the mapped file was cut short by another process (a fault in the copy)
      kept = null; // the file may now hold part of these lines: only reading it back tells
      throw new UncheckedIOException("Cannot append to events file [" + file + "]: " + ex.getMessage(),
          ex instanceof IOException io ? io : new IOException(ex));
    } finally {
      buffer.reset();
      buffered.clear();
    }
  }

  private void keep() {
    if (kept == null) {
      return;
    }
    if (kept.size() + buffered.size() > keepAtMost) {
      kept = null;
      return;
    }
    kept.addAll(buffered);
  }

  /** The lines being written, handed to the file without a copy. */
  private static final class Lines extends ByteArrayOutputStream {

    Lines() {
      super(1024);
    }

    void appendTo(MappedAppender target) throws IOException {
      target.append(buf, 0, count);
    }
  }

  /** A generator that writes one root object after the other with nothing between them (the line break is ours). */
  private static JsonGenerator generator(OutputStream target) {
    try {
      JsonGenerator generator = EventsFormat.JSON.createGenerator(target);
      generator.setRootValueSeparator(null);
      return generator;
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot write an event: " + ex.getMessage(), ex);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      json.close();
      out.close();
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot close events file [" + file + "]: " + ex.getMessage(), ex);
    }
  }

  /** {@code event} as one line of the format, with its line break. */
  static byte[] line(Event event) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator json = EventsFormat.JSON.createGenerator(bytes)) {
      serialize(EventRedaction.asWritten(event), json);
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot write an event: " + ex.getMessage(), ex);
    }
    bytes.write('\n');
    return bytes.toByteArray();
  }

  /** Writes {@code event} as it is: call it with {@link EventRedaction#asWritten}'s copy. */
  private static void serialize(Event event, JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField(TYPE, typeOf(event));
    json.writeStringField(RUN_ID, event.run());
    json.writeNumberField(AT, event.at());
    fields(event, json);
    json.writeEndObject();
  }

  /** The {@code type} of {@code event}, as this writer writes it. */
  public static String typeOf(Event event) {
    if (event instanceof RunStarted) {
      return RUN;
    } else if (event instanceof ServiceProbed) {
      return SERVICE;
    } else if (event instanceof TestPlanned) {
      return TEST;
    } else if (event instanceof TestStarted) {
      return STARTED;
    } else if (event instanceof TestFinished) {
      return FINISHED;
    } else if (event instanceof TestJudged) {
      return VERDICT;
    } else if (event instanceof ContainerJudged) {
      return CONTAINER;
    }
    return END;
  }

  /**
   * The fields of {@code event}'s kind. The kinds written for every test ({@code started}, {@code verdict},
   * {@code finished}) come first and each kind has a method of its own: the JIT compiles the few that every test
   * writes, small, instead of one method with every kind in it (about 0.2 s of compiler time a 5,000-test JVM).
   */
  private static void fields(Event event, JsonGenerator json) throws IOException {
    if (event instanceof TestStarted e) {
      string(json, UNIQUE_ID, e.uniqueId());
    } else if (event instanceof TestJudged e) {
      string(json, UNIQUE_ID, e.uniqueId());
      judgement(json, e.judgement());
    } else if (event instanceof TestFinished e) {
      finished(e, json);
    } else if (event instanceof TestPlanned e) {
      planned(e, json);
    } else if (event instanceof ContainerJudged e) {
      string(json, UNIQUE_ID, e.uniqueId());
      judgement(json, e.judgement());
    } else if (event instanceof RunStarted e) {
      runStarted(e, json);
    } else if (event instanceof ServiceProbed e) {
      serviceProbed(e, json);
    } else if (event instanceof RunEnded e) {
      runEnded(e, json);
    }
  }

  private static void finished(TestFinished e, JsonGenerator json) throws IOException {
    string(json, UNIQUE_ID, e.uniqueId());
    json.writeStringField(STATUS, e.status().name());
    json.writeNumberField(DURATION_MILLIS, e.durationMillis());
    string(json, MESSAGE, e.message());
    string(json, VIA, e.via());
    if (e.disabled()) {
      json.writeBooleanField(DISABLED, true);
    }
  }

  private static void planned(TestPlanned e, JsonGenerator json) throws IOException {
    string(json, UNIQUE_ID, e.uniqueId());
    string(json, PARENT_ID, e.parentId());
    string(json, CLASS_NAME, e.className());
    string(json, METHOD_NAME, e.methodName());
    string(json, DISPLAY_NAME, e.displayName());
    strings(json, TAGS, e.tags());
    json.writeBooleanField(GUARDED, e.guarded());
    strings(json, SERVICES, e.services());
    json.writeBooleanField(STAGING_ONLY, e.stagingOnly());
    number(json, MIN_DURATION_MILLIS, e.minDurationMillis());
    string(json, STANDS_FOR, e.standsFor());
  }

  private static void runStarted(RunStarted e, JsonGenerator json) throws IOException {
    json.writeNumberField(FORMAT, e.formatVersion());
    json.writeNumberField(PID, e.pid());
    string(json, HOST, e.host());
    string(json, BUILD, e.build());
    string(json, ENVIRONMENT, e.environment());
    json.writeBooleanField(STAGING, e.staging());
    string(json, MODE, e.mode());
    string(json, CONFIG, e.config());
    string(json, CONFIG_ERROR, e.configError());
    string(json, REQUIRE_ENVIRONMENT, e.requireEnvironment());
    string(json, JAVA, e.java());
    string(json, JUNIT, e.junit());
    if (!e.allowedSkips().isEmpty()) {
      strings(json, ALLOWED_SKIPS, e.allowedSkips());
    }
  }

  private static void serviceProbed(ServiceProbed e, JsonGenerator json) throws IOException {
    string(json, NAME, e.name());
    string(json, PROBE, e.probe());
    string(json, ENDPOINT, e.endpoint());
    string(json, STATUS, e.status());
    json.writeNumberField(LATENCY_MILLIS, e.latencyMillis());
    string(json, DETAIL, e.detail());
    string(json, PROBED_AT, e.probedAt());
  }

  private static void runEnded(RunEnded e, JsonGenerator json) throws IOException {
    json.writeNumberField(DISCOVERED, e.discovered());
    json.writeNumberField(STARTED_COUNT, e.started());
    json.writeNumberField(SUCCEEDED, e.succeeded());
    json.writeNumberField(FAILED, e.failed());
    json.writeNumberField(ABORTED, e.aborted());
    json.writeNumberField(SKIPPED, e.skipped());
  }

  private static void judgement(JsonGenerator json, Judgement judgement) throws IOException {
    json.writeStringField(VERDICT_FIELD, judgement.verdict().name());
    string(json, REASON, judgement.reason() == null ? null : judgement.reason().name());
    json.writeArrayFieldStart(EVIDENCE);
    if (!judgement.evidence().isEmpty()) {
      evidence(json, judgement.evidence());
    }
    json.writeEndArray();
    string(json, PROOF, judgement.proof());
    string(json, UNPROVEN, judgement.unproven());
    json.writeArrayFieldStart(ALLOWED_MOCKS);
    if (!judgement.allowedMocks().isEmpty()) {
      allowedMocks(json, judgement.allowedMocks());
    }
    json.writeEndArray();
    strings(json, WARNINGS, judgement.warnings());
    number(json, DURATION_MILLIS, judgement.durationMillis());
    string(json, MESSAGE, judgement.message());
    string(json, ALLOWED_BY, judgement.allowedBy());
  }

  private static void evidence(JsonGenerator json, List<Evidence> evidence) throws IOException {
    for (Evidence one : evidence) {
      json.writeStartObject();
      json.writeStringField(KIND, one.kind().name());
      string(json, DETAIL, one.detail());
      json.writeEndObject();
    }
  }

  private static void allowedMocks(JsonGenerator json, List<AllowedMock> mocks) throws IOException {
    for (AllowedMock mock : mocks) {
      json.writeStartObject();
      string(json, FIELD, mock.field());
      string(json, MOCK_TYPE, mock.type());
      string(json, REASON, mock.reason());
      json.writeEndObject();
    }
  }

  /** A string field, written as it is: free text was redacted before ({@link EventRedaction#asWritten}). */
  private static void string(JsonGenerator json, String field, String value) throws IOException {
    if (value == null) {
      json.writeNullField(field);
    } else {
      json.writeStringField(field, value);
    }
  }

  private static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
    json.writeArrayFieldStart(field);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }

  private static void number(JsonGenerator json, String field, Long value) throws IOException {
    if (value == null) {
      json.writeNullField(field);
    } else {
      json.writeNumberField(field, value);
    }
  }
}
