package io.github.authenticity.core.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot read events file [" + file + "]: " + ex.getMessage(), ex);
    }
    List<Map<String, Object>> events = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    boolean truncated = false;
    int lineNumber = 0;
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      lineNumber++;
      if (end < 0) {
        // no newline: the writer never finished this line
        truncated = true;
        break;
      }
      String line = text.substring(start, end).strip();
      start = end + 1;
      if (line.isEmpty()) {
        continue;
      }
      try {
        events.add(Json.parseObject(line));
      } catch (Json.JsonException ex) {
        problems.add(file.getFileName() + ":" + lineNumber + ": " + ex.getMessage());
      }
    }
    return new EventFile(file, List.copyOf(events), truncated, List.copyOf(problems));
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
