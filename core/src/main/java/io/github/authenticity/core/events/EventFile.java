package io.github.authenticity.core.events;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.github.authenticity.core.json.Json;
import org.apiguardian.api.API;

/**
 * The events read back from one {@code events-*.jsonl} file.
 *
 * @param file      where they were read from
 * @param events    every complete event, in file order
 * @param truncated {@code true} when the file ends in a partial line (the JVM died while writing)
 * @param problems  one line per line that could not be read, with its line number
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record EventFile(Path file, List<Map<String, Object>> events, boolean truncated, List<String> problems) {

  /** The file name pattern every events file matches. */
  public static final String GLOB = "events-*.jsonl";

  /** Reads {@code file} up to its last whole line; a cut-off last line marks the file truncated. */
  public static EventFile read(Path file) {
    List<Map<String, Object>> events = new ArrayList<>();
    Summary summary = forEachEvent(file, events::add);
    return new EventFile(file, List.copyOf(events), summary.truncated(), summary.problems());
  }

  /**
   * Reads {@code file} line by line, handing each complete event to {@code sink} as it is parsed, so only one
   * line is held at a time; same rules as {@link #read(Path)} (a last line without its newline is cut off).
   */
  public static Summary forEachEvent(Path file, Consumer<Map<String, Object>> sink) {
    List<String> problems = new ArrayList<>();
    boolean truncated = false;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      char[] buffer = new char[8192];
      StringBuilder line = new StringBuilder(256);
      int lineNumber = 0;
      int read;
      while ((read = reader.read(buffer)) >= 0) {
        int start = 0;
        for (int i = 0; i < read; i++) {
          if (buffer[i] == '\n') {
            line.append(buffer, start, i - start);
            start = i + 1;
            lineNumber++;
            accept(file, line.toString().strip(), lineNumber, sink, problems);
            line.setLength(0);
          }
        }
        line.append(buffer, start, read - start);
      }
      // anything after the last newline: the writer never finished this line
      truncated = line.length() > 0;
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot read events file [" + file + "]: " + ex.getMessage(), ex);
    }
    return new Summary(file, truncated, List.copyOf(problems));
  }

  private static void accept(Path file, String line, int lineNumber, Consumer<Map<String, Object>> sink,
      List<String> problems) {
    if (line.isEmpty()) {
      return;
    }
    Map<String, Object> event;
    try {
      event = Json.parseObject(line);
    } catch (Json.JsonException ex) {
      problems.add(file.getFileName() + ":" + lineNumber + ": " + ex.getMessage());
      return;
    }
    sink.accept(event);
  }

  /**
   * What {@link #forEachEvent(Path, Consumer)} found besides the events.
   *
   * @param file      where they were read from
   * @param truncated {@code true} when the file ends in a partial line (the JVM died while writing)
   * @param problems  one line per line that could not be read, with its line number
   */
  public record Summary(Path file, boolean truncated, List<String> problems) {
  }

  /** Every events file directly in {@code directory}, sorted by name; none when it does not exist. */
  public static List<Path> find(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(p -> {
        String name = p.getFileName().toString();
        return name.startsWith("events-") && name.endsWith(".jsonl");
      }).sorted().toList();
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot list events files in [" + directory + "]: " + ex.getMessage(), ex);
    }
  }
}
