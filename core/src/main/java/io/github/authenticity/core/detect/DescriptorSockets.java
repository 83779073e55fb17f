package io.github.authenticity.core.detect;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The kernel's {@code tcp_info} counters of this process's own TCP connections, asked on their file
 * descriptors ({@code getpeername} once per socket, then {@code getsockopt(TCP_INFO)}) through {@link Libc}:
 * the FFM API on JDK 22+, a small JNI library on JDK 17-21 (Linux x86_64 and aarch64). No process, no walk of
 * the kernel's connection table.
 *
 * <p>A snapshot asks {@code fstat} for each descriptor's device and inode: a descriptor that still holds
 * the inode of the last snapshot is the same file or socket, so its peer is known and only its counters are
 * asked. Only a new descriptor (or a number that now holds another inode) is examined ({@code getpeername}).
 * Which numbers: descriptors are given lowest-free first, so with N open at the last snapshot the new ones
 * are below N + 16; those and the known ones above are asked, and the answer is complete when as many are
 * open as the kernel counts (the size {@code stat} gives {@code /proc/self/fd}, Linux 6.2+); else the
 * directory is listed. Measured on the CI machine: listing {@code /proc/self/fd} costs about 0.6 µs per
 * descriptor, one {@code fstat} about 0.5 µs, reading a descriptor's link 5-40 µs. Where libc has no
 * {@code fstat} symbol (glibc before 2.33) the links are read.
 */
final class DescriptorSockets {

  private static final int AF_INET = 2;
  private static final int AF_INET6 = 10;
  /** {@code st_ino} in {@code struct stat}: after the 8-byte {@code st_dev} on every 64-bit Linux. */
  private static final int ST_INO = 8;
  /** {@code st_size}: at 48 on x86_64 and aarch64 (the architectures whose {@code st_mode} is known here). */
  private static final int ST_SIZE = 48;
  /** How many numbers above the highest open descriptor a snapshot probes. */
  private static final int SLACK = 16;
  private static final int S_IFMT = 0170000;
  private static final int S_IFSOCK = 0140000;
  private static final File FDS = new File("/proc/self/fd");

  private final Libc libc;
  /** Where {@code st_mode} is in {@code struct stat} on this architecture, or -1 when unknown. */
  private final int stMode;
  /** Per descriptor number: what it held at the last snapshot (descriptor numbers are small: an array). */
  private Descriptor[] descriptors = new Descriptor[0];
  /** How many of {@link #descriptors} were open. */
  private int knownOpen;

  private record Remote(String address, int port) {
  }

  /**
   * What a descriptor held: its device and inode (a file and a socket can have the same inode number on
   * their two file systems), whether it is a socket, and its peer once connected ({@code null}: not
   * connected yet).
   */
  private record Descriptor(long device, long inode, boolean socket, Remote remote) {
  }

  private static final Remote NOT_IP = new Remote("", -1);

  private DescriptorSockets(Libc libc) {
    this.libc = libc;
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    stMode = arch.equals("amd64") || arch.equals("x86_64") ? 24 : arch.equals("aarch64") ? 16 : -1;
  }

