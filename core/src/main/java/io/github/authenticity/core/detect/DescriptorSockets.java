package io.github.authenticity.core.detect;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kernel's {@code tcp_info} counters of this process's own TCP connections, asked on their file
 * descriptors ({@code getpeername} once per socket, then {@code getsockopt(TCP_INFO)}) through the Foreign
 * Function and Memory API of JDK 22+, called reflectively (this code compiles for Java 17): no process, no
 * walk of the kernel's connection table. The descriptors are the {@code socket:[inode]} links of
 * {@code /proc/self/fd}. On JDK 22+ the JDK prints its one-time "restricted method" warning unless the test
 * JVM runs with {@code --enable-native-access=ALL-UNNAMED}.
 */
final class DescriptorSockets {

  private static final int IPPROTO_TCP = 6;
  private static final int TCP_INFO = 11;
  private static final int AF_INET = 2;
  private static final int AF_INET6 = 10;
  private static final int INFO_SIZE = 232;

  private final MethodHandle getsockopt;
  private final MethodHandle getpeername;
  private final Object info;
  private final Object infoLength;
  private final Object peer;
  private final Object peerLength;
  private final Method asSlice;
  private final Method toArray;
  private final Method setInt;
  private final Object javaByte;
  private final Object javaInt;
  /** Per socket inode: its remote address and port, once connected ({@code null} entries are not cached). */
  private final Map<Long, Remote> remotes = new ConcurrentHashMap<>();

  private record Remote(String address, int port) {
  }

  private DescriptorSockets() throws ReflectiveOperationException {
    Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
    Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
    Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
    Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
    Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
    Class<?> lookupType = Class.forName("java.lang.foreign.SymbolLookup");
    Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
    Class<?> arenaType = Class.forName("java.lang.foreign.Arena");
    Object linker = linkerType.getMethod("nativeLinker").invoke(null);
    Object lookup = linkerType.getMethod("defaultLookup").invoke(linker);
    javaInt = valueLayout.getField("JAVA_INT").get(null);
    javaByte = valueLayout.getField("JAVA_BYTE").get(null);
    Object address = valueLayout.getField("ADDRESS").get(null);
    Method of = descriptorType.getMethod("of", layoutType, layoutType.arrayType());
    Method find = lookupType.getMethod("find", String.class);
    Method downcall = linkerType.getMethod("downcallHandle", segmentType, descriptorType, optionType.arrayType());
    Object noOptions = Array.newInstance(optionType, 0);
    getsockopt = handle(downcall, linker, find, lookup, "getsockopt",
        of.invoke(null, javaInt, layouts(layoutType, javaInt, javaInt, javaInt, address, address)), noOptions);
    getpeername = handle(downcall, linker, find, lookup, "getpeername",
        of.invoke(null, javaInt, layouts(layoutType, javaInt, address, address)), noOptions);
    Object arena = arenaType.getMethod("global").invoke(null);
    Method allocate = arenaType.getMethod("allocate", long.class);
    info = allocate.invoke(arena, (long) INFO_SIZE);
    infoLength = allocate.invoke(arena, 4L);
    peer = allocate.invoke(arena, 128L);
    peerLength = allocate.invoke(arena, 4L);
    asSlice = segmentType.getMethod("asSlice", long.class, long.class);
    toArray = segmentType.getMethod("toArray", Class.forName("java.lang.foreign.ValueLayout$OfByte"));
    setInt = segmentType.getMethod("set", Class.forName("java.lang.foreign.ValueLayout$OfInt"), long.class, int.class);
  }

  private static Object layouts(Class<?> layoutType, Object... layouts) {
    Object array = Array.newInstance(layoutType, layouts.length);
    for (int i = 0; i < layouts.length; i++) {
      Array.set(array, i, layouts[i]);
    }
    return array;
  }

