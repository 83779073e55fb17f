package io.github.authenticity.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.authenticity.agent.boot.Ledger;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * What the agent hooks, and the transformer that does it. Each hook adds a call to {@link Ledger} and changes
 * nothing else: no branch, no local variable, no frame.
 *
 * <table>
 *   <caption>Hooks</caption>
 *   <tr><th>class</th><th>methods</th><th>call</th></tr>
 *   <tr><td>{@code sun.nio.ch.Net}</td><td>{@code connect(ProtocolFamily, FileDescriptor, InetAddress, int)}</td>
 *       <td>{@code connect} at entry: every TCP connect of {@code Socket}, {@code SocketChannel},
 *       {@code AsynchronousSocketChannel} (and so {@code SSLSocket} and {@code java.net.http})</td></tr>
 *   <tr><td>{@code sun.nio.ch.SocketDispatcher}</td><td>{@code read}, {@code readv}, {@code write},
 *       {@code writev}</td><td>{@code read}/{@code readv}/{@code write} with the count returned (reads with the native address, where an
 *       answer's first bytes are classified)</td></tr>
 *   <tr><td>{@code sun.nio.ch.SocketDispatcher} (17-21), {@code sun.nio.ch.UnixDispatcher} (22+)</td>
 *       <td>{@code close(FileDescriptor)}</td><td>{@code close} at entry</td></tr>
 *   <tr><td>{@code sun.security.ssl.SSLSocketImpl$AppInputStream} (as it loads)</td><td>{@code read(byte[], int,
 *       int)}</td><td>{@code plaintext} with the count and the bytes: the start of a TLS answer is read there</td></tr>
 *   <tr><td>{@code *io.netty.channel.unix.FileDescriptor} (relocated copies too)</td><td>{@code read},
 *       {@code readAddress}, {@code write}, {@code writeAddress}, {@code writev}, {@code writevAddresses},
 *       {@code close}</td><td>as above, keyed by the Netty socket</td></tr>
 *   <tr><td>{@code *io.netty.channel.unix.Socket}</td><td>{@code connect(SocketAddress)}, {@code recv},
 *       {@code recvAddress}, {@code send}, {@code sendAddress}</td><td>as above</td></tr>
 *   <tr><td>{@code ThreadPoolExecutor}</td><td>{@code execute}; {@code runWorker} around the task</td>
 *       <td>{@code submit}; {@code enter}/{@code exit}</td></tr>
 *   <tr><td>{@code ScheduledThreadPoolExecutor}</td><td>{@code delayedExecute}</td><td>{@code submit}</td></tr>
 *   <tr><td>{@code ForkJoinPool}, {@code ForkJoinTask}</td><td>{@code execute}, {@code submit(ForkJoinTask)},
 *       {@code fork}, the constructor; {@code doExec}</td><td>{@code submit}; {@code enter}/{@code exit}</td></tr>
 *   <tr><td>{@code CompletableFuture}, {@code CompletableFuture.Completion}</td><td>each call of
 *       {@code tryFire}</td><td>{@code enter}/{@code exit} around it</td></tr>
 *   <tr><td>{@code *io.netty.util.concurrent.SingleThreadEventExecutor}, {@code AbstractEventExecutor}</td>
 *       <td>{@code execute}, {@code lazyExecute}; {@code safeExecute}</td><td>{@code submit};
 *       {@code enter}/{@code exit}</td></tr>
 *   <tr><td>{@code *io.grpc.netty.WriteQueue} (grpc-netty and grpc-netty-shaded)</td><td>{@code enqueue};
 *       {@code flush()}</td><td>{@code joinBatch}; {@code batch}/{@code endBatch}: one flush writes the commands
 *       of every thread that enqueued since the last one, and its bytes are all of theirs</td></tr>
 * </table>
 *
 * <p>Over 300 lines on purpose: it runs in {@code premain}, before any class of the test JVM, and is the one named list
 * of every hook with the bytecode each adds, checked at start; it is not split, so the agent loads as few classes
 * as it can and a hook is never defined apart from its list.
 */
final class Hooks implements ClassFileTransformer {

  private static final String LEDGER = "io/github/authenticity/agent/boot/Ledger";
  private static final String NETTY_FD = "io/netty/channel/unix/FileDescriptor";
  private static final String NETTY_SOCKET = "io/netty/channel/unix/Socket";
  private static final String NETTY_EXECUTOR = "io/netty/util/concurrent/SingleThreadEventExecutor";
  private static final String NETTY_ABSTRACT_EXECUTOR = "io/netty/util/concurrent/AbstractEventExecutor";
  private static final String GRPC_WRITE_QUEUE = "io/grpc/netty/WriteQueue";

  /** The JDK hooks without which socket traffic cannot be observed. */
  private static final List<String> REQUIRED = List.of("sun.nio.ch.Net.connect", "sun.nio.ch.SocketDispatcher.read",
      "sun.nio.ch.SocketDispatcher.readv", "sun.nio.ch.SocketDispatcher.write", "sun.nio.ch.SocketDispatcher.writev");

  /** JDK classes hooked at start (loaded, then transformed or retransformed). */
  private static final String[] JDK_CLASSES = {"sun.nio.ch.Net", "sun.nio.ch.SocketDispatcher",
      "sun.nio.ch.UnixDispatcher", "java.util.concurrent.ThreadPoolExecutor",
      "java.util.concurrent.ScheduledThreadPoolExecutor", "java.util.concurrent.ForkJoinPool",
      "java.util.concurrent.ForkJoinTask", "java.util.concurrent.CompletableFuture",
      "java.util.concurrent.CompletableFuture$Completion"};

  private final Instrumentation instrumentation;
  private final Module bootUnnamed;
  /** Hooks applied, by {@code class.method}. */
  private final Set<String> applied = java.util.concurrent.ConcurrentHashMap.newKeySet();

  Hooks(Instrumentation instrumentation, Class<?> ledger) {
    this.instrumentation = instrumentation;
    this.bootUnnamed = ledger.getModule();
  }

  /** Applies the hooks to the JDK and registers the transformer for Netty's classes; returns what failed. */
  List<String> install() {
    long begin = System.nanoTime();
    instrumentation.addTransformer(this, true);
    // loading a class that is not loaded yet transforms it; only those loaded before the agent are retransformed
    List<Class<?>> earlier = new ArrayList<>();
    for (String name : JDK_CLASSES) {
      try {
        Class<?> type = Class.forName(name, false, null);
        if (!transformed.contains(name.replace('.', '/'))) {
          earlier.add(type);
        }
      } catch (ClassNotFoundException ex) {
        // UnixDispatcher exists from 22 on
      }
    }
    // the agent applies its hooks on a thread of its own while the JVM starts: any class of a hooked kind that the
    // JVM loaded before the transformer was registered (a Netty class, the TLS stream) is rewritten again now
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      String internal = type.getName().replace('.', '/');
      if (!earlier.contains(type) && !transformed.contains(internal) && kind(internal) != null
          && instrumentation.isModifiableClass(type)) {
        earlier.add(type);
      }
    }
    long loadedAt = System.nanoTime();
    List<String> problems = new ArrayList<>();
    if (!earlier.isEmpty()) {
      try {
        instrumentation.retransformClasses(earlier.toArray(new Class<?>[0]));
      } catch (Exception | LinkageError ex) {
        problems.add("the JDK's socket classes could not be hooked (" + ex + ")");
      }
    }
    timing = "loaded and hooked " + (JDK_CLASSES.length - earlier.size()) + " JDK classes in "
        + (loadedAt - begin) / 1_000_000 + " ms, retransformed " + earlier.size() + " in "
        + (System.nanoTime() - loadedAt) / 1_000_000 + " ms";
    String jdk = System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version");
    for (String hook : REQUIRED) {
      if (!applied.contains(hook)) {
        problems.add("hook " + hook + " could not be applied on " + jdk
            + ": the JDK's internals moved, so sockets cannot be observed here (tell the Authenticity project)");
      }
    }
    if (!applied.contains("sun.nio.ch.SocketDispatcher.close") && !applied.contains("sun.nio.ch.UnixDispatcher.close")) {
      // no blind spot (every byte is still seen), so no problem that would make tests unconfirmed: a warning
      System.err.println("[authenticity] agent: hook sun.nio.ch.*Dispatcher.close could not be applied on " + jdk
          + ": closed connections are kept in memory");
    }
    for (String name : applied) {
      Ledger.hooked(name);
    }
    return problems;
  }

  private final Set<String> transformed = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private String timing = "";

  String summary() {
    return timing;
  }

  void problem(String problem) {
    Ledger.problem(problem);
  }

  void activate(String version) {
    Ledger.activate(version);
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
      ProtectionDomain domain, byte[] bytes) {
    if (className == null) {
      return null;
    }
    try {
      Kind kind = kind(className);
      if (kind == null) {
        return null;
      }
      if (kind == Kind.BLIND) {
        Ledger.problem("Netty's io_uring transport is loaded (" + className.replace('/', '.')
            + "): its I/O cannot be observed, so tests that use it are unproven (use epoll or NIO)");
        return null;
      }
      if (module != null && module.isNamed() && !module.canRead(bootUnnamed)) {
        instrumentation.redefineModule(module, Set.of(bootUnnamed), Map.of(), Map.of(), Set.of(), Map.of());
      }
      transformed.add(className);
      ClassReader reader = new ClassReader(bytes);
      ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
      reader.accept(new HookClass(writer, className, kind, applied), 0);
      byte[] result = writer.toByteArray();
      if (kind == Kind.NETTY_FD || kind == Kind.NETTY_SOCKET || kind == Kind.GRPC_WRITE_QUEUE
          || kind == Kind.TLS_APP_IN) {
        Ledger.hooked(className.replace('/', '.'));
      }
      return result;
    } catch (Throwable ex) {
      Ledger.problem("could not hook " + className.replace('/', '.') + " (" + ex + "): its traffic cannot be observed");
      return null;
    }
  }

  enum Kind {
    NET, SOCKET_DISPATCHER, UNIX_DISPATCHER, TLS_APP_IN, TPE, STPE, FJP, FJT, CF, CF_COMPLETION, NETTY_FD, NETTY_SOCKET,
    NETTY_EXECUTOR, NETTY_ABSTRACT_EXECUTOR, GRPC_WRITE_QUEUE, BLIND
  }

  static Kind kind(String name) {
    switch (name) {
      case "sun/nio/ch/Net":
        return Kind.NET;
      case "sun/nio/ch/SocketDispatcher":
        return Kind.SOCKET_DISPATCHER;
      case "sun/nio/ch/UnixDispatcher":
        return Kind.UNIX_DISPATCHER;
      case "java/util/concurrent/ThreadPoolExecutor":
        return Kind.TPE;
      case "java/util/concurrent/ScheduledThreadPoolExecutor":
        return Kind.STPE;
      case "java/util/concurrent/ForkJoinPool":
        return Kind.FJP;
      case "java/util/concurrent/ForkJoinTask":
        return Kind.FJT;
      case "java/util/concurrent/CompletableFuture":
        return Kind.CF;
      case "java/util/concurrent/CompletableFuture$Completion":
        return Kind.CF_COMPLETION;
      case "sun/security/ssl/SSLSocketImpl$AppInputStream":
        return Kind.TLS_APP_IN;
      default:
        break;
    }
    if (name.indexOf("netty") < 0) {
      return null;
    }
    if (name.endsWith(NETTY_FD)) {
      return Kind.NETTY_FD;
    }
    if (name.endsWith(NETTY_SOCKET) || name.endsWith("io/netty/channel/epoll/LinuxSocket")) {
      return Kind.NETTY_SOCKET;
    }
    if (name.endsWith(NETTY_EXECUTOR)) {
      return Kind.NETTY_EXECUTOR;
    }
    if (name.endsWith(NETTY_ABSTRACT_EXECUTOR)) {
      return Kind.NETTY_ABSTRACT_EXECUTOR;
    }
    if (name.endsWith(GRPC_WRITE_QUEUE)) {
      return Kind.GRPC_WRITE_QUEUE;
    }
    if ((name.contains("io/netty/channel/uring/") || name.contains("io/netty/incubator/channel/uring/"))
        && name.endsWith("IoUringSocketChannel")) {
      return Kind.BLIND;
    }
    return null;
  }

  /** Adds the calls to one class's methods. */
  private static final class HookClass extends ClassVisitor {
    private final String className;
    private final Kind kind;
    private final Set<String> applied;

    HookClass(ClassVisitor next, String className, Kind kind, Set<String> applied) {
      super(Opcodes.ASM9, next);
      this.className = className;
      this.kind = kind;
      this.applied = applied;
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
        String[] exceptions) {
      MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
      if ((access & (Opcodes.ACC_NATIVE | Opcodes.ACC_ABSTRACT)) != 0) {
        return next;
      }
      boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
      MethodVisitor hooked = hook(next, name, descriptor, isStatic);
      if (hooked != next) {
        applied.add(className.replace('/', '.') + "." + name);
      }
      return hooked;
    }

    private MethodVisitor hook(MethodVisitor next, String name, String descriptor, boolean isStatic) {
      switch (kind) {
        case NET:
          if (name.equals("connect") && isStatic
              && descriptor.equals("(Ljava/net/ProtocolFamily;Ljava/io/FileDescriptor;Ljava/net/InetAddress;I)I")) {
            return new AtEntry(next, "connect", "(Ljava/lang/Object;Ljava/net/InetAddress;I)V",
                new int[] {Opcodes.ALOAD, 1, Opcodes.ALOAD, 2, Opcodes.ILOAD, 3});
          }
          return next;
        case SOCKET_DISPATCHER:
        case UNIX_DISPATCHER:
          if (isStatic) {
            return next;
          }
          if (kind == Kind.SOCKET_DISPATCHER && (name.equals("read") || name.equals("readv"))
              && descriptor.startsWith("(Ljava/io/FileDescriptor;J")) {
            // the native address the bytes were read to: the ledger reads an answer's first bytes there
            return new AtReturn(next, name, 1, new int[] {Opcodes.LLOAD, 2});
          }
          if (kind == Kind.SOCKET_DISPATCHER && (name.equals("write") || name.equals("writev"))
              && descriptor.startsWith("(Ljava/io/FileDescriptor;J")) {
            return writeHook(next, 1);
          }
          if (name.equals("close") && descriptor.equals("(Ljava/io/FileDescriptor;)V")) {
            return new AtEntry(next, "close", "(Ljava/lang/Object;)V", new int[] {Opcodes.ALOAD, 1});
          }
          return next;
        case NETTY_FD:
        case NETTY_SOCKET:
          return nettyIo(next, name, descriptor, isStatic);
        case TLS_APP_IN:
          // the plaintext an SSLSocket returns: the start of a TLS answer is read there
          return name.equals("read") && !isStatic && descriptor.equals("([BII)I") ? new Plaintext(next) : next;
        case TPE:
          if (name.equals("execute") && descriptor.equals("(Ljava/lang/Runnable;)V")) {
            return submitArgument(next);
          }
          if (name.equals("runWorker")) {
            return new AroundTask(next);
          }
          return next;
        case STPE:
          if (name.equals("delayedExecute")) {
            return submitArgument(next);
          }
          return next;
        case FJP:
          if ((name.equals("execute") || name.equals("submit")) && !isStatic
              && (descriptor.equals("(Ljava/util/concurrent/ForkJoinTask;)V")
              || descriptor.equals("(Ljava/lang/Runnable;)V")
              || descriptor.equals("(Ljava/util/concurrent/ForkJoinTask;)Ljava/util/concurrent/ForkJoinTask;"))) {
            return submitArgument(next);
          }
          return next;
        case FJT:
          if (name.equals("<init>")) {
            // every task (an adapted Callable, a CompletableFuture stage, a RecursiveTask) belongs to the window
            // that created it
            return new BeforeReturn(next);
          }
          if (name.equals("fork") && !isStatic && descriptor.equals("()Ljava/util/concurrent/ForkJoinTask;")) {
            return new AtEntry(next, "submit", "(Ljava/lang/Object;)V", new int[] {Opcodes.ALOAD, 0});
          }
          if (name.equals("doExec") && !isStatic && (descriptor.equals("()I") || descriptor.equals("()V"))) {
            return new Enclosing(next, 0);
          }
          return next;
        case CF_COMPLETION:
          return name.equals("run") || name.equals("exec") ? new AroundTryFire(next) : next;
        case CF:
          // the methods that call tryFire (17 to 25); the others are copied as they are
          return name.equals("postComplete") || name.equals("unipush") || name.equals("bipush")
              || name.equals("orpush") ? new AroundTryFire(next) : next;
        case NETTY_EXECUTOR:
          if ((name.equals("execute") || name.equals("lazyExecute")) && !isStatic
              && descriptor.equals("(Ljava/lang/Runnable;)V")) {
            return submitArgument(next);
          }
          return next;
        case NETTY_ABSTRACT_EXECUTOR:
          if (name.equals("safeExecute") && isStatic && descriptor.equals("(Ljava/lang/Runnable;)V")) {
            return new Enclosing(next, 0);
          }
          return next;
        case GRPC_WRITE_QUEUE:
          if (name.equals("enqueue") && !isStatic && descriptor.contains("Z)")) {
            return new AtEntry(next, "joinBatch", "(Ljava/lang/Object;)V", new int[] {Opcodes.ALOAD, 0});
          }
          if (name.equals("flush") && !isStatic && descriptor.equals("()V")) {
            return new AroundBatch(next);
          }
          return next;
        default:
          return next;
      }
    }

    private MethodVisitor nettyIo(MethodVisitor next, String name, String descriptor, boolean isStatic) {
      if (isStatic) {
        return next;
      }
      boolean counted = descriptor.endsWith(")I") || descriptor.endsWith(")J");
      if (kind == Kind.NETTY_FD) {
        if (counted && name.equals("readAddress") && descriptor.startsWith("(JII)")) {
          return new AtReturn(next, "read", 0, NETTY_ADDRESS);
        }
        if (counted && (name.equals("read") || name.equals("readAddress"))) {
          return new AtReturn(next, "read", 0);
        }
        if (counted && (name.equals("write") || name.equals("writeAddress") || name.equals("writev")
            || name.equals("writevAddresses"))) {
          return writeHook(next, 0);
        }
        if (name.equals("close") && descriptor.equals("()V")) {
          return new AtEntry(next, "close", "(Ljava/lang/Object;)V", new int[] {Opcodes.ALOAD, 0});
        }
        return next;
      }
      if (name.equals("connect") && descriptor.equals("(Ljava/net/SocketAddress;)Z")) {
        return new AtEntry(next, "connect", "(Ljava/lang/Object;Ljava/lang/Object;)V",
            new int[] {Opcodes.ALOAD, 0, Opcodes.ALOAD, 1});
      }
      if (counted && name.equals("recvAddress") && descriptor.startsWith("(JII)")) {
        return new AtReturn(next, "read", 0, NETTY_ADDRESS);
      }
      if (counted && (name.equals("recv") || name.equals("recvAddress"))) {
        return new AtReturn(next, "read", 0);
      }
      if (counted && (name.equals("send") || name.equals("sendAddress") || name.equals("sendFile"))) {
        return writeHook(next, 0);
      }
      return next;
    }

    /** {@code writing(key)} at entry (the writer is known before the answer can come) and {@code write} at return. */
    private static MethodVisitor writeHook(MethodVisitor next, int keySlot) {
      return new AtEntry(new AtReturn(next, "write", keySlot), "writing", "(Ljava/lang/Object;)V",
          new int[] {Opcodes.ALOAD, keySlot});
    }

    private static MethodVisitor submitArgument(MethodVisitor next) {
      return new AtEntry(next, "submit", "(Ljava/lang/Object;)V", new int[] {Opcodes.ALOAD, 1});
    }
  }

  /** Calls the ledger at the method's entry with the given loads ({@code opcode, slot} pairs). */
  private static final class AtEntry extends MethodVisitor {
    private final String method;
    private final String descriptor;
    private final int[] loads;

    AtEntry(MethodVisitor next, String method, String descriptor, int[] loads) {
      super(Opcodes.ASM9, next);
      this.method = method;
      this.descriptor = descriptor;
      this.loads = loads;
    }

    @Override
    public void visitCode() {
      super.visitCode();
      for (int i = 0; i < loads.length; i += 2) {
        super.visitVarInsn(loads[i], loads[i + 1]);
      }
      super.visitMethodInsn(Opcodes.INVOKESTATIC, LEDGER, method, descriptor, false);
    }
  }

  /** Netty's {@code readAddress(long address, int pos, int limit)}: the bytes start at {@code address + pos}. */
  private static final int[] NETTY_ADDRESS = {Opcodes.LLOAD, 1, Opcodes.ILOAD, 3, Opcodes.I2L, -1, Opcodes.LADD, -1};

  /**
   * Before each {@code ireturn}/{@code lreturn}: the ledger's {@code read} or {@code write} with the count and key,
   * and for reads into native memory the address ({@code opcode, slot} pairs that push one {@code long}; a slot of
   * {@code -1} is an instruction without operand).
   */
  private static final class AtReturn extends MethodVisitor {
    private final String method;
    private final int keySlot;
    private final int[] address;

    AtReturn(MethodVisitor next, String method, int keySlot) {
      this(next, method, keySlot, null);
    }

    AtReturn(MethodVisitor next, String method, int keySlot, int[] address) {
      super(Opcodes.ASM9, next);
      this.method = method;
      this.keySlot = keySlot;
      this.address = address;
    }

    @Override
    public void visitInsn(int opcode) {
      if (opcode == Opcodes.IRETURN) {
        super.visitInsn(Opcodes.DUP);
        super.visitInsn(Opcodes.I2L);
        call();
      } else if (opcode == Opcodes.LRETURN) {
        super.visitInsn(Opcodes.DUP2);
        call();
      }
      super.visitInsn(opcode);
    }

    private void call() {
      super.visitVarInsn(Opcodes.ALOAD, keySlot);
      if (address == null) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, LEDGER, method, "(JLjava/lang/Object;)V", false);
        return;
      }
      for (int i = 0; i < address.length; i += 2) {
        if (address[i + 1] < 0) {
          super.visitInsn(address[i]);
        } else {
          super.visitVarInsn(address[i], address[i + 1]);
        }
      }
      super.visitMethodInsn(Opcodes.INVOKESTATIC, LEDGER, method, "(JLjava/lang/Object;J)V", false);
    }
  }

  /**
   * {@code enter(task)} at entry and {@code exit()} before each return, for methods that catch everything their
   * task throws ({@code ForkJoinTask.doExec}, Netty's {@code safeExecute}).
   */
  private static final class Enclosing extends MethodVisitor {
    private final int taskSlot;

    Enclosing(MethodVisitor next, int taskSlot) {
      super(Opcodes.ASM9, next);
      this.taskSlot = taskSlot;
    }

    @Override
    public void visitCode() {
      super.visitCode();
      super.visitVarInsn(Opcodes.ALOAD, taskSlot);
      super.visitMethodInsn(Opcodes.INVOKESTATIC, LEDGER, "enter", "(Ljava/lang/Object;)V", false);
    }

    @Override
    public void visitInsn(int opcode) {
      if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, LEDGER, "exit", "()V", false);
      }
      super.visitInsn(opcode);
    }
  }

  /** {@code batch(this)} at entry and {@code endBatch()} before each return (an exception ends with its task). */
  private static final class AroundBatch extends MethodVisitor {
    AroundBatch(MethodVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public void visitCode() {
      super.visitCode();
      super.visitVarInsn(Opcodes.ALOAD, 0);
      super.visitMethodInsn(Opcodes.INVOKESTATIC, LEDGER, "batch", "(Ljava/lang/Object;)V", false);
    }

    @Override
    public void visitInsn(int opcode) {
      if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, LEDGER, "endBatch", "()V", false);
      }
      super.visitInsn(opcode);
    }
  }

  /** Before each {@code ireturn} of {@code read(byte[], int, int)}: {@code plaintext(count, bytes, offset)}. */
  private static final class Plaintext extends MethodVisitor {
    Plaintext(MethodVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public void visitInsn(int opcode) {
      if (opcode == Opcodes.IRETURN) {
        super.visitInsn(Opcodes.DUP);
        super.visitVarInsn(Opcodes.ALOAD, 1);
        super.visitVarInsn(Opcodes.ILOAD, 2);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, LEDGER, "plaintext", "(I[BI)V", false);
      }
      super.visitInsn(opcode);
    }
  }

  /** {@code submit(this)} before the constructor returns: a completion belongs to the window that created it. */
  private static final class BeforeReturn extends MethodVisitor {
    BeforeReturn(MethodVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public void visitInsn(int opcode) {
      if (opcode == Opcodes.RETURN) {
        super.visitVarInsn(Opcodes.ALOAD, 0);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, LEDGER, "submit", "(Ljava/lang/Object;)V", false);
      }
      super.visitInsn(opcode);
    }
  }

  /**
   * Around each call of {@code Completion.tryFire(int)}: {@code enter(completion)} before, {@code exit()} after, so
   * that a dependent stage runs in the window that created it, whichever thread completes its source (a client's
   * selector thread completing a connect).
   */
  private static final class AroundTryFire extends MethodVisitor {
    AroundTryFire(MethodVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
      boolean tryFire = name.equals("tryFire") && descriptor.equals("(I)Ljava/util/concurrent/CompletableFuture;");
      if (tryFire) {
        // [completion, mode] -> [mode, completion, completion] -> enter -> [completion, mode]
        super.visitInsn(Opcodes.SWAP);
        super.visitInsn(Opcodes.DUP);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, LEDGER, "enter", "(Ljava/lang/Object;)V", false);
        super.visitInsn(Opcodes.SWAP);
      }
      super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
      if (tryFire) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, LEDGER, "exit", "()V", false);
      }
    }
  }

  /**
   * {@code ThreadPoolExecutor.runWorker}: {@code enter(task)} just before {@code beforeExecute(thread, task)} (the
   * task is on top of the stack) and {@code exit()} before each {@code afterExecute}, the normal and the
   * exceptional one.
   */
  private static final class AroundTask extends MethodVisitor {
    AroundTask(MethodVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
      if (name.equals("beforeExecute") && descriptor.equals("(Ljava/lang/Thread;Ljava/lang/Runnable;)V")) {
        super.visitInsn(Opcodes.DUP);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, LEDGER, "enter", "(Ljava/lang/Object;)V", false);
      } else if (name.equals("afterExecute") && descriptor.equals("(Ljava/lang/Runnable;Ljava/lang/Throwable;)V")) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, LEDGER, "exit", "()V", false);
      }
      super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }
  }
}
