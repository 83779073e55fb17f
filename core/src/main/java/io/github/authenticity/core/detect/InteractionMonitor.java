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
import java.util.Collection;
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
import java.util.concurrent.atomic.AtomicLong;

import io.github.authenticity.core.config.Endpoint;
import org.apiguardian.api.API;

/**
 * Observes, at the socket level, whether a guarded test exchanged bytes with an endpoint of its required
 * services, whatever client it used.
 *
 * <h2>Why this mechanism (measured on this project's CI machine, 2 shared cores, JDK 17.0.15 and Temurin 25)</h2>
 * <ul>
 *   <li><b>JFR</b> {@code jdk.SocketRead}/{@code jdk.SocketWrite} with a zero threshold, streamed in-process
 *   ({@link jdk.jfr.consumer.RecordingStream}), sees every client that ends in {@code java.net.Socket} or
 *   NIO {@code SocketChannel}; tested on both JDKs: {@code HttpClient} (also its WebSocket, and a shared
 *   client whose selector thread predates the test), {@code HttpURLConnection}, plain sockets (a raw Redis
 *   client), {@code SocketChannel}, the PostgreSQL JDBC driver, the Java-WebSocket client. The event
 *   carries the remote {@code address} (reliable; {@code host} may be empty or reverse-resolved),
 *   {@code port}, the bytes and the thread. Delivery lags the I/O: events arrive with the periodic flush,
 *   measured 0.27-1.05 s after the write on JDK 17 and 0.65-0.70 s on 25; no public API forces a flush
 *   ({@code setFlushInterval} is clamped to 1 s). Starting the stream costs 1.7-2.2 s on JDK 17 and about
 *   1 s on 25, and 6-30 MB of resident memory, once per JVM: {@link #start()} it early, e.g. in parallel
 *   with the preflight. Per test it costs about 0.2-0.3 ms (two marker events and the bookkeeping).</li>
 *   <li><b>A default {@link ProxySelector}</b> is asked, on the connecting thread and before the connect, by
 *   {@code HttpURLConnection}, {@code HttpClient} (built after it was installed), plain {@code Socket}
 *   connects (so the PostgreSQL driver and Jedis): immediate, but blind to NIO {@code SocketChannel}
 *   clients, {@code Proxy.NO_PROXY} (the Java-WebSocket client), and it sees an attempt, not bytes.</li>
 *   <li>A Java agent would see everything at once but must be wired into the test JVM's command line (by
 *   the plugin, like JaCoCo's {@code prepare-agent}); not needed given the numbers above.</li>
 * </ul>
 * So: a test whose traffic JFR already delivered, or whose connect to a required endpoint the proxy
 * selector saw, is proven at once (an honest test pays nothing); otherwise {@link Watch#finish(boolean)}
 * commits a marker event and waits until the JFR flush that carries it has been dispatched (measured
 * 0.06-1.05 s, bounded by {@link #MAX_WAIT}), so {@code NO_INTERACTION} is never issued before the slow
 * evidence had its chance. Known gap of the fast path: a connect the proxy selector saw that was then
 * refused counts as proof (the preflight found the service up; a fallback after it usually logs).
 *
 * <h2>Attribution</h2>
 * A socket event belongs to the test whose window (from {@code beforeTest} to {@code afterTest}) contains
 * it and whose threads did it: the test thread plus every thread started from one of its threads during
 * the window (JFR {@code jdk.ThreadStart} carries the parent), except threads that host test bodies
 * themselves (JUnit's parallel workers are started lazily from whichever worker runs a test). An event on a thread that belongs to no
 * running test (a pool created before the test, e.g. a shared {@code HttpClient}'s selector thread) is
 * attributed by time window to every test running then with that endpoint: exact when tests run serially;
 * under parallel execution it can lend proof to a concurrent test of the same service (a miss, never a
 * false alarm). Traffic before the first window (the preflight probes) never counts.
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

  private InteractionMonitor() {
  }

  /**
   * The monitor, started on first use: installs the proxy selector hook and starts the JFR stream (about
   * 2 s once per JVM; call it early, e.g. while the preflight probes run, to hide that).
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
        monitor.startJfr();
        instance = monitor;
      }
      return instance;
    }
  }

  private void startJfr() {
    if (ModuleLayer.boot().findModule("jdk.jfr").isEmpty()) {
      jfrProblem = "the JDK has no jdk.jfr module";
      return;
    }
    try {
      jfr = new JfrSocketEvents(this);
    } catch (RuntimeException | LinkageError ex) {
      jfrProblem = "JDK Flight Recorder could not start: " + ex;
    }
  }

  /** Why socket events cannot be observed, or {@code null} when they can. */
  public String unavailableReason() {
    return jfrProblem;
  }

  /** Starts watching the test {@code id} (on its thread) for traffic with {@code endpoints}. */
  public Watch watch(String id, Collection<Endpoint> endpoints) {
    long thread = Thread.currentThread().getId();
    Watch watch = new Watch(this, id, endpoints, tokens.incrementAndGet(), thread);
    // a test thread (e.g. a JUnit parallel worker started while another test ran) is nobody's child
    testThreads.add(thread);
    Watch previous = threadOwners.put(thread, watch);
    if (previous != null) {
      previous.threads.remove(thread);
    }
    watch.threads.add(thread);
    active.put(id, watch);
    recent.addLast(watch);
    byToken.put(watch.token, watch);
    JfrSocketEvents events = jfr;
    if (events != null) {
      events.begin(watch.token);
    }
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

  /** A literal address as JFR reports it, normalised to {@link InetAddress#getHostAddress()}. */
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

  void onSocket(long threadId, String threadName, Instant time, String address, int port, long bytes) {
    if (recent.isEmpty() || bytes <= 0 || (threadName != null && threadName.startsWith(PROBE_THREAD_PREFIX))) {
      // a read that returned nothing (EOF, an idle keep-alive connection closing) is no exchange
      return;
    }
    String normalised = normalise(address);
    List<Watch> candidates = new ArrayList<>(2);
    Watch owner = null;
    for (Watch watch : recent) {
      if (!watch.covers(time)) {
        continue;
      }
      if (watch.testThread == threadId) {
        owner = watch;
        break;
      }
      if (owner == null && watch.threads.contains(threadId)) {
        owner = watch;
      }
      if (watch.match(normalised, port) != null) {
        candidates.add(watch);
      }
    }
    if (owner != null) {
      Endpoint endpoint = owner.match(normalised, port);
      if (endpoint != null) {
        owner.count(endpoint, bytes);
      } else {
        owner.unmatched(normalised, port, bytes);
      }
      return;
    }
    for (Watch watch : candidates) {
      watch.count(watch.match(normalised, port), bytes);
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

  void onConnect(URI uri, List<Proxy> proxies) {
    if (active.isEmpty() || uri == null || uri.getHost() == null
        || Thread.currentThread().getName().startsWith(PROBE_THREAD_PREFIX)) {
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
        watch.connected = endpoint;
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
    active.remove(watch.id, watch);
  }

  /** The observation of one test run. */
  public static final class Watch {

    private final InteractionMonitor monitor;
    private final String id;
    private final List<Endpoint> endpoints;
    private final Map<Endpoint, Set<String>> addresses = new LinkedHashMap<>();
    private final long token;
    private final long testThread;
    private final Instant start = Instant.now();
    private volatile Instant end;
    final Set<Long> threads = ConcurrentHashMap.newKeySet();
    private final Map<Endpoint, long[]> traffic = new ConcurrentHashMap<>();
    /** Proxies the test reached an endpoint through ({@code address|port}), seen by the proxy selector. */
    final Map<String, Endpoint> aliases = new ConcurrentHashMap<>();
    private final Map<String, long[]> unmatched = new ConcurrentHashMap<>();
    private volatile Endpoint connected;
    private volatile Instant jfrStart;
    private volatile Instant jfrEnd;
    private volatile boolean markerSeen;
    private volatile boolean dropped;
    private final CountDownLatch settled = new CountDownLatch(1);

    private Watch(InteractionMonitor monitor, String id, Collection<Endpoint> endpoints, long token, long testThread) {
      this.monitor = monitor;
      this.testThread = testThread;
      this.id = id;
      this.endpoints = List.copyOf(endpoints);
      this.token = token;
      for (Endpoint endpoint : this.endpoints) {
        addresses.put(endpoint, monitor.addresses(endpoint.host()));
      }
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
    void unmatched(String address, int port, long bytes) {
      String key = address + "|" + port;
      if (unmatched.size() < 64 || unmatched.containsKey(key)) {
        long[] counters = unmatched.computeIfAbsent(key, k -> new long[2]);
        synchronized (counters) {
          counters[0]++;
          counters[1] += bytes;
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
              long[] target = traffic.computeIfAbsent(endpoint, e -> new long[2]);
              synchronized (target) {
                target[0] += counters[0];
                target[1] += counters[1];
              }
            }
          }
        } catch (UnknownHostException | SecurityException ex) {
          // nothing more to learn about this endpoint
        }
      }
    }

    void count(Endpoint endpoint, long bytes) {
      long[] counters = traffic.computeIfAbsent(endpoint, e -> new long[2]);
      synchronized (counters) {
        counters[0]++;
        counters[1] += Math.max(0, bytes);
      }
    }

    /**
     * Ends the window and tells what proves the interaction, or {@code null} when nothing does; waits (when
     * {@code wait}) for the JFR flush after the test end only when neither fast evidence exists.
     */
    public Result finish(boolean wait) {
      end = Instant.now();
      monitor.finished(this);
      JfrSocketEvents jfr = monitor.jfr;
      if (jfr != null) {
        jfr.mark(token);
      }
      if (!traffic.isEmpty()) {
        return new Result(proof(), false);
      }
      if (connected != null) {
        return new Result("connection opened to " + connected + " (bytes counted by JFR after the test)", false);
      }
      if (jfr == null || !wait) {
        return new Result(null, jfr == null);
      }
      boolean delivered;
      try {
        delivered = settled.await(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        delivered = false;
      }
      if (traffic.isEmpty()) {
        recheck();
      }
      if (!traffic.isEmpty()) {
        return new Result(proof(), false);
      }
      return new Result(null, !delivered);
    }

    /** {@code 3 exchanges, 2.1 KB with 127.0.0.1:18080}; several endpoints joined by {@code ; }. */
    String proof() {
      List<String> parts = new ArrayList<>();
      for (Endpoint endpoint : endpoints) {
        long[] counters = traffic.get(endpoint);
        if (counters != null) {
          synchronized (counters) {
            parts.add(counters[0] + (counters[0] == 1 ? " exchange, " : " exchanges, ") + size(counters[1]) + " with "
                + endpoint);
          }
        }
      }
      return String.join("; ", parts);
    }

    /** The endpoints watched. */
    public List<Endpoint> endpoints() {
      return endpoints;
    }
  }

  /**
   * What {@link Watch#finish(boolean)} found.
   *
   * @param proof       the proof line, or {@code null} when no interaction was seen
   * @param unconfirmed whether the absence could not be confirmed (JFR unavailable or late)
   */
  public record Result(String proof, boolean unconfirmed) {
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
