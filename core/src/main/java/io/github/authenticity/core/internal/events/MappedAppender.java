package io.github.authenticity.core.internal.events;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends bytes to a new file through a shared memory mapping, in steps of {@value #STEP} bytes: an append is a copy
 * into the page cache, not a system call (three per guarded test were about 7 % of the extension's per-test cost in the
 * bench profile). The kernel keeps what was copied when the JVM dies, however it dies, exactly as it keeps what a
 * {@code write} handed it; neither survives a machine crash (nothing here forces the disk).
 *
 * <p>Until {@link #close()} the file is longer than what was appended: the rest of the current step holds zero
 * bytes, which no event line contains (JSON escapes control characters), so a reader ends the file at its first
 * zero byte ({@link EventReader}). {@code close} cuts the file to what was appended; where the platform refuses to
 * cut a file that is still mapped (Windows), the zeros stay and mean the same.
 */
final class MappedAppender implements AutoCloseable {

  /** How much of the file is mapped at a time (and how far the file runs ahead of its content). */
  static final int STEP = 1 << 20;

  private final FileChannel channel;
  private MappedByteBuffer region;
  private long length;
  /** Whether the file system refused a mapping: then every append is a plain write, as before the mapping. */
  private boolean writes;

  private MappedAppender(FileChannel channel) {
    this.channel = channel;
  }

  /** Creates {@code file}, which must not exist. */
  static MappedAppender create(Path file) throws IOException {
    return new MappedAppender(FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
        StandardOpenOption.WRITE));
  }

  /** As on a file system that refuses shared mappings: every append a plain write (for tests). */
  static MappedAppender createWriting(Path file) throws IOException {
    MappedAppender appender = create(file);
    appender.writes = true;
    return appender;
  }

  /** Appends {@code count} bytes of {@code bytes} from {@code offset}; not thread-safe (the writer holds its lock). */
  void append(byte[] bytes, int offset, int count) throws IOException {
    if (!writes && (region == null || region.remaining() < count)) {
      try {
        // the old region is unmapped by the garbage collector once unreachable
        region = channel.map(FileChannel.MapMode.READ_WRITE, length, Math.max(STEP, count));
      } catch (IOException | UnsupportedOperationException ex) {
        writes = true; // a file system without shared mappings: the file ends at its last line, as it always did
        region = null;
      }
    }
    if (writes) {
      ByteBuffer rest = ByteBuffer.wrap(bytes, offset, count);
      while (rest.hasRemaining()) {
        channel.write(rest, length + (count - rest.remaining()));
      }
    } else {
      region.put(bytes, offset, count);
    }
    length += count;
  }

  /** How many bytes were appended. */
  long length() {
    return length;
  }

  /** Cuts the file to what was appended (where the platform allows it) and closes it. */
  @Override
  public void close() throws IOException {
    region = null;
    try {
      channel.truncate(length);
    } catch (IOException ex) {
      // a file still mapped cannot be cut on some platforms: its zero bytes end it for every reader
    } finally {
      channel.close();
    }
  }
}
