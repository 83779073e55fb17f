package io.github.authenticity.core.internal.events;

import static io.github.authenticity.core.internal.events.EventsFormat.*;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.github.authenticity.core.internal.events.Event.ContainerJudged;
import io.github.authenticity.core.internal.events.Event.Outcome;
import io.github.authenticity.core.internal.events.Event.RunEnded;
import io.github.authenticity.core.internal.events.Event.RunStarted;
import io.github.authenticity.core.internal.events.Event.ServiceProbed;
import io.github.authenticity.core.internal.events.Event.TestFinished;
import io.github.authenticity.core.internal.events.Event.TestJudged;
import io.github.authenticity.core.internal.events.Event.TestPlanned;
import io.github.authenticity.core.internal.events.Event.TestStarted;
import io.github.authenticity.core.internal.model.AllowedMock;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import io.github.authenticity.core.internal.model.Judgement;
import io.github.authenticity.core.internal.model.NotRunReason;
import io.github.authenticity.core.internal.model.Verdict;
import org.apiguardian.api.API;

/**
 * Reads events files back, line by line, into {@link Event} records: the only reader of the format
 * ({@link EventsFormat}). Reading never loses more than the bad line: bytes that are not UTF-8 (a crashed
 * JVM's cut multi-byte character), a line that is not JSON, one nested deeper than
 * {@link EventsFormat#MAX_DEPTH} or longer than {@link EventsFormat#MAX_LINE_BYTES}, an event that lacks a
 * field it needs: each is skipped and named in {@link ReadResult#problems()}. A last line without its line break
 * was cut off by a dying JVM ({@link ReadResult#truncated()}). Unknown types and fields are skipped, as the
 * format says, so a newer writer's file stays readable.
 *
 * <p>Over 300 lines because it is the one reader of the format: reading a file line by line without losing more than
 * a bad line, and turning each line into the event of its kind; split, the format's reading would be in several
 * places.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class EventReader {

  private EventReader() {
  }

  /**
   * What {@link #read(Path, Consumer)} found besides the events.
   *
   * @param file      where they were read from
   * @param truncated {@code true} when the file ends in a partial line (the JVM died while writing)
   * @param problems  one line per line that could not be read, with its line number
   */
  public record ReadResult(Path file, boolean truncated, List<String> problems) {

    /** Copies the list. */
    public ReadResult {
      problems = List.copyOf(problems);
    }
  }

  /** Every events file directly in {@code directory}, sorted by name; none when it does not exist. */
  public static List<Path> find(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(EventReader::isEventsFile).sorted().toList();
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot list events files in [" + directory + "]: " + ex.getMessage(), ex);
    }
  }

  /** Whether {@code file}'s name is that of an events file. */
  public static boolean isEventsFile(Path file) {
    return EventsFormat.isEventsFileName(file.getFileName().toString());
  }

  /** Every event of {@code file}, in file order (for small files and tests; the report streams). */
  public static List<Event> readAll(Path file) {
    List<Event> events = new ArrayList<>();
    read(file, events::add);
    return events;
  }

  /** The first event of {@code file} when it is a readable {@code run} event. */
  public static java.util.Optional<RunStarted> runOf(Path file) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 8192)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream(512);
      for (int b = in.read(); b > 0 && b != '\n'; b = in.read()) {
        if (line.size() >= MAX_LINE_BYTES) {
          return java.util.Optional.empty();
        }
        line.write(b);
      }
      Event event = parse(decode(line.toByteArray()));
      return event instanceof RunStarted run ? java.util.Optional.of(run) : java.util.Optional.empty();
    } catch (IOException | RuntimeException ex) {
      return java.util.Optional.empty();
    }
  }

  /**
   * Streams {@code file} into {@code sink}, one event at a time, so a large file is never held whole.
   *
   * @throws UncheckedIOException when the file cannot be opened or read at all
   */
  public static ReadResult read(Path file, Consumer<Event> sink) {
    return readNumbered(file, (event, line) -> sink.accept(event));
  }

  /**
   * Streams {@code file} into {@code sink} as {@link #read(Path, Consumer)} does, with each event's line number
   * (1-based), so a reader that finds a line the writer cannot have written can name it.
   *
   * @throws UncheckedIOException when the file cannot be opened or read at all
   */
  public static ReadResult readNumbered(Path file, ObjIntConsumer<Event> sink) {
    List<String> problems = new ArrayList<>();
    String name = file.getFileName().toString();
    boolean truncated;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream(512);
      int number = 0;
      boolean tooLong = false;
      byte[] buffer = new byte[64 * 1024];
      int read;
      boolean end = false;
      while (!end && (read = in.read(buffer)) >= 0) {
        int start = 0;
        for (int i = 0; i < read; i++) {
          if (buffer[i] == 0) {
            // the writer's zero bytes after its last line (MappedAppender): the file ends here
            read = i;
            end = true;
            break;
          }
          if (buffer[i] != '\n') {
            continue;
          }
          number++;
          if (!tooLong && line.size() + (i - start) > MAX_LINE_BYTES) {
            tooLong = true;
          }
          if (!tooLong) {
            line.write(buffer, start, i - start);
            accept(name, number, line.toByteArray(), sink, problems);
          } else {
            problems.add(name + ":" + number + ": longer than " + MAX_LINE_BYTES / (1024 * 1024)
                + " MB; skipped");
          }
          line.reset();
          tooLong = false;
          start = i + 1;
        }
        if (!tooLong) {
          line.write(buffer, start, read - start);
          if (line.size() > MAX_LINE_BYTES) {
            tooLong = true;
            line.reset();
          }
        }
      }
      // anything after the last line break: the writer never finished this line
      truncated = line.size() > 0 || tooLong;
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot read events file [" + file + "]: " + ex.getMessage(), ex);
    }
    return new ReadResult(file, truncated, problems);
  }

  private static void accept(String file, int number, byte[] bytes, ObjIntConsumer<Event> sink, List<String> problems) {
    String text;
    try {
      text = decode(bytes);
    } catch (CharacterCodingException ex) {
      problems.add(file + ":" + number + ": not valid UTF-8 (a cut multi-byte character?); skipped");
      return;
    }
    if (text.isBlank()) {
      return;
    }
    Event event;
    try {
      event = parse(text);
    } catch (StreamConstraintsException ex) {
      problems.add(file + ":" + number + ": nested deeper than " + MAX_DEPTH + " levels or too large; skipped");
      return;
    } catch (IOException ex) {
      String why = ex instanceof com.fasterxml.jackson.core.JsonProcessingException json ? json.getOriginalMessage()
          : ex.getMessage();
      problems.add(file + ":" + number + ": not JSON (" + firstLine(why) + "); skipped");
      return;
    } catch (BadEvent ex) {
      problems.add(file + ":" + number + ": " + ex.getMessage() + "; skipped");
      return;
    }
    if (event != null) {
      sink.accept(event, number);
    }
  }

  private static String decode(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "unreadable";
    }
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }

  /** An event that parsed as JSON but lacks what its type needs. */
  private static final class BadEvent extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadEvent(String message) {
      super(message, null, false, false);
    }
  }

  /** The event on one line, or {@code null} for a type this reader does not know. */
  static Event parse(String line) throws IOException {
    Map<String, Object> fields;
    try (JsonParser parser = EventsFormat.JSON.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new BadEvent("not a JSON object");
      }
      fields = object(parser);
      if (parser.nextToken() != null) {
        throw new BadEvent("more than one JSON value on the line");
      }
    }
    return event(new Fields(fields));
  }

  private static Map<String, Object> object(JsonParser parser) throws IOException {
    Map<String, Object> fields = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      fields.put(name, value(parser));
    }
    return fields;
  }

  private static Object value(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == null) {
      throw new BadEvent("cut off");
    }
    return switch (token) {
      case START_OBJECT -> object(parser);
      case START_ARRAY -> {
        List<Object> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(value(parser));
        }
        yield items;
      }
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? null : parser.getLongValue();
      case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      default -> null;
    };
  }

  private static Event event(Fields f) {
    String type = f.text(TYPE);
    if (type == null) {
      throw new BadEvent("no 'type'");
    }
    String run = f.text(RUN_ID);
    long at = f.number(AT, 0);
    return switch (type) {
      case RUN -> new RunStarted(run, at, (int) f.number(FORMAT, 0), f.number(PID, 0), f.text(HOST), f.text(BUILD),
          f.text(ENVIRONMENT), f.flag(STAGING), f.text(MODE), f.text(CONFIG), f.text(CONFIG_ERROR),
          f.text(REQUIRE_ENVIRONMENT), f.text(JAVA), f.text(JUNIT), f.texts(ALLOWED_SKIPS));
      case SERVICE -> new ServiceProbed(run, at, f.required(NAME), f.text(PROBE), f.text(ENDPOINT), f.text(STATUS),
          f.number(LATENCY_MILLIS, 0), f.text(DETAIL), f.text(PROBED_AT));
      case TEST -> new TestPlanned(run, at, f.required(UNIQUE_ID), f.text(PARENT_ID), f.text(CLASS_NAME),
          f.text(METHOD_NAME), f.text(DISPLAY_NAME), f.texts(TAGS), f.flag(GUARDED), f.texts(SERVICES),
          f.flag(STAGING_ONLY), f.longOrNull(MIN_DURATION_MILLIS), f.text(STANDS_FOR));
      case STARTED -> new TestStarted(run, at, f.required(UNIQUE_ID));
      case FINISHED -> new TestFinished(run, at, f.required(UNIQUE_ID), f.constant(Outcome.class, STATUS, null),
          f.number(DURATION_MILLIS, 0), f.text(MESSAGE), f.text(VIA), f.flag(DISABLED));
      case VERDICT -> new TestJudged(run, at, f.required(UNIQUE_ID), judgement(f));
      case CONTAINER -> new ContainerJudged(run, at, f.required(UNIQUE_ID), judgement(f));
      case END -> new RunEnded(run, at, f.number(DISCOVERED, 0), f.number(STARTED_COUNT, 0), f.number(SUCCEEDED, 0),
          f.number(FAILED, 0), f.number(ABORTED, 0), f.number(SKIPPED, 0));
      default -> null;
    };
  }

  private static Judgement judgement(Fields f) {
    Verdict verdict = f.constant(Verdict.class, VERDICT_FIELD, null);
    NotRunReason reason = EventsFormat.reasonAsRead(verdict, verdict == Verdict.NOT_RUN
        ? f.constant(NotRunReason.class, REASON, NotRunReason.NOT_EXECUTED) : null);
    List<Evidence> evidence = new ArrayList<>();
    for (Fields item : f.objects(EVIDENCE)) {
      EvidenceKind kind = item.constant(EvidenceKind.class, KIND, null);
      evidence.add(new Evidence(kind, item.text(DETAIL)));
    }
    List<AllowedMock> mocks = new ArrayList<>();
    for (Fields item : f.objects(ALLOWED_MOCKS)) {
      mocks.add(new AllowedMock(item.text(FIELD), item.text(MOCK_TYPE), item.text(REASON)));
    }
    return new Judgement(verdict, reason, evidence, f.text(PROOF), f.text(UNPROVEN), mocks, f.texts(WARNINGS),
        f.longOrNull(DURATION_MILLIS), f.text(MESSAGE), f.text(ALLOWED_BY));
  }

  /** The fields of one event, read leniently where a value is optional and strictly where it is needed. */
  private record Fields(Map<String, Object> map) {

    String text(String name) {
      Object value = map.get(name);
      return value == null || value instanceof Map || value instanceof List ? null : value.toString();
    }

    String required(String name) {
      String value = text(name);
      if (value == null || value.isEmpty()) {
        throw new BadEvent("a '" + text(TYPE) + "' event without '" + name + "'");
      }
      return value;
    }

    long number(String name, long otherwise) {
      Long value = longOrNull(name);
      return value == null ? otherwise : value;
    }

    Long longOrNull(String name) {
      Object value = map.get(name);
      if (value instanceof Long n) {
        return n;
      }
      if (value instanceof Double d) {
        return d.longValue();
      }
      if (value instanceof String s) {
        try {
          return Long.parseLong(s.strip());
        } catch (NumberFormatException ex) {
          return null;
        }
      }
      return null;
    }

    boolean flag(String name) {
      Object value = map.get(name);
      return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    List<String> texts(String name) {
      Object value = map.get(name);
      if (!(value instanceof List<?> list)) {
        return List.of();
      }
      List<String> out = new ArrayList<>(list.size());
      for (Object item : list) {
        if (item != null && !(item instanceof Map) && !(item instanceof List)) {
          out.add(item.toString());
        }
      }
      return out;
    }

    @SuppressWarnings("unchecked")
    List<Fields> objects(String name) {
      Object value = map.get(name);
      if (!(value instanceof List<?> list)) {
        return List.of();
      }
      List<Fields> out = new ArrayList<>(list.size());
      for (Object item : list) {
        if (item instanceof Map<?, ?> object) {
          out.add(new Fields((Map<String, Object>) object));
        }
      }
      return out;
    }

    /** The constant {@code name} names; a missing or unknown one is {@code otherwise}, or an error when that is null. */
    <E extends Enum<E>> E constant(Class<E> type, String name, E otherwise) {
      String value = text(name);
      if (value != null) {
        try {
          return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
          // handled below
        }
      }
      if (otherwise == null) {
        throw new BadEvent("a '" + text(TYPE) + "' event with " + (value == null ? "no '" + name + "'"
            : "an unknown " + name + " [" + value + "]"));
      }
      return otherwise;
    }
  }
}
