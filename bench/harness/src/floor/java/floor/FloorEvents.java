package floor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The floor's events file ({@code floor-events.jsonl} in {@code authenticity.outputDirectory}): a line per event,
 * written at once with a system call each, so that a JVM that dies leaves every line it wrote (the extension maps
 * its file instead: this is the dearer way).
 */
final class FloorEvents {

  private static FileChannel out;

  private FloorEvents() {
  }

  static synchronized void line(String json) {
    try {
      if (out == null) {
        Path directory = Path.of(System.getProperty("authenticity.outputDirectory", "target/authenticity"));
        Files.createDirectories(directory);
        out = FileChannel.open(directory.resolve("floor-events.jsonl"), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      }
      out.write(ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8)));
    } catch (IOException ex) {
      throw new UncheckedIOException("The floor cannot write its events: " + ex.getMessage(), ex);
    }
  }

  /** {@code text} as a JSON string (a unique id holds no control character; quotes and backslashes escaped). */
  static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
