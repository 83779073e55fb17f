package io.github.authenticity.agent.boot;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's ledger of TCP connections, on the boot class path so that the JDK's own socket classes and
 * Netty's native transport can call it. It counts the bytes each connection this JVM opened exchanges with its
 * peer at the moment they move, and credits them to the observation windows the Authenticity extension opens
 * around each guarded test.
 *
 * <h2>Who gets the bytes</h2>
 * A write is the window's of the thread that writes: the test's own thread, or a thread running a task that a
 * test thread submitted to an executor (the agent carries the window through {@code ThreadPoolExecutor},
 * {@code ScheduledThreadPoolExecutor}, {@code ForkJoinPool} and Netty's event loops). A read is an answer to the
 * writes before it: it is credited to every open window that wrote on the connection since its previous answer,
 * else to the reading thread's window. A read that no window wrote for (a client's own thread writing outside
 * any test) is nobody's: it proves the only window open, if one alone is, and otherwise is "shared" traffic of
 * every open window (no proof, never evidence). The late answer of a closed window is nobody's, for no one.
 *
 * <p>Everything here runs inside the JDK's I/O paths: it never throws, never does I/O and never calls user
 * code (tasks are keyed by identity). It depends on {@code java.base} alone, and uses no lambda and no
 * {@code invokedynamic} (it is compiled with inline string concatenation), so it links nothing at run time.
 *
 * <p>Over 300 lines on purpose: it sits on the boot class path, where every class is one more the JDK's socket paths
 * load and link, so the connections, the windows and the crediting stay in this one class and its nested records.
 */
public final class Ledger {

  /** Connections this JVM opened, by the object that holds their descriptor (the JDK's or Netty's). */
  private static final Map<Object, Conn> CONNECTIONS = new ConcurrentHashMap<>();
  /** Tasks submitted from a window, by identity, until they run or the window closes. */
  private static final Map<Key, Window> TASKS = new ConcurrentHashMap<>();
  /**
   * Write queues that batch the commands of several threads into one flush (gRPC's {@code WriteQueue}), by
   * identity: the writers of the commands enqueued since the queue's last flush started.
   */
  private static final Map<Key, Writers> BATCHES = new ConcurrentHashMap<>();
  private static final Window[] NO_WINDOWS = new Window[0];
  private static final Set<Window> OPEN = ConcurrentHashMap.newKeySet();
  private static final AtomicInteger OPEN_COUNT = new AtomicInteger();
  /** Threads now in {@link #ignore()}: while one is, no read is the only open window's for being alone. */
  private static final AtomicInteger IGNORING = new AtomicInteger();
  private static final ThreadLocal<Slot> SLOT = new InheritableThreadLocal<>() {
    @Override
    protected Slot initialValue() {
      return new Slot(null);
    }

    @Override
    protected Slot childValue(Slot parent) {
      // a thread started in a window (by the test, or by a client the test created) is weakly the window's
      Window window = parent.context != null && parent.context.open ? parent.context : parent.inherited;
      return new Slot(window != null && window.open && window != IGNORED ? window : null);
    }
  };
  /** The label of an answer whose protocol is not classified (or that could not be read). */
  public static final String OTHER = "?";
  /** The label of a protocol step that is no answer ({@link Answers#HANDSHAKE}). */
  public static final String HANDSHAKE = Answers.HANDSHAKE;
  /** A keep-alive ({@link Answers#HEARTBEAT}): never credited with this label (a credited one is {@link #OTHER}). */
  private static final String HEARTBEAT = Answers.HEARTBEAT;
  /** Writes by a thread of no window. */
  private static final Window NOBODY = new Window("(nobody)", false);
  /** The context of threads whose traffic never counts (the preflight's probes). */
  private static final Window IGNORED = new Window("(ignored)", false);
  private static final List<String> PROBLEMS = Collections.synchronizedList(new ArrayList<>());
  private static final List<String> HOOKS = Collections.synchronizedList(new ArrayList<>());
  private static volatile boolean active;
  private static volatile String agentVersion;
  /** Opened when the agent's start has ended, with its hooks in place or not ({@link #startEnded}). */
  private static final java.util.concurrent.CountDownLatch START = new java.util.concurrent.CountDownLatch(1);
  /** {@code -Dauthenticity.agent.debug=true}: every counted read and write on the console (diagnostics only). */
  private static boolean debug;

