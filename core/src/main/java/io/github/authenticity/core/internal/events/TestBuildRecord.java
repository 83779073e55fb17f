package io.github.authenticity.core.internal.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

import org.apiguardian.api.API;

/**
 * Which build last ran the test phase of a module: {@value #FILE} in its events folder, one line, the
 * {@link BuildIdentity} of that build's Maven process since its session started. The Maven plugin's goals write it
 * whenever they run in a build that runs the tests ({@code mvn test}, {@code mvn verify}, ...), at the build's start
 * when a goal is bound to an early phase; a goal run on its own ({@code mvn authenticity:check} after
 * {@code mvn test}) reads it, so the two commands are one build, and a later build that ran no test at all
 * ({@code -Dtest=NoSuchTest}) is that build, with no events, never the earlier one.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class TestBuildRecord {

  /** The file name in the events folder. */
  public static final String FILE = "test-build.txt";

  private static final int MAX_BYTES = 256;

  private TestBuildRecord() {
  }

  /** Records {@code build} as the last build that ran the tests whose events go to {@code eventsDirectory}. */
  public static void write(Path eventsDirectory, BuildIdentity build) {
    Path file = eventsDirectory.resolve(FILE);
    try {
      Files.createDirectories(eventsDirectory);
      Path temporary = Files.createTempFile(eventsDirectory, FILE, ".tmp");
      try {
        Files.writeString(temporary, build.value() + "\n", StandardCharsets.UTF_8);
        try {
          Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException ex) {
          Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot record this build in [" + file + "]: " + ex.getMessage()
          + "; check that the folder is writable", ex);
    }
  }

  /**
   * The build recorded in {@code eventsDirectory}; empty when there is no record, or it is not a regular file of
   * one identity (then nothing is known about which build ran the tests).
   */
  public static Optional<BuildIdentity> read(Path eventsDirectory) {
    Path file = eventsDirectory.resolve(FILE);
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_BYTES) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return lines.isEmpty() ? Optional.empty() : BuildIdentity.parse(lines.get(0).strip())
          .filter(build -> build.since() != null);
    } catch (IOException | RuntimeException ex) {
      return Optional.empty();
    }
  }

  /** The latest of the builds recorded in {@code eventsDirectories} (the one whose session started last). */
  public static Optional<BuildIdentity> latest(List<Path> eventsDirectories) {
    BuildIdentity latest = null;
    for (Path directory : eventsDirectories) {
      BuildIdentity recorded = read(directory).orElse(null);
      if (recorded != null && (latest == null || recorded.since().isAfter(latest.since()))) {
        latest = recorded;
      }
    }
    return Optional.ofNullable(latest);
  }
}
