package io.github.authenticity.core.detect;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.authenticity.core.config.Endpoint;
import org.apiguardian.api.API;

/**
 * Observes, at the socket level, whether a guarded test exchanged bytes with the endpoints of each of its
 * required services, whatever client it used; {@code docs/detection.md} has the measurements and the rule.
 *
 * <h2>Two sources</h2>
 * <ul>
 *   <li><b>The kernel's per-connection counters</b> ({@link KernelSockets}, Linux): a snapshot of this
 *   process's established connections to the endpoints' ports when the window opens and when it closes;
 *   a connection whose {@code bytes_received} grew is an exchange. They see every transport, Netty's native
 *   epoll included (its I/O is in JNI, where JFR's socket events never fire), at once (no delivery lag),
 *   but not which thread did the I/O, nor a connection opened and closed inside the window.</li>
 *   <li><b>JDK Flight Recorder</b> {@code jdk.SocketRead}/{@code jdk.SocketWrite} with a zero threshold,
 *   streamed in-process: every client on {@code java.net.Socket} or NIO {@code SocketChannel}, with the
 *   thread, so traffic can be attributed under parallel execution; events arrive with the periodic flush
 *   (0.25-1 s after the I/O).</li>
 * </ul>
 * A {@link ProxySelector} hook only learns which proxy carries a request for an endpoint (its bytes count
 * for the endpoint): a connect attempt is no proof.
 *
 * <h2>Attribution (three outcomes per service)</h2>
 * Traffic that is certainly the test's is proof: on a thread of the test (the test thread and the threads
 * started from it during the window), or any traffic in the window while this was the only guarded test
 * running. Traffic with the endpoint that cannot be attributed (another thread, another guarded test
 * running at the same time) is {@link Status#SHARED}: no proof, never evidence. No bytes received from the
 * endpoint at all, with both sources working and JFR's flush after the window dispatched, is
 * {@link Status#NONE}. Anything else is {@link Status#UNCONFIRMED}, with why. Bytes sent without an answer
 * are no exchange. Traffic before the first window (the preflight probes) never counts.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class InteractionMonitor {

  /** How long {@link Watch#finish(boolean)} waits at most for the JFR flush after the test end. */
  public static final java.time.Duration MAX_WAIT = java.time.Duration.ofMillis(5_000);
  private static final Object START_LOCK = new Object();
  /** How long a test waits for the addresses of one of its endpoints. */
  private static final java.time.Duration LOOKUP_TIMEOUT = java.time.Duration.ofSeconds(2);
  private static volatile InteractionMonitor instance;

  private final Map<String, Watch> active = new ConcurrentHashMap<>();
  private final Set<Long> testThreads = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedDeque<Watch> recent = new ConcurrentLinkedDeque<>();
  private final Map<Long, Watch> byToken = new ConcurrentHashMap<>();
  /** The watch in {@link #recent} whose {@code threads} hold a thread (at most one: a thread starts once). */
  private final Map<Long, Watch> threadOwners = new ConcurrentHashMap<>();
  private final AtomicLong tokens = new AtomicLong();
  private final Map<String, Set<String>> resolved = new ConcurrentHashMap<>();
  private final Map<String, String> literals = new ConcurrentHashMap<>();
  private volatile JfrSocketEvents jfr;
  private volatile String jfrProblem;
  private volatile KernelSockets kernel;
  private volatile String kernelProblem;

  /** Probes started so far and running now: a probe's traffic is the kernel's too, and it is no test's. */
  private static final AtomicLong PROBES_STARTED = new AtomicLong();
  private static final AtomicInteger PROBES_RUNNING = new AtomicInteger();

  private InteractionMonitor() {
  }

  /** Called by the preflight when a probe starts (on its thread): kernel counts during it are no test's alone. */
  public static void probeStarted() {
    PROBES_STARTED.incrementAndGet();
    PROBES_RUNNING.incrementAndGet();
  }

  /** Called by the preflight when a probe ends. */
  public static void probeEnded() {
    PROBES_RUNNING.decrementAndGet();
  }

  /**
   * The monitor, started on first use: installs the proxy selector hook, opens the kernel counters and
   * starts the JFR stream (about 1-2 s once per JVM; call it early, e.g. while the preflight probes run).
   */
  public static InteractionMonitor start() {
    InteractionMonitor monitor = instance;
    if (monitor != null) {
      return monitor;
    }
    synchronized (START_LOCK) {
      if (instance == null) {
        monitor = new InteractionMonitor();
        ProxySelectorHook.install(monitor);
        Object sockets = KernelSockets.open();
        if (sockets instanceof KernelSockets available) {
          monitor.kernel = available;
        } else {
          monitor.kernelProblem = ((KernelSockets.Unavailable) sockets).reason();
        }
        monitor.startJfr();
        instance = monitor;
      }
      return instance;
    }
  }

  /** Set by {@link #stopIfUnused()}: a {@link #startAhead()} that comes later does nothing. */
  private static boolean aheadCancelled;

  /**
   * {@link #start()} ahead of need, before discovery, on a background thread: does nothing once
   * {@link #stopIfUnused()} has said the run does not want the monitor (the plan was faster than the warm-up).
   */
  public static void startAhead() {
    synchronized (START_LOCK) {
      if (aheadCancelled) {
        return;
      }
      start();
    }
  }

  /**
   * Stops the monitor when no test was ever watched, after it was started ahead of discovery: the plan has no
   * guarded test, or the run's configuration switched the socket evidence off. Its JFR recording would cost
   * every socket read of the run for nothing. A monitor that watched once stays; {@link #start()} starts a
   * new one when a later plan of the same JVM needs it.
   */
  public static void stopIfUnused() {
    synchronized (START_LOCK) {
      aheadCancelled = true;
      InteractionMonitor monitor = instance;
      if (monitor == null || monitor.tokens.get() != 0) {
        return;
      }
      instance = null;
      ProxySelectorHook.uninstall();
      JfrSocketEvents events = monitor.jfr;
      if (events != null) {
        events.close();
      }
    }
  }

  private void startJfr() {
    if (ModuleLayer.boot().findModule("jdk.jfr").isEmpty()) {
      jfrProblem = "the JDK has no jdk.jfr module, so connections opened and closed within a test cannot be seen";
      return;
    }
    try {
      jfr = new JfrSocketEvents(this);
    } catch (RuntimeException | LinkageError ex) {
      jfrProblem = "JDK Flight Recorder could not start (" + ex + "), so connections opened and closed within a "
          + "test cannot be seen";
    }
  }

  /** Why socket traffic cannot be fully observed (JFR, then the kernel counters), or {@code null} when it can. */
  public String unavailableReason() {
    if (jfrProblem != null) {
      return jfrProblem;
    }
    return kernelProblem;
  }

  /** Why the kernel's per-connection counters cannot be read here, or {@code null} when they can. */
  public String kernelProblem() {
    return kernelProblem;
  }

  /**
   * Starts watching the test {@code id} (on its thread) for exchanges with each service's endpoints
   * ({@code services}: service name to endpoints, in the order of the report).
   */
  public Watch watch(String id, Map<String, List<Endpoint>> services) {
    long thread = Thread.currentThread().getId();
    Watch watch = new Watch(this, id, services, tokens.incrementAndGet(), thread);
    // a test thread (e.g. a JUnit parallel worker started while another test ran) is nobody's child
    testThreads.add(thread);
    Watch previous = threadOwners.put(thread, watch);
    if (previous != null) {
      previous.threads.remove(thread);
    }
    watch.threads.add(thread);
    synchronized (active) {
      for (Watch other : active.values()) {
        other.overlaps.incrementAndGet();
        watch.overlaps.incrementAndGet();
      }
      active.put(id, watch);
    }
    recent.addLast(watch);
    byToken.put(watch.token, watch);
    JfrSocketEvents events = jfr;
    if (events != null) {
      events.begin(watch.token);
    }
    // after the JFR start marker and, in finish, before the end marker: the kernel's window lies inside
    // JFR's, so JFR has seen everything the kernel counted when all of it went through java.net/java.nio
    watch.snapshotStart(kernel);
    Instant horizon = Instant.now().minusSeconds(30);
    while (true) {
      Watch oldest = recent.peekFirst();
      if (oldest == null || oldest.end == null || oldest.end.isAfter(horizon)) {
        break;
      }
      if (recent.remove(oldest)) {
        dropped(oldest);
      }
    }
    return watch;
  }

  /** The addresses of {@code host}, resolved once (a failed lookup is tried again next time). */
  Set<String> addresses(String host) {
    Set<String> known = resolved.computeIfAbsent(host.toLowerCase(Locale.ROOT), name -> {
      Set<String> result = ConcurrentHashMap.newKeySet();
      try {
        // bounded (this runs on the test thread); a failure is not kept: the next test asks again
        for (InetAddress address : io.github.authenticity.core.net.Resolver.resolve(name, LOOKUP_TIMEOUT)) {
          result.add(address.getHostAddress());
        }
      } catch (UnknownHostException | SecurityException ex) {
        // an unresolvable host can only be matched by name (proxy selector)
        return null;
      }
      return result;
    });
    return known != null ? known : ConcurrentHashMap.newKeySet();
  }

  /** A literal address as JFR or the kernel reports it, normalised to {@link InetAddress#getHostAddress()}. */
  String normalise(String literal) {
    if (literal == null || literal.isEmpty()) {
      return "";
    }
    return literals.computeIfAbsent(literal, text -> {
      String plain = text.startsWith("/") ? text.substring(1) : text;
      if (!plain.isEmpty() && (Character.digit(plain.charAt(0), 16) >= 0 || plain.charAt(0) == ':')
          && (plain.indexOf(':') >= 0 || plain.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
        try {
          return InetAddress.getByName(plain).getHostAddress();
        } catch (UnknownHostException ex) {
          return plain;
        }
      }
      return plain;
    });
  }

  // --- called by the JFR stream thread ---

  /** The name prefix of the preflight's probe threads: their traffic never counts as a test's. */
  static final String PROBE_THREAD_PREFIX = "authenticity-probe-";

  void onSocket(long threadId, String threadName, Instant time, String address, int port, long bytes,
      boolean read) {
    if (recent.isEmpty() || bytes <= 0 || (threadName != null && threadName.startsWith(PROBE_THREAD_PREFIX))) {
      // a read that returned nothing (EOF, an idle keep-alive connection closing) is no exchange
      return;
    }
    String normalised = normalise(address);
    List<Watch> candidates = new ArrayList<>(2);
    Watch owner = null;
    int running = 0;
    for (Watch watch : recent) {
      if (!watch.covers(time)) {
        continue;
      }
      running++;
      if (watch.testThread == threadId || (owner == null && watch.threads.contains(threadId))) {
        owner = watch;
      }
      Endpoint endpoint = watch.match(normalised, port);
      if (endpoint != null) {
        // everything JFR saw with the endpoint in the window, whoever did it: explains the kernel's counts
        watch.seen.count(endpoint, bytes, read);
        candidates.add(watch);
      }
    }
    if (owner != null) {
      Endpoint endpoint = owner.match(normalised, port);
      if (endpoint != null) {
        owner.own.count(endpoint, bytes, read);
      } else {
        owner.unmatched(normalised, port, bytes, read);
      }
      return;
    }
    // a thread of no test (a pool created before it): the test's only when it was the only one running
    for (Watch watch : candidates) {
      (running == 1 ? watch.own : watch.shared).count(watch.match(normalised, port), bytes, read);
    }
  }

  void onThreadStart(long parentId, long childId, Instant time) {
    if (testThreads.contains(childId)) {
      return;
    }
    // only the watch holding the parent can adopt the child: no scan of every recent test
    Watch watch = threadOwners.get(parentId);
    if (watch != null && watch.covers(time) && watch.threads.contains(parentId)) {
      watch.threads.add(childId);
      threadOwners.put(childId, watch);
      if (watch.dropped) {
        threadOwners.remove(childId, watch);
      }
    }
  }

  void onWindowStart(long token, Instant time) {
    Watch watch = byToken.get(token);
    if (watch != null) {
      watch.jfrStart = time;
    }
  }

  void onMarker(long token, Instant time) {
    Watch watch = byToken.get(token);
    if (watch != null) {
      watch.jfrEnd = time;
      watch.markerSeen = true;
    }
  }

  void onFlush() {
    for (Iterator<Watch> it = recent.iterator(); it.hasNext(); ) {
      Watch watch = it.next();
      if (watch.markerSeen) {
        // the flush that carried its end marker is dispatched: no later event can be its, so each socket
        // event only scans the tests running now (a suite of quick tests stays cheap)
        watch.settled.countDown();
        it.remove();
        dropped(watch);
      }
    }
  }

  /** Forgets a watch that left {@link #recent}. */
  private void dropped(Watch watch) {
    watch.dropped = true;
    byToken.remove(watch.token);
    for (Long thread : watch.threads) {
      threadOwners.remove(thread, watch);
    }
  }

  // --- called by the proxy selector hook, on the connecting thread ---

  /** Learns which proxy carries the test's requests for an endpoint; a connect attempt itself proves nothing. */
  void onConnect(URI uri, List<Proxy> proxies) {
    if (active.isEmpty() || uri == null || uri.getHost() == null
        || Thread.currentThread().getName().startsWith(PROBE_THREAD_PREFIX)) {
      return;
    }
    boolean proxied = false;
    for (Proxy proxy : proxies) {
      proxied |= proxy.type() != Proxy.Type.DIRECT;
    }
    if (!proxied) {
      return;
    }
    TestScope scope = TestScope.current();
    Watch watch = scope == null ? null : active.get(scope.id());
    if (watch == null) {
      return;
    }
    String host = uri.getHost().replace("[", "").replace("]", "");
    int port = uri.getPort() >= 0 ? uri.getPort() : Endpoint.defaultPort(uri.getScheme());
    for (Endpoint endpoint : watch.endpoints) {
      if (endpoint.port() != port) {
        continue;
      }
      boolean same = endpoint.host().equalsIgnoreCase(host);
      if (!same) {
        Set<String> wanted = addresses(endpoint.host());
        for (String address : addresses(host)) {
          if (wanted.contains(address)) {
            same = true;
            break;
          }
        }
      }
      if (same) {
        // through an HTTP or SOCKS proxy the bytes go to the proxy: they count for the endpoint
        for (Proxy proxy : proxies) {
          if (proxy.type() != Proxy.Type.DIRECT && proxy.address() instanceof java.net.InetSocketAddress via) {
            String viaHost = via.getAddress() != null ? via.getAddress().getHostAddress() : via.getHostString();
            for (String address : via.getAddress() != null ? Set.of(viaHost) : addresses(viaHost)) {
              watch.aliases.put(address + "|" + via.getPort(), endpoint);
            }
          }
        }
        return;
      }
    }
  }

  private void finished(Watch watch) {
    synchronized (active) {
      active.remove(watch.id, watch);
    }
  }

  /** Reads and writes with each endpoint: counts and bytes. */
  static final class Traffic {

    private final Map<Endpoint, long[]> counters = new ConcurrentHashMap<>();

    /** {@code [reads, bytes in, writes, bytes out]}. */
    void count(Endpoint endpoint, long bytes, boolean read) {
      long[] values = counters.computeIfAbsent(endpoint, e -> new long[4]);
      synchronized (values) {
        values[read ? 0 : 2]++;
        values[read ? 1 : 3] += Math.max(0, bytes);
      }
    }

    void add(Endpoint endpoint, long[] more) {
      long[] values = counters.computeIfAbsent(endpoint, e -> new long[4]);
      synchronized (values) {
        for (int i = 0; i < 4; i++) {
          values[i] += more[i];
        }
      }
    }

    long[] get(Endpoint endpoint) {
      long[] values = counters.get(endpoint);
      if (values == null) {
        return new long[4];
      }
      synchronized (values) {
        return values.clone();
      }
    }

    boolean received(Endpoint endpoint) {
      return get(endpoint)[1] > 0;
    }

    boolean any(Endpoint endpoint) {
      long[] values = get(endpoint);
      return values[1] > 0 || values[3] > 0;
    }
  }

  /** What was found about one service. */
  public enum Status {
    /** Bytes received from its endpoint, certainly the test's. */
    PROVEN,
    /** Traffic with its endpoint that cannot be attributed to this test: no proof, never evidence. */
    SHARED,
    /** No bytes received from its endpoint while the test ran, with every source working. */
    NONE,
    /** Nothing certain could be seen, and no source can say why not. */
    UNCONFIRMED
  }

  /**
   * The finding on one service.
   *
   * @param service the service
   * @param status  the finding
   * @param line    for {@code PROVEN} what was seen ({@code 3 exchanges, 1.2 KB in, 0.4 KB out with
   *                127.0.0.1:6379}); for {@code SHARED} and {@code UNCONFIRMED} why there is no proof; for
   *                {@code NONE} what was looked for
   */
  public record Finding(String service, Status status, String line) {
  }

  /** The observation of one test run. */
  public static final class Watch {

    private final InteractionMonitor monitor;
    private final String id;
    private final Map<String, List<Endpoint>> services;
    private final List<Endpoint> endpoints;
    private final Map<Endpoint, Set<String>> addresses = new LinkedHashMap<>();
    private final long token;
    private final long testThread;
    private final Instant start = Instant.now();
    private volatile Instant end;
    final Set<Long> threads = ConcurrentHashMap.newKeySet();
    /** Traffic certainly the test's (its threads, or it alone running). */
    final Traffic own = new Traffic();
    /** Traffic with its endpoints in its window that cannot be attributed to it. */
    final Traffic shared = new Traffic();
    /** Everything JFR saw with its endpoints in its window, on any thread. */
    final Traffic seen = new Traffic();
    /** Other guarded tests whose windows overlapped this one. */
    final AtomicInteger overlaps = new AtomicInteger();
    /** Proxies the test reached an endpoint through ({@code address|port}), seen by the proxy selector. */
    final Map<String, Endpoint> aliases = new ConcurrentHashMap<>();
    private final Map<String, long[]> unmatched = new ConcurrentHashMap<>();
    private Map<Long, KernelSockets.Connection> kernelStart;
    private String kernelFailure;
    private volatile Instant jfrStart;
    private volatile Instant jfrEnd;
    private volatile boolean markerSeen;
    private volatile boolean dropped;
    private final CountDownLatch settled = new CountDownLatch(1);

    private Watch(InteractionMonitor monitor, String id, Map<String, List<Endpoint>> services, long token,
        long testThread) {
      this.monitor = monitor;
      this.testThread = testThread;
      this.id = id;
      Map<String, List<Endpoint>> copy = new LinkedHashMap<>();
      List<Endpoint> all = new ArrayList<>();
      for (Map.Entry<String, List<Endpoint>> entry : services.entrySet()) {
        copy.put(entry.getKey(), List.copyOf(entry.getValue()));
        for (Endpoint endpoint : entry.getValue()) {
          if (!all.contains(endpoint)) {
            all.add(endpoint);
          }
        }
      }
      this.services = copy;
      this.endpoints = List.copyOf(all);
      this.token = token;
      for (Endpoint endpoint : this.endpoints) {
        addresses.put(endpoint, monitor.addresses(endpoint.host()));
      }
    }

    /** Whether a preflight probe ran during the window (its bytes are counted by the kernel too). */
    private boolean probed() {
      return PROBES_RUNNING.get() > 0 || PROBES_STARTED.get() != probesAtStart;
    }

    private final long probesAtStart = PROBES_STARTED.get();
    private volatile boolean probedDuring;

    private void snapshotStart(KernelSockets kernel) {
      probedDuring = PROBES_RUNNING.get() > 0;
      if (kernel == null || endpoints.isEmpty()) {
        return;
      }
      try {
        kernelStart = index(kernel.connections(ports()));
      } catch (IOException | RuntimeException ex) {
        kernelFailure = "the kernel's connection counters could not be read when the test started: " + ex;
      }
    }

    /** The endpoints' ports, computed once: the kernel's snapshots ask for them twice per test. */
    private Set<Integer> ports() {
      Set<Integer> result = ports;
      if (result == null) {
        result = new java.util.TreeSet<>();
        for (Endpoint endpoint : endpoints) {
          result.add(endpoint.port());
        }
        result = java.util.Collections.unmodifiableSet(result);
        ports = result;
      }
      return result;
    }

    private volatile Set<Integer> ports;

    private static Map<Long, KernelSockets.Connection> index(List<KernelSockets.Connection> connections) {
      Map<Long, KernelSockets.Connection> result = new LinkedHashMap<>();
      for (KernelSockets.Connection connection : connections) {
        result.put(connection.inode(), connection);
      }
      return result;
    }

    /**
     * Whether the window contains {@code time} (a JFR timestamp). The window is delimited by marker events
     * committed in JFR's own clock (the wall clock can differ by milliseconds, enough to count a preflight
     * read that ended just before the test); the stream is ordered, so the start marker is always
     * dispatched before any later event.
     */
    boolean covers(Instant time) {
      Instant from = jfrStart;
      Instant until = jfrEnd;
      return from != null && !time.isBefore(from) && (until == null || !time.isAfter(until));
    }

    Endpoint match(String address, int port) {
      for (Map.Entry<Endpoint, Set<String>> entry : addresses.entrySet()) {
        if (entry.getKey().port() == port && entry.getValue().contains(address)) {
          return entry.getKey();
        }
      }
      return aliases.isEmpty() ? null : aliases.get(address + "|" + port);
    }

    /** Traffic of the test's own threads with other addresses, kept (bounded) for {@link #recheck()}. */
    void unmatched(String address, int port, long bytes, boolean read) {
      String key = address + "|" + port;
      if (unmatched.size() < 64 || unmatched.containsKey(key)) {
        long[] counters = unmatched.computeIfAbsent(key, k -> new long[4]);
        synchronized (counters) {
          counters[read ? 0 : 2]++;
          counters[read ? 1 : 3] += bytes;
        }
      }
    }

    /**
     * Before saying "no bytes": resolves the endpoints' hosts afresh (round-robin DNS may have handed the
     * client an address that the resolution at the test start did not list) and counts the test's own
     * traffic with those addresses.
     */
    private void recheck() {
      if (unmatched.isEmpty()) {
        return;
      }
      for (Endpoint endpoint : endpoints) {
        try {
          for (InetAddress address : InetAddress.getAllByName(endpoint.host())) {
            long[] counters = unmatched.remove(address.getHostAddress() + "|" + endpoint.port());
            if (counters != null) {
              synchronized (counters) {
                own.add(endpoint, counters);
              }
            }
          }
        } catch (UnknownHostException | SecurityException ex) {
          // nothing more to learn about this endpoint
        }
      }
    }

    /** The kernel's counters grown on this process's connections with each endpoint during the window. */
    private Map<Endpoint, long[]> kernelDelta() {
      KernelSockets kernel = monitor.kernel;
      if (kernel == null || kernelStart == null) {
        return null;
      }
      if (provenOnItsThreads()) {
        // JFR already delivered the test's own exchange with every service (a test longer than JFR's 1 s
        // flush): the end snapshot would add nothing (on JDK 17-21 it is a process start)
        return Map.of();
      }
      List<KernelSockets.Connection> now;
      try {
        now = kernel.connections(ports());
      } catch (IOException | RuntimeException ex) {
        kernelFailure = "the kernel's connection counters could not be read when the test ended: " + ex;
        return null;
      }
      Map<Endpoint, long[]> result = new LinkedHashMap<>();
      for (KernelSockets.Connection connection : now) {
        Endpoint endpoint = match(monitor.normalise(connection.remoteAddress()), connection.remotePort());
        if (endpoint == null) {
          continue;
        }
        KernelSockets.Connection before = kernelStart.get(connection.inode());
        long in = connection.bytesReceived() - (before == null ? 0 : before.bytesReceived());
        long out = connection.bytesAcked() - (before == null ? 0 : before.bytesAcked());
        long segments = connection.segmentsIn() - (before == null ? 0 : before.segmentsIn());
        if (in > 0 || out > 0) {
          long[] values = result.computeIfAbsent(endpoint, e -> new long[5]);
          values[0] += Math.max(0, segments);
          values[1] += Math.max(0, in);
          values[3] += Math.max(0, out);
          values[4]++;
        }
      }
      return result;
    }

    private volatile Map<Endpoint, long[]> kernelAtEnd;
    private volatile boolean closed;

    /**
     * Ends the window (the kernel's counters are read, the JFR end marker committed) without waiting for
     * anything: e.g. a class's set-up window when its first test starts.
     */
    public synchronized void close() {
      if (closed) {
        return;
      }
      kernelAtEnd = kernelDelta();
      probedDuring |= probed();
      end = Instant.now();
      monitor.finished(this);
      JfrSocketEvents jfr = monitor.jfr;
      if (jfr != null) {
        jfr.mark(token);
      }
      closed = true;
    }

    /**
     * Ends the window and tells, per service, what was found; waits (when {@code wait}) for the JFR flush
     * after the test end only when a service is not proven yet.
     */
    public List<Finding> finish(boolean wait) {
      close();
      return findings(wait);
    }

    /** What was found per service in the closed window; waits (when {@code wait}) as {@link #finish} does. */
    public List<Finding> findings(boolean wait) {
      Map<Endpoint, long[]> kernel = kernelAtEnd;
      boolean alone = overlaps.get() == 0 && !probedDuring;
      if (allProven(kernel, alone) || !wait) {
        return findings(kernel, alone, settled.getCount() == 0);
      }
      boolean delivered = false;
      if (monitor.jfr != null) {
        try {
          delivered = settled.await(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
        }
        recheck();
      }
      return findings(kernel, alone, delivered);
    }

    /** Whether JFR has delivered, so far, bytes received on the test's own threads from every service. */
    private boolean provenOnItsThreads() {
      for (List<Endpoint> list : services.values()) {
        boolean proven = false;
        for (Endpoint endpoint : list) {
          proven |= own.received(endpoint);
        }
        if (!proven) {
          return false;
        }
      }
      return true;
    }

    private boolean allProven(Map<Endpoint, long[]> kernel, boolean alone) {
      for (List<Endpoint> list : services.values()) {
        boolean proven = false;
        for (Endpoint endpoint : list) {
          proven |= own.received(endpoint) || (alone && kernel != null && kernel.containsKey(endpoint)
              && kernel.get(endpoint)[1] > 0);
        }
        if (!proven) {
          return false;
        }
      }
      return true;
    }

    private List<Finding> findings(Map<Endpoint, long[]> kernel, boolean alone, boolean delivered) {
      List<Finding> result = new ArrayList<>();
      for (Map.Entry<String, List<Endpoint>> service : services.entrySet()) {
        List<String> proofs = new ArrayList<>();
        List<String> sharedWith = new ArrayList<>();
        for (Endpoint endpoint : service.getValue()) {
          long[] jfrOwn = own.get(endpoint);
          long[] fromKernel = kernel == null ? null : kernel.get(endpoint);
          boolean kernelSaw = fromKernel != null && fromKernel[1] > 0;
          // traffic the kernel counted that JFR saw too (all of it, on whichever thread) is attributed by JFR
          boolean explained = kernelSaw && delivered && seen.get(endpoint)[1] >= fromKernel[1];
          if (kernelSaw && alone && fromKernel[1] >= jfrOwn[1]) {
            proofs.add(line(fromKernel, endpoint));
          } else if (jfrOwn[1] > 0) {
            proofs.add(line(jfrOwn, endpoint));
          } else if (shared.any(endpoint) || (kernelSaw && !explained)) {
            sharedWith.add(endpoint.toString());
          }
        }
        String name = service.getKey();
        if (!proofs.isEmpty()) {
          result.add(new Finding(name, Status.PROVEN, String.join("; ", proofs)));
        } else if (!sharedWith.isEmpty()) {
          result.add(new Finding(name, Status.SHARED, "traffic with " + String.join(", ", sharedWith)
              + " while the test ran cannot be attributed to it: " + (overlaps.get() == 0
              ? "a preflight probe ran at the same time" : "a connection shared by " + (overlaps.get() + 1)
              + " tests running at once")));
        } else if (monitor.jfr == null || (kernel == null && kernelFailure == null && monitor.kernel == null)) {
          result.add(new Finding(name, Status.UNCONFIRMED, monitor.unavailableReason()));
        } else if (kernelFailure != null) {
          result.add(new Finding(name, Status.UNCONFIRMED, kernelFailure));
        } else if (!delivered) {
          result.add(new Finding(name, Status.UNCONFIRMED, "JFR did not deliver the test end within "
              + MAX_WAIT.toMillis() + " ms (an overloaded JVM?)"));
        } else {
          List<String> shown = service.getValue().stream().map(Endpoint::toString).toList();
          result.add(new Finding(name, Status.NONE, String.join(", ", shown)));
        }
      }
      return result;
    }

    /** {@code 3 exchanges, 1.2 KB in, 0.4 KB out with 127.0.0.1:6379}. */
    private static String line(long[] counters, Endpoint endpoint) {
      return counters[0] + (counters[0] == 1 ? " exchange, " : " exchanges, ") + size(counters[1]) + " in, "
          + size(counters[3]) + " out with " + endpoint;
    }

    /** The endpoints watched. */
    public List<Endpoint> endpoints() {
      return endpoints;
    }
  }

  /** {@code 512 B}, {@code 2.1 KB}, {@code 3.4 MB} (1 KB = 1024 B). */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }

  /** Sees connects through the default {@link ProxySelector}; answers exactly as the previous one. */
  static final class ProxySelectorHook extends ProxySelector {

    private final ProxySelector previous;
    private final InteractionMonitor monitor;

    private ProxySelectorHook(ProxySelector previous, InteractionMonitor monitor) {
      this.previous = previous;
      this.monitor = monitor;
    }

    static void install(InteractionMonitor monitor) {
      ProxySelector current = ProxySelector.getDefault();
      if (!(current instanceof ProxySelectorHook)) {
        ProxySelector.setDefault(new ProxySelectorHook(current, monitor));
      }
    }

    static void uninstall() {
      if (ProxySelector.getDefault() instanceof ProxySelectorHook hook) {
        ProxySelector.setDefault(hook.previous);
      }
    }

    @Override
    public List<Proxy> select(URI uri) {
      List<Proxy> proxies = previous == null ? List.of(Proxy.NO_PROXY) : previous.select(uri);
      try {
        monitor.onConnect(uri, proxies);
      } catch (RuntimeException ex) {
        // observing must never break a connect
      }
      return proxies;
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException ex) {
      if (previous != null) {
        previous.connectFailed(uri, address, ex);
      }
    }
  }
}