  private Ledger() {
  }

  // ------------------------------------------------------------------ called by the agent at start

  /** Called once the agent has applied its hooks. */
  public static void activate(String version) {
    debug = Boolean.getBoolean("authenticity.agent.debug");
    agentVersion = version;
    active = true;
  }

  /** Called when the agent's start has ended, whether it activated the ledger or not. */
  public static void startEnded() {
    START.countDown();
  }

  /** Records a hook that was applied ({@code sun.nio.ch.SocketDispatcher.read}). */
  public static void hooked(String hook) {
    HOOKS.add(hook);
  }

  /** Records why some traffic cannot be observed (a hook that could not be applied, a transport it cannot see). */
  public static void problem(String problem) {
    synchronized (PROBLEMS) {
      if (!PROBLEMS.contains(problem)) {
        PROBLEMS.add(problem);
      }
    }
  }

  // ------------------------------------------------------------------ called by the extension

  /** Whether the agent loaded this ledger and applied its hooks. */
  public static boolean active() {
    return active;
  }

  /**
   * Whether the agent loaded this ledger and applied its hooks, waiting up to {@code millis} for its start to end (it
   * applies them on a thread of its own while the JVM goes on starting).
   */
  public static boolean awaitActive(long millis) {
    try {
      START.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
    return active;
  }

  /** The agent's version, or {@code null} before it activated the ledger. */
  public static String version() {
    return agentVersion;
  }

  /** Why some traffic cannot be observed in this JVM; empty when every hook is in place. */
  public static List<String> problems() {
    synchronized (PROBLEMS) {
      return List.copyOf(PROBLEMS);
    }
  }

  /** The hooks applied, for diagnostics. */
  public static List<String> hooks() {
    synchronized (HOOKS) {
      return List.copyOf(HOOKS);
    }
  }

  /**
   * Opens a window named {@code id} on the current thread: its traffic, and that of tasks it submits, is the
   * window's until {@link Window#close()}.
   */
  public static Window open(String id) {
    Window window = new Window(id, true);
    Slot slot = SLOT.get();
    window.previous = slot.context;
    window.opener = Thread.currentThread();
    slot.context = window;
    OPEN.add(window);
    OPEN_COUNT.incrementAndGet();
    return window;
  }

  /** Marks the current thread as one whose traffic never counts (a preflight probe), until {@link #unignore()}. */
  public static void ignore() {
    Slot slot = SLOT.get();
    if (slot.context != IGNORED) {
      slot.context = IGNORED;
      IGNORING.incrementAndGet();
    }
  }

  /** Ends {@link #ignore()} on the current thread. */
  public static void unignore() {
    Slot slot = SLOT.get();
    if (slot.context == IGNORED) {
      slot.context = null;
      IGNORING.decrementAndGet();
    }
  }

  /** Connections open now (for diagnostics and tests). */
  public static int connections() {
    return CONNECTIONS.size();
  }

  // ------------------------------------------------------------------ called by instrumented JDK and Netty code

  /** {@code sun.nio.ch.Net.connect}: the connection whose descriptor {@code key} holds goes to {@code address:port}. */
  public static void connect(Object key, InetAddress address, int port) {
    try {
      if (key == null || address == null) {
        return;
      }
      Conn conn = new Conn(address.getHostAddress(), port);
      Window opener = writer(SLOT.get());
      conn.opener = opener;
      conn.pending.add(opener);
      CONNECTIONS.put(key, conn);
    } catch (Throwable ignored) {
      // never break a connect
    }
  }

  /** Netty's {@code Socket.connect(SocketAddress)}. */
  public static void connect(Object key, Object remote) {
    if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
      connect(key, inet.getAddress(), inet.getPort());
    }
  }

