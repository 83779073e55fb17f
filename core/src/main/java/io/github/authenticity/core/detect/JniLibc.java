package io.github.authenticity.core.detect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * {@link Libc} through a small JNI library ({@code src/main/native/authenticity-libc.c}, built by
 * {@code build.sh} for Linux x86_64 and aarch64 and shipped in the jar): the calls on JDK 17-21, where the
 * FFM API is missing or in preview. Each call is one system call (about 0.3 µs here), where the earlier way
 * on these JDKs, starting {@code ss}, cost 4-6 ms. Loaded from a copy in {@code java.io.tmpdir}, deleted once
 * loaded; where that copy cannot be loaded (a {@code noexec} temporary directory, a C library other than
 * glibc), {@link #load()} says why and the counters come from {@code ss}.
 */
final class JniLibc extends Libc {

  private final ByteBuffer procFd;

  private JniLibc() {
    super(direct(INFO_SIZE), direct(4), direct(PEER_SIZE), direct(4), direct(STAT_SIZE));
    byte[] path = procFdPath();
    procFd = direct(path.length).put(0, path);
  }

  private static ByteBuffer direct(int size) {
    return ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
  }

  /** The resource name of the library for this platform, or {@code null} when none is shipped for it. */
  static String resource() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("aarch64"))) {
      return null;
    }
    return "native/linux-" + arch + "/libauthenticity-libc.so";
  }

  /** The calls, or why they cannot be had here (a {@link String}). */
  static Object load() {
    String resource = resource();
    if (resource == null) {
      return "no JNI library is shipped for " + System.getProperty("os.name") + " on "
          + System.getProperty("os.arch");
    }
    Path copy = null;
    try (InputStream in = JniLibc.class.getResourceAsStream(resource)) {
      if (in == null) {
        return "the JNI library " + resource + " is missing from the jar";
      }
      copy = Files.createTempFile("authenticity-libc-", ".so");
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      System.load(copy.toAbsolutePath().toString());
      JniLibc libc = new JniLibc();
      source0(); // every symbol resolves (an older copy of the library would fail here)
      return libc;
    } catch (IOException | RuntimeException | LinkageError ex) {
      return "the JNI library " + resource + " could not be loaded from " + copy + ": " + ex;
    } finally {
      if (copy != null) {
        try {
          Files.deleteIfExists(copy); // a loaded library stays mapped
        } catch (IOException ex) {
          copy.toFile().deleteOnExit();
        }
      }
    }
  }

  /** The SHA-256 of the C source the loaded library was built from. */
  static String source() {
    return source0();
  }

  @Override
  String how() {
    return "getsockopt(TCP_INFO) on this process's descriptors through JNI";
  }

  @Override
  boolean hasFstat() {
    return true;
  }

  @Override
  boolean hasStat() {
    return true;
  }

  @Override
  int fstat(int fd) {
    return fstat0(fd, stat);
  }

  @Override
  int statProcFd() {
    return stat0(procFd, stat);
  }

  @Override
  int getpeername(int fd) {
    return getpeername0(fd, peer, peerLength);
  }

  @Override
  int tcpInfo(int fd) {
    return getsockopt0(fd, IPPROTO_TCP, TCP_INFO, info, infoLength);
  }

  private static native int fstat0(int fd, ByteBuffer stat);

  private static native int stat0(ByteBuffer path, ByteBuffer stat);

  private static native int getpeername0(int fd, ByteBuffer peer, ByteBuffer length);

  private static native int getsockopt0(int fd, int level, int name, ByteBuffer value, ByteBuffer length);

  private static native String source0();
}
