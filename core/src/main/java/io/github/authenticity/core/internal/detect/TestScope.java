package io.github.authenticity.core.internal.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apiguardian.api.API;

/**
 * An observation window: the threads attributed to one guarded test (its construction, set-up, body and
 * tear-down) or to one container (a class from before its {@code @BeforeAll} to after its {@code @AfterAll},
 * or a test factory whose dynamic tests are judged one by one), and what they logged, printed or reported,
 * kept in its {@link WindowEvidence}. Each item remembers {@link Where} it was seen: the window's phase at
 * that moment.
 *
 * <p>Attribution is per thread: {@link #enter} sets the window in an {@link InheritableThreadLocal} on the
 * calling thread, so every thread started there (directly or through executors it creates) carries it too:
 * a pool created in {@code @BeforeAll} belongs to the class window. Windows nest by unique id: a test's
 * window sits in its class's (and its factory's) window, which stays open around it. Several windows are
 * open at once under JUnit parallel execution; each sees only its own threads. A line from a thread that
 * carries no open window (e.g. a pool thread created before the test) is attributed only when exactly one
 * innermost window is open (serial execution), never guessed between parallel tests: that is the documented
 * limit.
 *
 * <p>A test instance is constructed before JUnit tells an extension which test it is for (JUnit 5.10 to
 * 5.14, measured): {@link #openConstruction} opens a window on the constructing thread that the test's first
 * {@link #enter} on that thread claims.
 *
 * <p>Why this class is over 300 lines: opening, claiming, nesting and closing windows and answering which
 * window a thread works for read and change the same open-window map under one lock, so they stay together;
 * what a window keeps is {@link WindowEvidence}'s.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TestScope {

  /** What a window observes. */
  public enum Kind {
    /** One guarded test. */
    TEST,
    /** A class or a test factory: what it sees counts for every guarded test in it. */
    CONTAINER,
    /** A test instance being constructed, not yet claimed by its test. */
    CONSTRUCTION
  }

  /**
   * An item with where it was seen.
   *
   * @param item  the line or report detail
   * @param where e.g. {@code in @BeforeEach logIn()}, or {@code null} in the test body
   */
  public record Seen<T>(T item, String where) {
  }

  private static final String CONSTRUCTION_SUFFIX = "/[construction]";
  private static final InheritableThreadLocal<TestScope> CURRENT = new InheritableThreadLocal<>();
  private static final Map<String, TestScope> OPEN = new ConcurrentHashMap<>();
  /** A window the current thread's output goes to for a moment, with where (see {@link #runIn}). */
  private static final ThreadLocal<TestScope> OVERRIDE = new ThreadLocal<>();
  private static final ThreadLocal<String> OVERRIDE_WHERE = new ThreadLocal<>();
  /** Threads that have hosted a window: outside one, their lines belong to no test. */
  private static final Map<Thread, Boolean> TEST_THREADS = Collections.synchronizedMap(new WeakHashMap<>());

  private volatile String id;
  private volatile Kind kind;
  private final Thread owner;
  /** The window this one was opened in on its thread (restored when this one closes). */
  private final TestScope previous;
  private final Instant startedAt = Instant.now();
  private final long startedNanos = System.nanoTime();
  private volatile long endedNanos;
  private volatile boolean open = true;
  private volatile String phase;
  private int references;
  private final WindowEvidence evidence = new WindowEvidence();

  private TestScope(String id, Kind kind, Thread owner, TestScope previous, String phase, int references) {
    this.id = id;
    this.kind = kind;
    this.owner = owner;
    this.previous = previous;
    this.phase = phase;
    this.references = references;
  }

  /**
   * Opens the window of test {@code id} on the current thread, or joins it when it is already open (every
   * detector enters; the last to {@link #leave()} closes it). A window of a test instance constructed on
   * this thread for this test is claimed: what it saw is the test's.
   */
  public static TestScope enter(String id) {
    return open(id, Kind.TEST);
  }

  /**
   * Opens (or joins) the window of container {@code id} (a class, or a test factory) on the current thread;
   * the windows of the tests under it, opened inside it, do not close it.
   */
  public static TestScope enterContainer(String id) {
    return open(id, Kind.CONTAINER);
  }

  private static TestScope open(String id, Kind kind) {
    Thread thread = Thread.currentThread();
    synchronized (OPEN) {
      TestScope existing = OPEN.get(id);
      if (existing != null && existing.open) {
        existing.references++;
        CURRENT.set(existing);
        TEST_THREADS.put(thread, Boolean.TRUE);
        return existing;
      }
      TestScope previous = own(CURRENT.get(), thread);
      if (previous != null && previous.kind == Kind.CONSTRUCTION && previous.references == 0
          && covers(previous.prefix(), id)) {
        // the instance this test runs with was constructed in this window
        OPEN.remove(previous.id, previous);
        previous.id = id;
        previous.kind = kind;
        previous.references = 1;
        OPEN.put(id, previous);
        TEST_THREADS.put(thread, Boolean.TRUE);
        return previous;
      }
      closeStale(previous, id);
      TestScope scope = new TestScope(id, kind, thread, own(CURRENT.get(), thread), null, 1);
      OPEN.put(id, scope);
      CURRENT.set(scope);
      TEST_THREADS.put(thread, Boolean.TRUE);
      return scope;
    }
  }

  /**
   * Opens a window on the current thread for a test instance about to be constructed for a test under
   * {@code prefix} (its class's unique id, or the test's own); the test's first {@link #enter} on this
   * thread claims it. A nested class's instance, constructed after its enclosing one, joins the same window.
   */
  public static TestScope openConstruction(String prefix) {
    Thread thread = Thread.currentThread();
    synchronized (OPEN) {
      TestScope previous = own(CURRENT.get(), thread);
      if (previous != null && previous.kind == Kind.CONSTRUCTION && previous.references == 0) {
        if (covers(previous.prefix(), prefix)) {
          OPEN.remove(previous.id, previous);
          previous.id = prefix + CONSTRUCTION_SUFFIX;
          OPEN.put(previous.id, previous);
          return previous;
        }
        previous.close();
        previous = own(CURRENT.get(), thread);
      }
      closeStale(previous, prefix);
      TestScope scope = new TestScope(prefix + CONSTRUCTION_SUFFIX, Kind.CONSTRUCTION, thread,
          own(CURRENT.get(), thread), Where.BEFORE_CONSTRUCTION, 0);
      OPEN.put(scope.id, scope);
      CURRENT.set(scope);
      TEST_THREADS.put(thread, Boolean.TRUE);
      return scope;
    }
  }

  /** Closes the current thread's construction window if no test claimed it (the test was not guarded, or failed first). */
  public static void discardConstruction() {
    synchronized (OPEN) {
      TestScope scope = own(CURRENT.get(), Thread.currentThread());
      if (scope != null && scope.kind == Kind.CONSTRUCTION && scope.references == 0) {
        scope.close();
      }
    }
  }

  /** A test window on this thread whose detectors never left (its end was never seen) ended: close it. */
  private static void closeStale(TestScope previous, String id) {
    if (previous != null && previous.kind != Kind.CONTAINER && !isAncestor(previous.id, id)) {
      previous.close();
    }
  }

  /** The open window of {@code id}, or {@code null}. */
  public static TestScope find(String id) {
    return OPEN.get(id);
  }

  /** The open container windows that {@code id} sits in, outermost first. */
  public static List<TestScope> containersOf(String id) {
    List<TestScope> containers = new ArrayList<>();
    for (TestScope scope : OPEN.values()) {
      if (scope.open && scope.kind == Kind.CONTAINER && isAncestor(scope.id, id)) {
        containers.add(scope);
      }
    }
    if (containers.size() > 1) {
      containers.sort(Comparator.comparingInt(scope -> scope.id.length()));
    }
    return containers;
  }

  /** The innermost open window the current thread opened (or claimed), or {@code null} (an unguarded test). */
  public static TestScope own() {
    return own(CURRENT.get(), Thread.currentThread());
  }

  /** Marks where this window is now, e.g. {@code in @BeforeEach logIn()}; {@code null} is the test body. */
  public void mark(String where) {
    phase = where;
  }

  /** Where this window is now (see {@link #mark}). */
  public String where() {
    return phase;
  }

  /**
   * Runs {@code action} on the current thread with its output attributed to the open window {@code id} as
   * seen {@code where} (e.g. a class's static initialisation, triggered while one of its tests constructs
   * its instance, belongs to the class window); without that window, to the thread's own.
   */
  public static void runIn(String id, String where, Runnable action) {
    TestScope target = OPEN.get(id);
    if (target == null || !target.open) {
      action.run();
      return;
    }
    TestScope before = OVERRIDE.get();
    String beforeWhere = OVERRIDE_WHERE.get();
    OVERRIDE.set(target);
    OVERRIDE_WHERE.set(where);
    try {
      action.run();
    } finally {
      OVERRIDE.set(before);
      OVERRIDE_WHERE.set(beforeWhere);
    }
  }

  /** Leaves the window; the last detector to leave closes it. */
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
    if (kind == Kind.CONTAINER) {
      // a construction window under it that no test claimed (its construction failed) ends with it
      for (TestScope scope : OPEN.values()) {
        if (scope.kind == Kind.CONSTRUCTION && scope.references == 0 && isAncestor(id, scope.id)) {
          scope.close();
        }
      }
    }
    if (CURRENT.get() == this) {
      TestScope restored = own(previous, owner);
      if (restored == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(restored);
      }
    }
  }

  /** The innermost open window of {@code scope}'s chain that {@code thread} opened, or {@code null}. */
  private static TestScope own(TestScope scope, Thread thread) {
    for (TestScope at = scope; at != null; at = at.previous) {
      if (at.open && at.owner == thread) {
        return at;
      }
    }
    return null;
  }

  /** The innermost open window of {@code scope}'s chain, or {@code null}. */
  private static TestScope openOf(TestScope scope) {
    for (TestScope at = scope; at != null; at = at.previous) {
      if (at.open) {
        return at;
      }
    }
    return null;
  }

  private String prefix() {
    return id.substring(0, id.length() - CONSTRUCTION_SUFFIX.length());
  }

  private static boolean covers(String prefix, String id) {
    return id.equals(prefix) || id.startsWith(prefix + "/");
  }

  private static boolean isAncestor(String ancestor, String id) {
    return id.startsWith(ancestor + "/");
  }

  /**
   * The open window the current thread's output belongs to, or {@code null}: the thread's own (inherited)
   * window; else, for a thread that never hosted a window, the innermost open window when exactly one is
   * open (a test in its class: the test).
   */
  public static TestScope current() {
    if (OPEN.isEmpty()) {
      return null;
    }
    TestScope override = OVERRIDE.get();
    if (override != null && override.open) {
      return override;
    }
    Thread thread = Thread.currentThread();
    TestScope scope = openOf(CURRENT.get());
    if (scope != null && (scope.owner == thread || !isForeignTestWorker(thread))) {
      return scope;
    }
    if (TEST_THREADS.containsKey(thread) || isForeignTestWorker(thread)) {
      return null;
    }
    return onlyInnermost();
  }

  private static TestScope onlyInnermost() {
    List<TestScope> open = new ArrayList<>();
    for (TestScope scope : OPEN.values()) {
      if (scope.open) {
        open.add(scope);
      }
    }
    TestScope innermost = null;
    for (TestScope scope : open) {
      boolean hasInner = false;
      for (TestScope other : open) {
        if (other != scope && isAncestor(scope.id, other.id)) {
          hasInner = true;
          break;
        }
      }
      if (!hasInner) {
        if (innermost != null) {
          return null;
        }
        innermost = scope;
      }
    }
    return innermost;
  }

  /** Whether any window is open (a cheap check for the hot paths). */
  public static boolean anyOpen() {
    return !OPEN.isEmpty();
  }

  /** The open windows (for attribution by time window). */
  static List<TestScope> openScopes() {
    return new ArrayList<>(OPEN.values());
  }

  /**
   * A JUnit parallel worker (JUnit 5's fork-join {@code WorkerThread}, JUnit 6's worker-pool
   * {@code WorkerThread}) inherits the window of the thread that created it, but it runs other tests: its
   * inherited window is not its own.
   */
  private static boolean isForeignTestWorker(Thread thread) {
    return thread.getClass().getName().startsWith("org.junit.");
  }

  /** Where an item from the current thread is seen now. */
  String whereNow() {
    if (OVERRIDE.get() == this) {
      return OVERRIDE_WHERE.get();
    }
    String where = phase;
    if (kind == Kind.CONTAINER && Thread.currentThread() != owner && Where.CLASS_CALLBACK.equals(where)) {
      return Where.CLASS_THREAD;
    }
    return where;
  }

  /** Records a line logged or printed under this window. */
  void add(CapturedLine line) {
    if (open) {
      evidence.add(line, this);
    }
  }

  /** Records a {@code Fallbacks.report} under this window. */
  void report(String detail) {
    if (open) {
      evidence.report(detail, whereNow());
    }
  }

  /** What this window has seen: its lines and {@code Fallbacks.report} details. */
  public WindowEvidence evidence() {
    return evidence;
  }

  public String id() {
    return id;
  }

  public Kind kind() {
    return kind;
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
}