  /** After a read of {@code bytes} (negative or zero: nothing read) on the connection of {@code key}. */
  public static void read(long bytes, Object key) {
    read(bytes, key, 0L, false);
  }

  /**
   * After a read of {@code bytes} into native memory at {@code address} ({@code SocketDispatcher.read}, Netty's
   * {@code readAddress}): the start of an answer is classified from there ({@link Answers}).
   */
  public static void read(long bytes, Object key, long address) {
    read(bytes, key, address, false);
  }

  /** After a {@code readv} of {@code bytes} into the buffers described by the {@code struct iovec}s at {@code iovecs}. */
  public static void readv(long bytes, Object key, long iovecs) {
    read(bytes, key, iovecs, true);
  }

  private static void read(long bytes, Object key, long address, boolean vector) {
    if (bytes <= 0 || key == null || OPEN_COUNT.get() == 0) {
      // no window open: nothing to credit (an unguarded suite's I/O costs one volatile read)
      return;
    }
    Conn conn = CONNECTIONS.get(key);
    if (conn == null) {
      return;
    }
    try {
      Slot slot = SLOT.get();
      Window reader = explicit(slot);
      if (reader == IGNORED) {
        return;
      }
      Window[] writers;
      if (debug) {
        trace("read", bytes, conn, reader == null ? "-" : reader.id);
      }
      boolean start;
      synchronized (conn) {
        start = !conn.answered;
        conn.answered = true;
        writers = conn.pending.isEmpty() ? null : conn.pending.toArray();
      }
      // the start of an answer (the first read after a write) says what the answer is: a few bytes, once
      String answer = !start || address == 0 ? null
          : vector ? Answers.classifyVector(address, bytes) : Answers.classify(address, bytes);
      // a keep-alive is credited as an ordinary answer to a test that wrote it, and to no test otherwise (below)
      boolean heartbeat = answer == HEARTBEAT;
      if (heartbeat) {
        answer = OTHER;
      }
      boolean tls = answer == Answers.TLS_DATA;
      if (tls || (start && answer == null)) {
        answer = OTHER;
      }
      if (start) {
        slot.pendingConn = null;
        slot.pendingWindows = null;
      }
      // an answer is the writers' since the last one; a write by a thread of no window makes it nobody's for
      // certain as well
      boolean nobody = writers == null;
      Window[] credited = null;
      int count = 0;
      if (writers != null) {
        for (Window writer : writers) {
          if (writer == NOBODY) {
            nobody = true;
          } else if (writer.open) {
            writer.credit(conn, bytes, true, true, answer);
            if (credited == null) {
              credited = new Window[writers.length + 1];
            }
            credited[count++] = writer;
          }
        }
      }
      boolean byReader = false;
      if (count == 0 && reader != null) {
        reader.credit(conn, bytes, true, true, answer);
        credited = new Window[] {reader};
        count = 1;
        byReader = true;
      }
      if (count == 0 && !nobody) {
        // the late answer of windows that closed, or of a probe: nobody's, for no one
        return;
      }
      if (nobody && count == 0 && (heartbeat || (!start && address != 0 && (vector
          ? Answers.classifyVector(address, bytes) : Answers.classify(address, bytes)) == HEARTBEAT))) {
        // a keep-alive that no test wrote (a client's timer pinged, or the server did unasked): no test's, not even
        // the only one running
        return;
      }
      Window alone = null;
      if (nobody) {
        alone = unattributed(conn, bytes, credited, count, answer);
      } else if (conn.opener != credited[0] || count > 1) {
        // a connection opened outside the test that got this answer (a pool's, a shared client's, a multiplexed
        // HTTP/2 or gRPC channel) can carry other tests' requests inside that test's writes (batched, coalesced):
        // for the other tests running now it is traffic that cannot be attributed, never their NO_INTERACTION
        seenByOthers(conn, bytes, credited, count);
      }
      if (tls && (start || byReader)) {
        pending(slot, conn, count > 0 ? java.util.Arrays.copyOf(credited, count)
            : alone != null ? new Window[] {alone} : null);
      }
    } catch (Throwable ignored) {
      // never break a read
    }
  }

