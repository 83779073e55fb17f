package io.github.authenticity.core.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apiguardian.api.API;

/**
 * The observation window of one guarded test body: the lines, fallback reports and threads attributed
 * to it.
 *
 * <p>Attribution is per thread: {@link #enter} sets the scope in an {@link InheritableThreadLocal} on the
 * test thread, so every thread the test body starts (directly or through executors it creates) carries
 * it too. Several scopes are open at once under JUnit parallel execution; each sees only its own threads.
 * A line from a thread that carries no open scope (e.g. a pool thread created before the test) is
 * attributed only when exactly one scope is open (serial execution), never guessed between parallel
 * tests: that is the documented limit.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TestScope {

  private static final InheritableThreadLocal<TestScope> CURRENT = new InheritableThreadLocal<>();
  private static final Map<String, TestScope> OPEN = new ConcurrentHashMap<>();
  /** Threads that have hosted a test body: outside a body their lines belong to no test. */
  private static final Map<Thread, Boolean> TEST_THREADS =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private final String id;
  private final Thread owner;
  private final Instant startedAt = Instant.now();
  private final long startedNanos = System.nanoTime();
  private volatile long endedNanos;
  private volatile boolean open = true;
  private int references = 1;
  static final int MAX_LINES = 10_000;
  private final Queue<CapturedLine> lines = new ConcurrentLinkedQueue<>();
  private final java.util.concurrent.atomic.AtomicInteger lineCount = new java.util.concurrent.atomic.AtomicInteger();
  private volatile List<java.util.regex.Pattern> patterns;
  private final Queue<String> reports = new ConcurrentLinkedQueue<>();

  private TestScope(String id, Thread owner) {
    this.id = id;
    this.owner = owner;
  }

  /**
   * Opens the scope of test {@code id} on the current thread, or joins it when this thread already has
   * it open (every detector enters; the last to {@link #leave()} closes it).
   */
  public static TestScope enter(String id) {
    Thread thread = Thread.currentThread();
    synchronized (OPEN) {
      TestScope previous = CURRENT.get();
      if (previous != null && previous.open && previous.owner == thread && !previous.id.equals(id)) {
        // a test on this thread whose detectors never left (its afterTest was never called): it ended
        previous.close();
      }
      TestScope scope = OPEN.get(id);
      if (scope != null && scope.open) {
        scope.references++;
      } else {
        scope = new TestScope(id, thread);
        OPEN.put(id, scope);
      }
      CURRENT.set(scope);
      TEST_THREADS.put(thread, Boolean.TRUE);
      return scope;
    }
  }

  /** The open scope of test {@code id}, or {@code null}. */
  public static TestScope find(String id) {
    return OPEN.get(id);
  }

  /** Leaves the scope; the last detector to leave closes it. */
  public void leave() {
    synchronized (OPEN) {
      if (--references > 0) {
        return;
      }
      close();
    }
  }

  private void close() {
    open = false;
    references = 0;
    endedNanos = System.nanoTime();
    OPEN.remove(id, this);
    if (CURRENT.get() == this) {
      CURRENT.remove();
    }
  }

  /**
   * The open scope the current thread's output belongs to, or {@code null}: the thread's own (inherited)
   * scope; else, for a thread that never hosted a test body, the only open scope when exactly one is
   * open.
   */
  public static TestScope current() {
    if (OPEN.isEmpty()) {
      return null;
    }
    Thread thread = Thread.currentThread();
    TestScope scope = CURRENT.get();
    if (scope != null && scope.open && (scope.owner == thread || !isForeignTestWorker(thread))) {
      return scope;
    }
    if (TEST_THREADS.containsKey(thread) || isForeignTestWorker(thread)) {
      return null;
    }
    Collection<TestScope> open = OPEN.values();
    if (open.size() == 1) {
      TestScope only = open.iterator().next();
      return only.open ? only : null;
    }
    return null;
  }

  /** Whether any scope is open (a cheap check for the hot paths). */
  public static boolean anyOpen() {
    return !OPEN.isEmpty();
  }

  /** The open scopes (for attribution by time window). */
  static List<TestScope> openScopes() {
    return new ArrayList<>(OPEN.values());
  }

  /**
   * A JUnit parallel worker (JUnit 5's fork-join {@code WorkerThread}, JUnit 6's worker-pool
   * {@code WorkerThread}) inherits the scope of the thread that created it, but it runs other tests: its
   * inherited scope is not its own.
   */
  private static boolean isForeignTestWorker(Thread thread) {
    return thread.getClass().getName().startsWith("org.junit.");
  }

  /**
   * Keeps only lines that match one of {@code patterns} from now on, so a chatty test (wire logging)
   * costs no memory; without patterns at most {@value #MAX_LINES} lines are kept.
   */
  public void keepOnlyMatching(List<java.util.regex.Pattern> patterns) {
    this.patterns = List.copyOf(patterns);
  }

  /** Records a line logged or printed under this scope. */
  void add(CapturedLine line) {
    if (!open) {
      return;
    }
    List<java.util.regex.Pattern> filter = patterns;
    if (filter != null) {
      for (java.util.regex.Pattern pattern : filter) {
        if (pattern.matcher(line.text()).find()) {
          lines.add(line);
          return;
        }
      }
      return;
    }
    if (lineCount.incrementAndGet() <= MAX_LINES) {
      lines.add(line);
    }
  }

  /** Records a {@code Fallbacks.report} under this scope. */
  void report(String detail) {
    if (open) {
      reports.add(detail);
    }
  }

  public String id() {
    return id;
  }

  public Thread owner() {
    return owner;
  }

  public boolean isOpen() {
    return open;
  }

  public Instant startedAt() {
    return startedAt;
  }

  long startedNanos() {
    return startedNanos;
  }

  long endedNanos() {
    return endedNanos;
  }

  /** The lines captured so far, in order. */
  public List<CapturedLine> lines() {
    return new ArrayList<>(lines);
  }

  /** The {@code Fallbacks.report} details so far, in order. */
  public List<String> reports() {
    return new ArrayList<>(reports);
  }
}
