package io.github.authenticity.core.detect;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's {@code tcp_info} counters of established TCP connections read in-process through the
 * sock_diag netlink interface (what {@code ss} uses), with the Foreign Function and Memory API of JDK 22+
 * called reflectively (this code compiles for Java 17): no process per query. On JDK 22+ the JDK prints
 * its one-time "restricted method" warning unless the test JVM runs with
 * {@code --enable-native-access=ALL-UNNAMED}.
 */
final class NetlinkSockets {

  private static final int AF_NETLINK = 16;
  private static final int AF_INET = 2;
  private static final int AF_INET6 = 10;
  private static final int SOCK_DGRAM_CLOEXEC = 2 | 0x80000;
  private static final int NETLINK_SOCK_DIAG = 4;
  private static final int SOCK_DIAG_BY_FAMILY = 20;
  private static final int NLM_F_REQUEST_DUMP = 0x301;
  private static final int NLMSG_ERROR = 2;
  private static final int NLMSG_DONE = 3;
  private static final int INET_DIAG_INFO = 2;
  private static final int TCP_ESTABLISHED = 1;
  private static final int BUFFER = 1 << 16;

  private final MethodHandle socket;
  private final MethodHandle send;
  private final MethodHandle recv;
  private final MethodHandle close;
  private final Object request;
  private final Object buffer;
  private final Method copyFrom;
  private final Method asSlice;
  private final Method toArray;
  private final Method ofArray;
  private final Object javaByte;
  private int sequence;

  private NetlinkSockets() throws ReflectiveOperationException {
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
    Object javaInt = valueLayout.getField("JAVA_INT").get(null);
    Object javaLong = valueLayout.getField("JAVA_LONG").get(null);
    Object address = valueLayout.getField("ADDRESS").get(null);
    javaByte = valueLayout.getField("JAVA_BYTE").get(null);
    Method of = descriptorType.getMethod("of", layoutType, layoutType.arrayType());
    Method find = lookupType.getMethod("find", String.class);
    Method downcall = linkerType.getMethod("downcallHandle", segmentType, descriptorType, optionType.arrayType());
    Object noOptions = java.lang.reflect.Array.newInstance(optionType, 0);
    socket = handle(downcall, linker, find, lookup, "socket", of.invoke(null, javaInt, layouts(layoutType, javaInt,
        javaInt, javaInt)), noOptions);
    send = handle(downcall, linker, find, lookup, "send", of.invoke(null, javaLong, layouts(layoutType, javaInt,
        address, javaLong, javaInt)), noOptions);
    recv = handle(downcall, linker, find, lookup, "recv", of.invoke(null, javaLong, layouts(layoutType, javaInt,
        address, javaLong, javaInt)), noOptions);
    close = handle(downcall, linker, find, lookup, "close", of.invoke(null, javaInt, layouts(layoutType, javaInt)),
        noOptions);
    Object arena = arenaType.getMethod("global").invoke(null);
    Method allocate = arenaType.getMethod("allocate", long.class);
    request = allocate.invoke(arena, 72L);
    buffer = allocate.invoke(arena, (long) BUFFER);
    copyFrom = segmentType.getMethod("copyFrom", segmentType);
    asSlice = segmentType.getMethod("asSlice", long.class, long.class);
    toArray = segmentType.getMethod("toArray", Class.forName("java.lang.foreign.ValueLayout$OfByte"));
    ofArray = segmentType.getMethod("ofArray", byte[].class);
  }

  private static Object layouts(Class<?> layoutType, Object... layouts) {
    Object array = java.lang.reflect.Array.newInstance(layoutType, layouts.length);
    for (int i = 0; i < layouts.length; i++) {
      java.lang.reflect.Array.set(array, i, layouts[i]);
    }
    return array;
  }

  private static MethodHandle handle(Method downcall, Object linker, Method find, Object lookup, String name,
      Object descriptor, Object options) throws ReflectiveOperationException {
    java.util.Optional<?> symbol = (java.util.Optional<?>) find.invoke(lookup, name);
    if (symbol.isEmpty()) {
      throw new NoSuchMethodException("libc has no " + name);
    }
    return (MethodHandle) downcall.invoke(linker, symbol.get(), descriptor, options);
  }

  /** The reader on JDK 22+, or {@code null} (older JDK, or the FFM API refused). */
  static NetlinkSockets open() {
    if (Runtime.version().feature() < 22) {
      return null;
    }
    try {
      NetlinkSockets sockets = new NetlinkSockets();
      sockets.connections();
      return sockets;
    } catch (ReflectiveOperationException | IOException | RuntimeException | LinkageError ex) {
      return null;
    }
  }

  /** A connection with the kernel's id of its socket (family and {@code inet_diag_sockid}), for {@link #lookup}. */
  record Entry(int family, byte[] id, KernelSockets.Connection connection) {
  }

  /** Every established TCP connection of the network namespace (IPv4 and IPv6), with its counters. */
  synchronized List<KernelSockets.Connection> connections() throws IOException {
    List<KernelSockets.Connection> result = new ArrayList<>();
    for (Entry entry : dump()) {
      result.add(entry.connection());
    }
    return result;
  }

  /**
   * Every TCP socket of the network namespace in any state, with its id. Walks the kernel's whole
   * established-connection hash table once per address family: measured 4.9-5.1 ms on a machine with
   * 262,144 buckets, so it is done only when a socket of this process is new.
   */
  synchronized List<Entry> dump() throws IOException {
    List<Entry> result = new ArrayList<>();
    int fd = openNetlink();
    try {
      query(fd, AF_INET, null, result);
      query(fd, AF_INET6, null, result);
    } finally {
      closeQuietly(fd);
    }
    return result;
  }