  /** The start of a TLS answer on {@code conn}, credited to {@code windows}: its plaintext follows on this thread. */
  private static void pending(Slot slot, Conn conn, Window[] windows) {
    if (windows != null) {
      slot.pendingConn = conn;
      slot.pendingWindows = windows;
    }
  }

  /**
   * After the JDK's {@code SSLSocket} returned {@code count} bytes of plaintext into {@code bytes[offset...]}: when the
   * read that brought them started an answer on this thread (TLS application data), the answer is read here.
   */
  public static void plaintext(int count, byte[] bytes, int offset) {
    if (count <= 0) {
      return;
    }
    try {
      Slot slot = SLOT.get();
      Conn conn = slot.pendingConn;
      if (conn == null) {
        return;
      }
      Window[] windows = slot.pendingWindows;
      slot.pendingConn = null;
      slot.pendingWindows = null;
      String label = Answers.classify(bytes, offset, count);
      if (label != null && label != HEARTBEAT) {
        for (Window window : windows) {
          window.relabel(conn, OTHER, label);
        }
      }
    } catch (Throwable ignored) {
      // never break a read
    }
  }

  /**
   * Before a write on the connection of {@code key}: the writer is recorded before any byte leaves, so that an
   * answer read on another thread (a client's selector) can never come before its request's writer is known.
   */
  public static void writing(Object key) {
    if (key == null || OPEN_COUNT.get() == 0) {
      // no window open: a request written now is no test's, and its answer none either (it finds no writer)
      return;
    }
    Conn conn = CONNECTIONS.get(key);
    if (conn == null) {
      return;
    }
    try {
      Window[] writers = writers(SLOT.get());
      synchronized (conn) {
        if (conn.answered) {
          conn.pending.clear();
          conn.answered = false;
          conn.unclaimedOut = 0;
        }
        conn.pending.addAll(writers);
      }
    } catch (Throwable ignored) {
      // never break a write
    }
  }

  /** Who writes now: in a batch's flush the enqueuers (the thread's own window only scheduled it), else {@link #writer}. */
  private static Window[] writers(Slot slot) {
    Window[] writers = slot.batch == null ? null : joint(slot);
    return writers == null || writers.length == 0 ? new Window[] {writer(slot)} : writers;
  }

  /** After a write of {@code bytes} on the connection of {@code key} (its writer was recorded by {@link #writing}). */
  public static void write(long bytes, Object key) {
    if (bytes <= 0 || key == null || OPEN_COUNT.get() == 0) {
      return;
    }
    Conn conn = CONNECTIONS.get(key);
    if (conn == null) {
      return;
    }
    try {
      Window[] writers = writers(SLOT.get());
      if (debug) {
        StringBuilder ids = new StringBuilder();
        for (Window writer : writers) {
          ids.append(ids.length() == 0 ? "" : " + ").append(writer.id);
        }
        trace("write", bytes, conn, ids.toString());
      }
      for (Window writer : writers) {
        if (writer != NOBODY && writer != IGNORED && writer.open) {
          writer.credit(conn, bytes, false, true, null);
        } else if (writer == NOBODY) {
          synchronized (conn) {
            conn.unclaimedOut += bytes;
          }
        }
      }
    } catch (Throwable ignored) {
      // never break a write
    }
  }

  /** Before the descriptor of {@code key} is closed. */
  public static void close(Object key) {
    if (key != null) {
      try {
        CONNECTIONS.remove(key);
      } catch (Throwable ignored) {
        // never break a close
      }
    }
  }