  private static MethodHandle handle(Method downcall, Object linker, Method find, Object lookup, String name,
      Object descriptor, Object options) throws ReflectiveOperationException {
    Optional<?> symbol = (Optional<?>) find.invoke(lookup, name);
    if (symbol.isEmpty()) {
      throw new NoSuchMethodException("libc has no " + name);
    }
    return (MethodHandle) downcall.invoke(linker, symbol.get(), descriptor, options);
  }

  /** The reader on JDK 22+ (Linux), or {@code null} (older JDK, or the FFM API refused). */
  static DescriptorSockets open() {
    if (Runtime.version().feature() < 22) {
      return null;
    }
    try {
      DescriptorSockets sockets = new DescriptorSockets();
      sockets.connections(Set.of(1));
      return sockets;
    } catch (ReflectiveOperationException | IOException | RuntimeException | LinkageError ex) {
      return null;
    }
  }

  /** This process's connected TCP sockets whose remote port is one of {@code ports}, with their counters. */
  synchronized List<KernelSockets.Connection> connections(Set<Integer> ports) throws IOException {
    List<KernelSockets.Connection> result = new ArrayList<>();
    Set<Long> alive = new java.util.HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
      for (Path fd : fds) {
        String target;
        int number;
        try {
          target = Files.readSymbolicLink(fd).toString();
          number = Integer.parseInt(fd.getFileName().toString());
        } catch (IOException | NumberFormatException ex) {
          continue; // a descriptor closed while we read
        }
        if (!target.startsWith("socket:[")) {
          continue;
        }
        long inode = Long.parseLong(target.substring(8, target.length() - 1));
        alive.add(inode);
        Remote remote = remotes.get(inode);
        if (remote == null) {
          remote = peer(number);
          if (remote == null) {
            continue; // not connected (yet), or not an IP socket
          }
          remotes.put(inode, remote);
        }
        if (remote.port() < 0 || !ports.contains(remote.port())) {
          continue;
        }
        KernelSockets.Connection connection = counters(number, inode, remote);
        if (connection != null) {
          result.add(connection);
        }
      }
    }
    remotes.keySet().retainAll(alive);
    return result;
  }

  private Remote peer(int fd) {
    try {
      setInt.invoke(peerLength, javaInt, 0L, 128);
      int status = (int) getpeername.invokeWithArguments(fd, peer, peerLength);
      if (status != 0) {
        return null;
      }
      ByteBuffer data = ByteBuffer.wrap((byte[]) toArray.invoke(asSlice.invoke(peer, 0L, 28L), javaByte))
          .order(ByteOrder.nativeOrder());
      int family = data.getShort(0) & 0xffff;
      int port = ((data.get(2) & 0xff) << 8) | (data.get(3) & 0xff);
      byte[] raw;
      if (family == AF_INET) {
        raw = new byte[4];
        data.position(4);
      } else if (family == AF_INET6) {
        raw = new byte[16];
        data.position(8);
      } else {
        return new Remote("", -1); // a Unix socket: never a service endpoint
      }
      data.get(raw);
      return new Remote(InetAddress.getByAddress(raw).getHostAddress(), port);
    } catch (UnknownHostException ex) {
      return null;
    } catch (Throwable ex) {
      return null;
    }
  }

  private KernelSockets.Connection counters(int fd, long inode, Remote remote) {
    try {
      setInt.invoke(infoLength, javaInt, 0L, INFO_SIZE);
      int status = (int) getsockopt.invokeWithArguments(fd, IPPROTO_TCP, TCP_INFO, info, infoLength);
      if (status != 0) {
        return null; // not TCP (a UDP socket "connected" to the port)
      }
      ByteBuffer data = ByteBuffer.wrap((byte[]) toArray.invoke(asSlice.invoke(info, 0L, (long) INFO_SIZE), javaByte))
          .order(ByteOrder.nativeOrder());
      return new KernelSockets.Connection(inode, remote.address(), remote.port(), data.getLong(128), data.getLong(120),
          data.getInt(152) & 0xffffffffL);
    } catch (Throwable ex) {
      return null;
    }
  }
}
