package io.github.authenticity.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The lines of an events file as plain JSON objects, to assert what is on disk (the format's own reader is core's). */
final class EventLines {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_LONG_FOR_INTS);

  private EventLines() {
  }

  static List<Map<String, Object>> read(Path file) {
    List<Map<String, Object>> events = new ArrayList<>();
    try {
      // a file whose writer is still open runs on in zero bytes after its last line (docs/events-format.md)
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int end = text.indexOf('\0');
      for (String line : (end < 0 ? text : text.substring(0, end)).split("\n")) {
        if (!line.isBlank()) {
          events.add(JSON.readValue(line, new TypeReference<Map<String, Object>>() { }));
        }
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return events;
  }
}