  /** A task is submitted to an executor: it runs in the submitting thread's window. */
  public static void submit(Object task) {
    if (task == null || OPEN_COUNT.get() == 0) {
      return;
    }
    try {
      Window window = explicit(SLOT.get());
      if (window != null && window != IGNORED) {
        Key key = new Key(task);
        TASKS.put(key, window);
        window.tasks.add(key);
      }
    } catch (Throwable ignored) {
      // never break a submission
    }
  }

  /** A task starts on a pool thread: its window (if it was submitted from one) is the thread's until {@link #exit()}. */
  public static void enter(Object task) {
    try {
      Slot slot = SLOT.get();
      slot.push();
      if (task != null && !TASKS.isEmpty()) {
        Window window = TASKS.get(new Key(task));
        if (window != null && window.open) {
          slot.context = window;
        }
      }
    } catch (Throwable ignored) {
      // never break a task
    }
  }

  /** A task entered with {@link #enter(Object)} ended. */
  public static void exit() {
    try {
      Slot slot = SLOT.get();
      slot.pop();
      slot.batch = null; // a flush that threw ends with its task
      slot.batchTaken = null;
    } catch (Throwable ignored) {
      // never break a task
    }
  }

  /**
   * A command is added to a write queue that one flush drains for every thread (gRPC's {@code WriteQueue}):
   * whoever schedules the flush, the bytes it writes are also the writer's of this command.
   */
  public static void joinBatch(Object queue) {
    if (queue == null || OPEN_COUNT.get() == 0) {
      return;
    }
    try {
      Window writer = writer(SLOT.get());
      if (writer == IGNORED) {
        return;
      }
      Key key = new Key(queue);
      Writers batch = BATCHES.get(key);
      if (batch == null) {
        Writers fresh = new Writers(Writers.BOUND);
        batch = BATCHES.putIfAbsent(key, fresh);
        if (batch == null) {
          batch = fresh;
        }
      }
      batch.add(writer);
      if (debug) {
        System.err.println("[authenticity-agent] joinBatch " + System.identityHashCode(queue) + " on "
            + Thread.currentThread().getName() + " in " + writer.id);
      }
    } catch (Throwable ignored) {
      // never break a write
    }
  }

  /** The write queue's flush starts on this thread: it takes the writers enqueued so far. */
  public static void batch(Object queue) {
    try {
      Slot slot = SLOT.get();
      slot.batch = queue;
      slot.batchTaken = queue == null || BATCHES.isEmpty() ? null : BATCHES.remove(new Key(queue));
      if (debug) {
        System.err.println("[authenticity-agent] batch " + System.identityHashCode(queue) + " on "
            + Thread.currentThread().getName() + " took " + (slot.batchTaken == null ? 0 : slot.batchTaken.toArray().length));
      }
    } catch (Throwable ignored) {
      // never break a flush
    }
  }

  /** The write queue's flush ended. */
  public static void endBatch() {
    try {
      Slot slot = SLOT.get();
      slot.batch = null;
      slot.batchTaken = null;
    } catch (Throwable ignored) {
      // never break a flush
    }
  }

  // ------------------------------------------------------------------ internals

  private static void trace(String what, long bytes, Conn conn, String window) {
    System.err.println("[authenticity-agent] " + what + " " + bytes + " B " + conn.address + ":" + conn.port + " on "
        + Thread.currentThread().getName() + " in " + window);
  }

  /** The thread's own open window (its test's, or that of the task it runs), {@link #IGNORED}, or {@code null}. */
  private static Window explicit(Slot slot) {
    Window window = slot.context;
    return window == null || window == IGNORED || window.open ? window : null;
  }