  /**
   * The connections with {@code ids} (family and socket id from {@link #dump()}), each found directly in
   * the kernel's hash table (no walk); a closed one is missing from the answer.
   */
  synchronized List<Entry> lookup(List<Entry> ids) throws IOException {
    List<Entry> result = new ArrayList<>();
    if (ids.isEmpty()) {
      return result;
    }
    int fd = openNetlink();
    try {
      for (Entry id : ids) {
        query(fd, id.family(), id.id(), result);
      }
    } finally {
      closeQuietly(fd);
    }
    return result;
  }

  private int openNetlink() throws IOException {
    int fd;
    try {
      fd = (int) socket.invokeWithArguments(AF_NETLINK, SOCK_DGRAM_CLOEXEC, NETLINK_SOCK_DIAG);
    } catch (Throwable ex) {
      throw new IOException("socket(AF_NETLINK) failed: " + ex, ex);
    }
    if (fd < 0) {
      throw new IOException("socket(AF_NETLINK, NETLINK_SOCK_DIAG) was refused");
    }
    return fd;
  }

  private void closeQuietly(int fd) {
    try {
      close.invokeWithArguments(fd);
    } catch (Throwable ex) {
      // nothing more to do with a descriptor that would not close
    }
  }

  /** A dump of {@code family} ({@code id == null}), or the one socket {@code id}. */
  private void query(int fd, int family, byte[] id, List<Entry> result) throws IOException {
    ByteBuffer message = ByteBuffer.allocate(72).order(ByteOrder.nativeOrder());
    message.putInt(72).putShort((short) SOCK_DIAG_BY_FAMILY).putShort((short) (id == null ? NLM_F_REQUEST_DUMP : 1))
        .putInt(++sequence).putInt(0);
    message.put((byte) family).put((byte) 6).put((byte) (1 << (INET_DIAG_INFO - 1))).put((byte) 0)
        .putInt(id == null ? -1 : 1 << TCP_ESTABLISHED);
    if (id != null) {
      message.put(id);
    }
    try {
      copyFrom.invoke(request, ofArray.invoke(null, (Object) message.array()));
      long sent = (long) send.invokeWithArguments(fd, request, 72L, 0);
      if (sent != 72) {
        throw new IOException("the sock_diag request was not sent (" + sent + ")");
      }
      while (true) {
        long received = (long) recv.invokeWithArguments(fd, buffer, (long) BUFFER, 0);
        if (received <= 0) {
          throw new IOException("the sock_diag answer could not be read (" + received + ")");
        }
        byte[] bytes = (byte[]) toArray.invoke(asSlice.invoke(buffer, 0L, received), javaByte);
        if (parse(ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()), family, result) || id != null) {
          return;
        }
      }
    } catch (IOException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new IOException("the sock_diag query failed: " + ex, ex);
    }
  }

  /** Parses one datagram of answers; {@code true} when the dump is done. */
  static boolean parse(ByteBuffer data, int family, List<Entry> result) throws IOException {
    while (data.remaining() >= 16) {
      int start = data.position();
      int length = data.getInt(start);
      int type = data.getShort(start + 4) & 0xffff;
      if (length < 16 || start + length > data.limit()) {
        return true;
      }
      if (type == NLMSG_DONE) {
        return true;
      }
      if (type == NLMSG_ERROR) {
        int error = data.getInt(start + 16);
        if (error == -2) {
          return true; // ENOENT: the socket looked up is closed
        }
        throw new IOException("the kernel refused the sock_diag query (error " + error + ")");
      }
      int body = start + 16;
      if (length >= 16 + 72) {
        int port = ((data.get(body + 6) & 0xff) << 8) | (data.get(body + 7) & 0xff);
        byte[] raw = new byte[family == AF_INET ? 4 : 16];
        for (int i = 0; i < raw.length; i++) {
          raw[i] = data.get(body + 24 + i);
        }
        long inode = data.getInt(body + 68) & 0xffffffffL;
        long bytesAcked = 0;
        long bytesReceived = 0;
        long segmentsIn = 0;
        int attribute = body + 72;
        while (attribute + 4 <= start + length) {
          int attributeLength = data.getShort(attribute) & 0xffff;
          int attributeType = data.getShort(attribute + 2) & 0xffff;
          if (attributeLength < 4) {
            break;
          }
          int info = attribute + 4;
          int infoLength = attributeLength - 4;
          if (attributeType == INET_DIAG_INFO) {
            bytesAcked = infoLength >= 128 ? data.getLong(info + 120) : 0;
            bytesReceived = infoLength >= 136 ? data.getLong(info + 128) : 0;
            segmentsIn = infoLength >= 156 ? data.getInt(info + 152) & 0xffffffffL : 0;
          }
          attribute += (attributeLength + 3) & ~3;
        }
        byte[] id = new byte[48];
        for (int i = 0; i < id.length; i++) {
          id[i] = data.get(body + 4 + i);
        }
        result.add(new Entry(family, id, new KernelSockets.Connection(inode, address(raw), port, bytesReceived,
            bytesAcked, segmentsIn)));
      }
      data.position(start + ((length + 3) & ~3));
    }
    return false;
  }

  private static String address(byte[] raw) {
    try {
      return InetAddress.getByAddress(raw).getHostAddress();
    } catch (UnknownHostException ex) {
      return "";
    }
  }
}
