package io.github.authenticity.core.detect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * This process's established TCP connections as the kernel counts them: for each, the remote address and
 * the cumulative {@code tcp_info} counters ({@code bytes_received}, {@code bytes_acked}, {@code data_segs_in}).
 * They see every client, Netty's native epoll transport included, whose I/O JFR cannot see.
 *
 * <p>Linux only. The counters are asked on this process's own descriptors in-process
 * ({@link DescriptorSockets}: FFM on JDK 22+, JNI on JDK 17-21); where neither can be had (another
 * architecture, a {@code noexec} temporary directory) they come from the kernel's sock_diag interface through
 * {@code ss -tinHe} (iproute2), filtered by remote port; a connection is this process's when its inode is one of the
 * {@code socket:[inode]} links of {@code /proc/self/fd} (read once per new inode, cached). Measured on the
 * CI machine (2 cores, kernel 6.18): one query 4.1-6.0 ms (almost all of it is starting {@code ss}; a
 * persistent shell running it costs the same), {@code /proc/self/fd} scan 0.06-0.14 ms. Reading
 * {@code /proc/self/net/tcp} and {@code tcp6} costs 7-10 ms and carries no cumulative counters, so it is not
 * used.
 */
final class KernelSockets {

  /** One established connection of this process, as the kernel counts it. */
  record Connection(long inode, String remoteAddress, int remotePort, long bytesReceived, long bytesAcked,
      long segmentsIn) {
  }

  private static final long QUERY_TIMEOUT_MILLIS = 5_000;
  private final String how;
  private final String ss;
  private final DescriptorSockets descriptors;
  private final Set<Long> ours = ConcurrentHashMap.newKeySet();
  private final Set<Long> foreign = ConcurrentHashMap.newKeySet();

  private KernelSockets(String how, String ss, DescriptorSockets descriptors) {
    this.how = how;
    this.ss = ss;
    this.descriptors = descriptors;
  }

  /** How the counters are read, for the docs and messages: the in-process calls, or the {@code ss} path. */
  String how() {
    return how;
  }

  /**
   * The kernel counters of this platform, or the reason they cannot be had ({@link Unavailable}): never a
   * guess.
   */
  static Object open() {
    return open(true);
  }

  /** {@link #open()}; {@code inProcess = false} goes straight to {@code ss} (its tests). */
  static Object open(boolean inProcess) {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (!os.contains("linux")) {
      return new Unavailable("the kernel's per-connection counters are read on Linux only, and this is "
          + System.getProperty("os.name") + ": traffic of native transports (Netty's kqueue on macOS, or any I/O "
          + "outside java.net and java.nio) cannot be observed here");
    }
    StringBuilder problem = new StringBuilder();
    DescriptorSockets descriptors = inProcess ? DescriptorSockets.open(problem) : null;
    if (descriptors != null) {
      return new KernelSockets(descriptors.how(), null, descriptors);
    }
    if (!inProcess) {
      problem.append("not asked");
    }
    String found = null;
    for (String candidate : List.of("/usr/sbin/ss", "/usr/bin/ss", "/sbin/ss", "/bin/ss")) {
      if (Files.isExecutable(Path.of(candidate))) {
        found = candidate;
        break;
      }
    }
    if (found == null) {
      return new Unavailable("the kernel's per-connection counters cannot be read in-process (" + problem
          + ") and need the ss command (package iproute2), which is not installed: traffic of native transports "
          + "(Netty's epoll) cannot be observed");
    }
    KernelSockets sockets = new KernelSockets(found + " (in-process: " + problem + ")", found, null);
    try {
      sockets.connections(Set.of(1));
    } catch (IOException | RuntimeException ex) {
      return new Unavailable("the kernel's per-connection counters could not be read (" + found + "): " + ex);
    }
    return sockets;
  }

  /** Why the counters cannot be had. */
  record Unavailable(String reason) {
  }

  /** This process's established connections to any of {@code ports}. */
  List<Connection> connections(Collection<Integer> ports) throws IOException {
    if (descriptors != null) {
      return descriptors.connections(ports instanceof Set<Integer> set ? set : new TreeSet<>(ports));
    }
    Set<Integer> distinct = new TreeSet<>(ports);
    StringBuilder filter = new StringBuilder("(");
    for (Integer port : distinct) {
      if (filter.length() > 1) {
        filter.append(" or");
      }
      filter.append(" dport = :").append(port);
    }
    filter.append(" )");
    Process process = new ProcessBuilder(ss, "-tinHe", "state", "established", filter.toString())
        .redirectErrorStream(true).start();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      if (!process.waitFor(QUERY_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException("ss did not answer within " + QUERY_TIMEOUT_MILLIS + " ms");
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted while ss ran", ex);
    }
    if (process.exitValue() != 0) {
      throw new IOException("ss exited with " + process.exitValue() + ": " + output.strip());
    }
    List<Connection> result = parse(output);
    result.removeIf(connection -> !isOurs(connection.inode()));
    return result;
  }

  /** The connections in {@code ss -tinHe state established} output (two lines per connection). */
  static List<Connection> parse(String output) {
    List<Connection> result = new ArrayList<>();
    String[] lines = output.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || Character.isWhitespace(line.charAt(0))) {
        continue;
      }
      String[] fields = line.trim().split("\\s+");
      if (fields.length < 4) {
        continue;
      }
      String peer = fields[3];
      int colon = peer.lastIndexOf(':');
      if (colon < 0) {
        continue;
      }
      String address = peer.substring(0, colon).replace("[", "").replace("]", "");
      int percent = address.indexOf('%');
      if (percent >= 0) {
        address = address.substring(0, percent);
      }
      if (address.startsWith("::ffff:") && address.indexOf('.') > 0) {
        address = address.substring("::ffff:".length());
      }
      int port;
      try {
        port = Integer.parseInt(peer.substring(colon + 1));
      } catch (NumberFormatException ex) {
        continue;
      }
      long inode = number(line, "ino:");
      String info = i + 1 < lines.length && !lines[i + 1].isEmpty() && Character.isWhitespace(lines[i + 1].charAt(0))
          ? lines[++i] : "";
      result.add(new Connection(inode, address, port, number(info, "bytes_received:"), number(info, "bytes_acked:"),
          number(info, "data_segs_in:")));
    }
    return result;
  }

  private static long number(String text, String key) {
    int at = text.indexOf(key);
    if (at < 0 || (at > 0 && !Character.isWhitespace(text.charAt(at - 1)))) {
      return 0;
    }
    int from = at + key.length();
    int to = from;
    while (to < text.length() && Character.isDigit(text.charAt(to))) {
      to++;
    }
    return to == from ? 0 : Long.parseLong(text.substring(from, to));
  }

  /** Whether {@code inode} is one of this process's sockets ({@code /proc/self/fd}, re-read for a new inode). */
  private boolean isOurs(long inode) {
    if (inode <= 0) {
      return false;
    }
    if (ours.contains(inode)) {
      return true;
    }
    if (foreign.contains(inode)) {
      return false;
    }
    synchronized (this) {
      try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
        for (Path fd : fds) {
          try {
            String target = Files.readSymbolicLink(fd).toString();
            if (target.startsWith("socket:[")) {
              ours.add(Long.parseLong(target.substring(8, target.length() - 1)));
            }
          } catch (IOException | NumberFormatException ex) {
            // a descriptor closed while we read: not one of the connections we look for
          }
        }
      } catch (IOException ex) {
        return false;
      }
    }
    if (ours.contains(inode)) {
      return true;
    }
    foreign.add(inode);
    return false;
  }
}