  /**
   * Who writes: the thread's own window; else the window the thread was started in (a thread the test started),
   * but only while that window is the only one open: under parallel execution a client's threads started in
   * one test serve the others too; else {@link #NOBODY}.
   */
  private static Window writer(Slot slot) {
    Window window = explicit(slot);
    if (window != null) {
      return window;
    }
    Window inherited = slot.inherited;
    if (inherited != null && inherited.open && OPEN_COUNT.get() == 1 && IGNORING.get() == 0) {
      return inherited;
    }
    return NOBODY;
  }

  /** Shared traffic of every open window but {@code credited}. */
  private static void seenByOthers(Conn conn, long bytes, Window[] credited, int count) {
    if (OPEN_COUNT.get() <= count) {
      return;
    }
    for (Window window : OPEN) {
      boolean skip = false;
      for (int i = 0; i < count; i++) {
        skip |= credited[i] == window;
      }
      if (!skip) {
        window.credit(conn, bytes, true, false, null);
      }
    }
  }

  /**
   * The writers of a batch's flush: those it took at its start and those that enqueued since (drained by the same
   * flush, and kept for the next one too, since a command enqueued after the last poll waits for it).
   */
  private static Window[] joint(Slot slot) {
    Writers taken = slot.batchTaken;
    Writers current = BATCHES.isEmpty() ? null : BATCHES.get(new Key(slot.batch));
    Window[] first = taken == null ? NO_WINDOWS : taken.toArray();
    Window[] second = current == null ? NO_WINDOWS : current.toArray();
    if (second.length == 0) {
      return first;
    }
    Writers all = new Writers(first.length + second.length);
    all.addAll(first);
    all.addAll(second);
    return all.toArray();
  }

  /**
   * A read no window is certain of: every open window but {@code credited} sees it as shared traffic (no proof,
   * never evidence); when one window alone is open (and no probe runs) and none was credited, it is that one's.
   */
  private static Window unattributed(Conn conn, long bytes, Window[] credited, int count, String answer) {
    if (count == 0 && OPEN_COUNT.get() == 1 && IGNORING.get() == 0) {
      for (Window window : OPEN) {
        long out;
        synchronized (conn) {
          out = conn.unclaimedOut;
          conn.unclaimedOut = 0;
        }
        if (out > 0) {
          // the request this answers, written by a thread of no window: the only test running's too (first, so that
          // the answer counts as one exchange after it)
          window.credit(conn, out, false, true, null);
        }
        window.credit(conn, bytes, true, true, answer);
        return window;
      }
    }
    seenByOthers(conn, bytes, credited, count);
    return null;
  }

  static void closed(Window window) {
    if (OPEN.remove(window)) {
      OPEN_COUNT.decrementAndGet();
    }
    synchronized (window.tasks) {
      for (Key key : window.tasks) {
        TASKS.remove(key, window);
      }
      window.tasks.clear();
    }
    if (window.opener == Thread.currentThread()) {
      Slot slot = SLOT.get();
      if (slot.context == window) {
        Window previous = window.previous;
        slot.context = previous != null && previous.open ? previous : null;
      }
    }
  }

  /** A thread's window, and the windows saved by the tasks it runs. */
  private static final class Slot {
    Window context;
    /** The write queue whose flush this thread runs, and the writers the flush took at its start. */
    Object batch;
    Writers batchTaken;
    /** A TLS answer that started on this thread, and the windows it was credited to, until its plaintext is read. */
    Conn pendingConn;
    Window[] pendingWindows;
    /** The window the thread was started in (weak: see {@link #writer}). */
    final Window inherited;
    private Window[] saved = new Window[4];
    private int depth;

    Slot(Window inherited) {
      this.inherited = inherited;
    }

    void push() {
      if (depth == saved.length) {
        saved = java.util.Arrays.copyOf(saved, depth * 2);
      }
      saved[depth++] = context;
    }

    void pop() {
      if (depth > 0) {
        context = saved[--depth];
        saved[depth] = null;
      }
    }
  }

  /** A task by identity: a task's own {@code equals} and {@code hashCode} are user code. */
  private static final class Key {
    private final Object task;
    private final int hash;