  /**
   * The reader on Linux: the FFM API on JDK 22+, else the JNI library; {@code null} when neither works
   * here, with why in {@code problem} (the counters then come from {@code ss}).
   */
  static DescriptorSockets open(StringBuilder problem) {
    Object calls;
    try {
      calls = FfmLibc.open();
    } catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
      // reflective: the FFM API's own exception (IllegalCallerException when native access is denied) is the cause
      calls = "the FFM API refused the calls: " + (ex instanceof java.lang.reflect.InvocationTargetException invocation
          && invocation.getCause() != null ? invocation.getCause() : ex);
    }
    if (calls == null) {
      calls = JniLibc.load();
    }
    if (calls instanceof Libc libc) {
      try {
        DescriptorSockets sockets = new DescriptorSockets(libc);
        sockets.connections(Set.of(1));
        return sockets;
      } catch (IOException | RuntimeException | LinkageError ex) {
        calls = libc.how() + " failed: " + ex;
      }
    }
    problem.append(calls);
    return null;
  }

  /** A reader over {@code libc} (its tests ask each way on its own). */
  static DescriptorSockets over(Libc libc) {
    return new DescriptorSockets(libc);
  }

  /** How the kernel is asked. */
  String how() {
    return libc.how();
  }

  /** This process's connected TCP sockets whose remote port is one of {@code ports}, with their counters. */
  synchronized List<KernelSockets.Connection> connections(Set<Integer> ports) throws IOException {
    Descriptor[] known = descriptors;
    if (libc.hasFstat() && libc.hasStat() && stMode >= 0) {
      // descriptors are given lowest-free first: with N open at the last snapshot, the next ones are below
      // N + SLACK; above that only the ones already known (an inherited descriptor 251) are asked.
      // Complete when as many are open as the kernel counts
      int limit = knownOpen + SLACK;
      Descriptor[] now = new Descriptor[Math.max(limit, known.length)];
      int open = 0;
      int highest = -1;
      for (int fd = 0; fd < now.length; fd++) {
        if (fd >= limit && (fd >= known.length || known[fd] == null)) {
          continue;
        }
        Descriptor descriptor = describe(fd, fd < known.length ? known[fd] : null);
        if (descriptor != null) {
          now[fd] = descriptor;
          open++;
          highest = fd;
        }
      }
      if (open == openCount()) {
        descriptors = java.util.Arrays.copyOf(now, highest + 1);
        knownOpen = open;
        return counted(now, ports);
      }
      // one opened above the numbers probed, or closed meanwhile: list them
    }
    String[] names = FDS.list();
    if (names == null) {
      throw new IOException("/proc/self/fd cannot be listed");
    }
    int[] numbers = new int[names.length];
    int highest = -1;
    for (int i = 0; i < names.length; i++) {
      try {
        numbers[i] = Integer.parseInt(names[i]);
      } catch (NumberFormatException ex) {
        numbers[i] = -1;
      }
      highest = Math.max(highest, numbers[i]);
    }
    Descriptor[] now = new Descriptor[highest + 1];
    int open = 0;
    for (int fd : numbers) {
      if (fd >= 0) {
        now[fd] = describe(fd, fd < known.length ? known[fd] : null); // null: closed while we read
        open += now[fd] == null ? 0 : 1;
      }
    }
    descriptors = now;
    knownOpen = open;
    return counted(now, ports);
  }

  /**
   * How many descriptors this process has open: the size {@code stat} gives {@code /proc/self/fd} (Linux
   * 6.2 and later; {@code -1} before, where it is 0).
   */
  private long openCount() {
    try {
      if (libc.statProcFd() != 0) {
        return -1;
      }
    } catch (Throwable ex) {
      return -1;
    }
    long size = libc.stat.getLong(ST_SIZE);
    return size > 0 ? size : -1;
  }

  /** The counters of the connected sockets among {@code descriptors} whose remote port is one of {@code ports}. */
  private List<KernelSockets.Connection> counted(Descriptor[] descriptors, Set<Integer> ports) {
    List<KernelSockets.Connection> result = new ArrayList<>();
    for (int fd = 0; fd < descriptors.length; fd++) {
      Descriptor descriptor = descriptors[fd];
      if (descriptor == null) {
        continue;
      }
      Remote remote = descriptor.remote();
      if (remote == null || remote.port() < 0 || !ports.contains(remote.port())) {
        continue;
      }
      KernelSockets.Connection connection = counters(fd, descriptor.inode(), remote);
      if (connection != null) {
        result.add(connection);
      }
    }
    return result;
  }

  /** What {@code fd} holds now, reusing what it held at the last snapshot ({@code known}) when it is the same. */
  private Descriptor describe(int fd, Descriptor known) {
    long device = 0;
    long inode = -1;
    boolean socket;
    if (libc.hasFstat()) {
      int status;
      try {
        status = libc.fstat(fd);
      } catch (Throwable ex) {
        return null;
      }
      if (status != 0) {
        return null;
      }
      device = libc.stat.getLong(0);
      inode = libc.stat.getLong(ST_INO);
      if (known != null && known.device() == device && known.inode() == inode
          && (known.remote() != null || !known.socket())) {
        return known; // the same file or connected socket: its peer does not change
      }
      socket = stMode < 0 || (libc.stat.getInt(stMode) & S_IFMT) == S_IFSOCK;
    } else {
      String target;
      try {
        target = Files.readSymbolicLink(Path.of("/proc/self/fd", Integer.toString(fd))).toString();
      } catch (IOException ex) {
        return null;
      }
      socket = target.startsWith("socket:[");
      if (socket) {
        try {
          inode = Long.parseLong(target.substring(8, target.length() - 1));
        } catch (NumberFormatException ex) {
          return null;
        }
        if (known != null && known.inode() == inode && known.remote() != null) {
          return known;
        }
      }
    }
    // a socket not connected yet is asked again at the next snapshot (remote null, socket true)
    return new Descriptor(device, inode, socket, socket ? peer(fd) : null);
  }

  private Remote peer(int fd) {
    try {
      libc.peerLength.putInt(0, Libc.PEER_SIZE);
      int status = libc.getpeername(fd);
      if (status != 0) {
        return null;
      }
      int family = libc.peer.getShort(0) & 0xffff;
      int port = ((libc.peer.get(2) & 0xff) << 8) | (libc.peer.get(3) & 0xff);
      byte[] raw;
      int at;
      if (family == AF_INET) {
        raw = new byte[4];
        at = 4;
      } else if (family == AF_INET6) {
        raw = new byte[16];
        at = 8;
      } else {
        return NOT_IP; // a Unix socket: never a service endpoint
      }
      libc.peer.get(at, raw);
      return new Remote(InetAddress.getByAddress(raw).getHostAddress(), port);
    } catch (UnknownHostException ex) {
      return null;
    } catch (Throwable ex) {
      return null;
    }
  }

  private KernelSockets.Connection counters(int fd, long inode, Remote remote) {
    try {
      libc.infoLength.putInt(0, Libc.INFO_SIZE);
      int status = libc.tcpInfo(fd);
      if (status != 0) {
        return null; // not TCP (a UDP socket "connected" to the port)
      }
      return new KernelSockets.Connection(inode, remote.address(), remote.port(), libc.info.getLong(128),
          libc.info.getLong(120), libc.info.getInt(152) & 0xffffffffL);
    } catch (Throwable ex) {
      return null;
    }
  }
}
