package io.github.authenticity.core.detect;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * {@link Libc} through the Foreign Function and Memory API of JDK 22+, called reflectively (this code
 * compiles for Java 17). The JDK prints its one-time "restricted method" warning unless the test JVM runs
 * with {@code --enable-native-access=ALL-UNNAMED}.
 */
final class FfmLibc extends Libc {

  /** {@code (int, int, int, Object, Object) int}, invoked exactly (no boxing, no varargs). */
  private final MethodHandle getsockopt;
  /** {@code (int, Object, Object) int}. */
  private final MethodHandle getpeername;
  /** {@code (int, Object) int}, or {@code null} when libc has no {@code fstat} symbol. */
  private final MethodHandle fstat;
  /** {@code (Object, Object) int}: {@code stat} by path, or {@code null} when libc has no such symbol. */
  private final MethodHandle statByPath;
  /** {@code "/proc/self/fd"}, NUL-terminated, for {@link #statByPath}. */
  private final Object procFd;
  private final Object infoSegment;
  private final Object infoLengthSegment;
  private final Object peerSegment;
  private final Object peerLengthSegment;
  private final Object statSegment;

  private FfmLibc(Segments segments, MethodHandle getsockopt, MethodHandle getpeername, MethodHandle fstat,
      MethodHandle statByPath, Object procFd) {
    super(segments.buffers[0], segments.buffers[1], segments.buffers[2], segments.buffers[3], segments.buffers[4]);
    this.getsockopt = getsockopt;
    this.getpeername = getpeername;
    this.fstat = fstat;
    this.statByPath = statByPath;
    this.procFd = procFd;
    this.infoSegment = segments.segments[0];
    this.infoLengthSegment = segments.segments[1];
    this.peerSegment = segments.segments[2];
    this.peerLengthSegment = segments.segments[3];
    this.statSegment = segments.segments[4];
  }

  /** Native memory for the five buffers, and their {@link ByteBuffer} views. */
  private record Segments(Object[] segments, ByteBuffer[] buffers) {
  }

  /** The calls on JDK 22+, or {@code null} (an older JDK). */
  static FfmLibc open() throws ReflectiveOperationException {
    if (Runtime.version().feature() < 22) {
      return null;
    }
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
    Object address = valueLayout.getField("ADDRESS").get(null);
    Method of = descriptorType.getMethod("of", layoutType, layoutType.arrayType());
    Method find = lookupType.getMethod("find", String.class);
    Method downcall = linkerType.getMethod("downcallHandle", segmentType, descriptorType, optionType.arrayType());
    Object noOptions = Array.newInstance(optionType, 0);
    MethodHandle getsockopt = handle(downcall, linker, find, lookup, "getsockopt",
        of.invoke(null, javaInt, layouts(layoutType, javaInt, javaInt, javaInt, address, address)), noOptions)
        .asType(MethodType.methodType(int.class, int.class, int.class, int.class, Object.class, Object.class));
    MethodHandle getpeername = handle(downcall, linker, find, lookup, "getpeername",
        of.invoke(null, javaInt, layouts(layoutType, javaInt, address, address)), noOptions)
        .asType(MethodType.methodType(int.class, int.class, Object.class, Object.class));
    // glibc before 2.33 exports only __fxstat and __xstat: then the links are read, and the directory listed
    MethodHandle fstat = optional(downcall, linker, find, lookup, "fstat",
        of.invoke(null, javaInt, layouts(layoutType, javaInt, address)), noOptions,
        MethodType.methodType(int.class, int.class, Object.class));
    MethodHandle statByPath = optional(downcall, linker, find, lookup, "stat",
        of.invoke(null, javaInt, layouts(layoutType, address, address)), noOptions,
        MethodType.methodType(int.class, Object.class, Object.class));
    Object arena = arenaType.getMethod("global").invoke(null);
    Method allocate = arenaType.getMethod("allocate", long.class);
    Method asByteBuffer = segmentType.getMethod("asByteBuffer");
    long[] sizes = {INFO_SIZE, 4, PEER_SIZE, 4, STAT_SIZE};
    Object[] segments = new Object[sizes.length];
    ByteBuffer[] buffers = new ByteBuffer[sizes.length];
    for (int i = 0; i < sizes.length; i++) {
      segments[i] = allocate.invoke(arena, sizes[i]);
      buffers[i] = ((ByteBuffer) asByteBuffer.invoke(segments[i])).order(ByteOrder.nativeOrder());
    }
    byte[] path = procFdPath();
    Object procFd = allocate.invoke(arena, (long) path.length);
    ((ByteBuffer) asByteBuffer.invoke(procFd)).put(0, path);
    return new FfmLibc(new Segments(segments, buffers), getsockopt, getpeername, fstat, statByPath, procFd);
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

  /** {@link #handle} adapted to {@code type}, or {@code null} when libc has no such symbol. */
  private static MethodHandle optional(Method downcall, Object linker, Method find, Object lookup, String name,
      Object descriptor, Object options, MethodType type) throws ReflectiveOperationException {
    try {
      return handle(downcall, linker, find, lookup, name, descriptor, options).asType(type);
    } catch (NoSuchMethodException ex) {
      return null;
    }
  }

  @Override
  String how() {
    return "getsockopt(TCP_INFO) on this process's descriptors through the FFM API";
  }

  @Override
  boolean hasFstat() {
    return fstat != null;
  }

  @Override
  boolean hasStat() {
    return statByPath != null;
  }

  @Override
  int fstat(int fd) throws Throwable {
    return (int) fstat.invokeExact(fd, statSegment);
  }

  @Override
  int statProcFd() throws Throwable {
    return (int) statByPath.invokeExact(procFd, statSegment);
  }

  @Override
  int getpeername(int fd) throws Throwable {
    return (int) getpeername.invokeExact(fd, peerSegment, peerLengthSegment);
  }

  @Override
  int tcpInfo(int fd) throws Throwable {
    return (int) getsockopt.invokeExact(fd, IPPROTO_TCP, TCP_INFO, infoSegment, infoLengthSegment);
  }
}