    Key(Object task) {
      this.task = task;
      this.hash = System.identityHashCode(task);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && key.task == task;
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /**
   * Windows that wrote (or a write queue's enqueuers), each once, in the order first seen, at most {@code bound},
   * the newest kept: a connection's writers since its last answer, a write queue's batch.
   */
  private static final class Writers {
    /** How many writers a connection or a batch keeps: beyond it, the oldest is dropped. */
    static final int BOUND = 16;
    private final int bound;
    private Window[] writers = new Window[4];
    private int count;

    Writers(int bound) {
      this.bound = bound;
    }

    synchronized void add(Window writer) {
      for (int i = 0; i < count; i++) {
        if (writers[i] == writer) {
          return;
        }
      }
      if (count == writers.length) {
        if (count >= bound) {
          System.arraycopy(writers, 1, writers, 0, count - 1);
          count--;
        } else {
          writers = java.util.Arrays.copyOf(writers, Math.min(count * 2, Math.max(bound, 1)));
        }
      }
      writers[count++] = writer;
    }

    synchronized void addAll(Window[] more) {
      for (Window writer : more) {
        add(writer);
      }
    }

    synchronized boolean isEmpty() {
      return count == 0;
    }

    synchronized void clear() {
      java.util.Arrays.fill(writers, 0, count, null);
      count = 0;
    }

    synchronized Window[] toArray() {
      return java.util.Arrays.copyOf(writers, count);
    }
  }

  /** One TCP connection this JVM opened. */
  static final class Conn {
    final String address;
    final int port;
    /** The windows that wrote since the last answer ({@link #NOBODY} for a thread of none). */
    final Writers pending = new Writers(Writers.BOUND);
    /** Whether bytes were read since the last write. */
    boolean answered;
    /**
     * Bytes written since the last answer by threads of no window (a client's selector): credited with the answer to
     * the only test running when the answer is.
     */
    long unclaimedOut;
    /** The window that opened it, {@link #NOBODY} outside any. */
    Window opener;

    Conn(String address, int port) {
      this.address = address;
      this.port = port;
    }
  }

  /** Traffic with one peer credited to a window: {@code own} (certainly its) or shared (no one's for certain). */
  public static final class Traffic {
    private final String address;
    private final int port;
    private final boolean own;
    private final long exchanges;
    private final long bytesIn;
    private final long writes;
    private final long bytesOut;
    private final Map<String, Long> answers;

    Traffic(String address, int port, boolean own, long[] counters, Map<String, Long> answers) {
      this.address = address;
      this.port = port;
      this.own = own;
      this.exchanges = counters[0];
      this.bytesIn = counters[1];
      this.writes = counters[2];
      this.bytesOut = counters[3];
      this.answers = answers;
    }

    /**
     * The answers that started on this connection and were credited as the window's own, by label ({@code HTTP 503},
     * {@code RESP -LOADING}, {@code PG FATAL}, {@code WS 1011}, {@link Ledger#HANDSHAKE}, {@link Ledger#OTHER}), in
     * the order first seen; empty for shared traffic.
     */
    public Map<String, Long> answers() {
      return answers;
    }

    /** The peer's address ({@code 127.0.0.1}, {@code 0:0:0:0:0:0:0:1}). */
    public String address() {
      return address;
    }

    public int port() {
      return port;
    }

    /** Whether the traffic is certainly the window's. */
    public boolean own() {
      return own;
    }

    /** Answers after a write (a request and its response count once). */
    public long exchanges() {
      return exchanges;
    }

    public long bytesIn() {
      return bytesIn;
    }

    public long writes() {
      return writes;
    }

    public long bytesOut() {
      return bytesOut;
    }

    @Override
    public String toString() {
      return (own ? "own " : "shared ") + address + ":" + port + " " + exchanges + " exchanges, " + bytesIn + " B in, "
          + bytesOut + " B out, answers " + answers;
    }
  }

  /** An observation window: a test, or a class's set-up. */
  public static final class Window {
    private final String id;
    volatile boolean open;
    Window previous;
    Thread opener;
    final List<Key> tasks = Collections.synchronizedList(new ArrayList<>());
    /** Per connection: {@code [exchanges, bytes in, writes, bytes out, last was a write (1)]}. */
    private final Map<Conn, long[]> own = new ConcurrentHashMap<>(4);
    private final Map<Conn, long[]> shared = new ConcurrentHashMap<>(4);
    /** Per connection, its own answers by label (in the order first seen). */
    private final Map<Conn, Map<String, long[]>> answers = new ConcurrentHashMap<>(4);

    Window(String id, boolean open) {
      this.id = id;
      this.open = open;
    }

    void credit(Conn conn, long bytes, boolean read, boolean certain, String answer) {
      if (answer != null && certain) {
        Map<String, long[]> labels = answers.get(conn);
        if (labels == null) {
          Map<String, long[]> fresh = new java.util.LinkedHashMap<>(4);
          labels = answers.putIfAbsent(conn, fresh);
          if (labels == null) {
            labels = fresh;
          }
        }
        synchronized (labels) {
          long[] count = labels.get(answer);
          if (count == null) {
            labels.put(answer, new long[] {1});
          } else {
            count[0]++;
          }
        }
      }
      Map<Conn, long[]> into = certain ? own : shared;
      long[] counters = into.get(conn);
      if (counters == null) {
        long[] fresh = new long[5];
        counters = into.putIfAbsent(conn, fresh);
        if (counters == null) {
          counters = fresh;
        }
      }
      synchronized (counters) {
        if (read) {
          if (counters[4] == 1 || counters[0] == 0) {
            counters[0]++;
          }
          counters[4] = 0;
          counters[1] += bytes;
        } else {
          counters[4] = 1;
          counters[2]++;
          counters[3] += bytes;
        }
      }
    }

    /** One answer on {@code conn} counted as {@code from} is {@code to}. */
    void relabel(Conn conn, String from, String to) {
      Map<String, long[]> labels = answers.get(conn);
      if (labels == null) {
        return;
      }
      synchronized (labels) {
        long[] was = labels.get(from);
        if (was == null || was[0] <= 0) {
          return;
        }
        if (--was[0] == 0) {
          labels.remove(from);
        }
        long[] now = labels.get(to);
        if (now == null) {
          labels.put(to, new long[] {1});
        } else {
          now[0]++;
        }
      }
    }

    public String id() {
      return id;
    }

    public boolean isOpen() {
      return open;
    }

    /** Ends the window: later traffic is no longer its (idempotent). */
    public void close() {
      if (open) {
        open = false;
        closed(this);
      }
    }

    /** The traffic credited so far, own and shared, by connection. */
    public List<Traffic> traffic() {
      List<Traffic> result = new ArrayList<>();
      collect(own, true, result);
      collect(shared, false, result);
      return result;
    }

    private void collect(Map<Conn, long[]> from, boolean own, List<Traffic> into) {
      for (Map.Entry<Conn, long[]> entry : from.entrySet()) {
        long[] counters = entry.getValue();
        long[] copy;
        synchronized (counters) {
          copy = counters.clone();
        }
        into.add(new Traffic(entry.getKey().address, entry.getKey().port, own, copy,
            own ? labels(entry.getKey()) : Map.of()));
      }
    }

    private Map<String, Long> labels(Conn conn) {
      Map<String, long[]> labels = answers.get(conn);
      if (labels == null) {
        return Map.of();
      }
      Map<String, Long> result = new java.util.LinkedHashMap<>();
      synchronized (labels) {
        for (Map.Entry<String, long[]> entry : labels.entrySet()) {
          result.put(entry.getKey(), entry.getValue()[0]);
        }
      }
      return Collections.unmodifiableMap(result);
    }

    @Override
    public String toString() {
      return "Window[" + id + (open ? ", open]" : ", closed]");
    }
  }
}
