package io.github.authenticity.core.internal.detect;

import java.net.InetAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.authenticity.core.config.Endpoint;
import io.github.authenticity.core.internal.model.Unproven;
import org.apiguardian.api.API;

/**
 * Observes, at the socket level, whether a guarded test exchanged bytes with the endpoints of each of its
 * required services, whatever client it used; {@code docs/detection.md} has the mechanism, its measurements and
 * the rule.
 *
 * <p>The bytes are counted by the Authenticity agent ({@code -javaagent}, put into the test JVM by the plugin's
 * {@code prepare-agent} goal) as they move, per connection and with its peer, and credited to the window of the
 * test whose thread (or whose task, carried through executors and event loops) wrote or read them: see {@link
 * AgentLedger}. Nothing is waited for: when the test ends, its window holds everything.
 *
 * <h2>Three outcomes per service</h2>
 * Bytes received from the service's endpoint that the ledger credits to the test are {@link Status#PROVEN}.
 * Bytes received that no test can be sure of (a client's own thread, several guarded tests running) are
 * {@link Status#SHARED}: no proof, never evidence. No bytes at all, with the agent seeing every transport, is
 * {@link Status#NONE}. Without the agent, {@link Status#NO_AGENT}; with an agent that cannot see some transport
 * here, {@link Status#UNCONFIRMED}. A {@link ProxySelector} hook learns which proxy carries a request for an
 * endpoint (its bytes count for the endpoint): a connect attempt is no proof.
 *
 * <p>Why this class is over 300 lines: it holds one job, the watches of the tests running now, with what
 * they share (the resolved addresses, the proxies learned on connect) and the public types the extension and
 * the judge read ({@link Watch}, {@link Finding}, {@link Status}); reading a window's traffic into findings
 * is {@link TrafficFindings}', the JDK hook is {@link ProxySelectorHook}.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class InteractionMonitor {

  private static final Object START_LOCK = new Object();
  /** How long a test waits for the addresses of one of its endpoints. */
  private static final java.time.Duration LOOKUP_TIMEOUT = java.time.Duration.ofSeconds(2);
  private static volatile InteractionMonitor instance;

  private final Map<String, Watch> active = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> resolved = new ConcurrentHashMap<>();
  private final Map<String, String> literals = new ConcurrentHashMap<>();
  private final AgentLedger ledger;

  private InteractionMonitor(AgentLedger ledger) {
    this.ledger = ledger;
  }

  /**
   * Called by the preflight on a probe's thread when the probe starts ({@code true}: its traffic is no test's) and
   * ends ({@code false}); the extension hands it to the preflight as its {@code ProbeThreads}.
   */
  public static void probing(boolean active) {
    AgentLedger.ignoreCurrentThread(active);
  }

  /** The monitor: finds the agent's ledger (cheap) and installs the proxy selector hook. */
  public static InteractionMonitor start() {
    InteractionMonitor monitor = instance;
    if (monitor != null) {
      return monitor;
    }
    synchronized (START_LOCK) {
      if (instance == null) {
        monitor = new InteractionMonitor(AgentLedger.find());
        ProxySelectorHook.install(monitor);
        instance = monitor;
      }
      return instance;
    }
  }

  /** Whether the agent's ledger is there: socket proof can be had in this JVM. */
  public boolean agentLoaded() {
    return ledger != null;
  }

  /** Whether the agent's ledger is missing (no proof can be had, never a verdict). */
  boolean noAgent() {
    return ledger == null;
  }

  /** Why socket traffic cannot be fully observed, or {@code null} when it can. */
  public String unavailableReason() {
    if (ledger == null) {
      return Unproven.NO_AGENT;
    }
    List<String> problems = ledger.problems();
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  /**
   * Starts watching the test {@code id} (on its thread, which the window then follows into the tasks it
   * submits) for exchanges with each service's endpoints ({@code services}: service name to endpoints, in the
   * order of the report).
   */
  public Watch watch(String id, Map<String, List<Endpoint>> services) {
    Watch watch = new Watch(this, id, services);
    synchronized (active) {
      for (Watch other : active.values()) {
        other.overlaps.incrementAndGet();
        watch.overlaps.incrementAndGet();
      }
      active.put(id, watch);
    }
    watch.window = ledger == null ? null : ledger.open(id);
    return watch;
  }

  /** The addresses of {@code host}, resolved once (a failed lookup is tried again next time). */
  Set<String> addresses(String host) {
    Set<String> known = resolved.computeIfAbsent(host.toLowerCase(Locale.ROOT), name -> {
      Set<String> result = ConcurrentHashMap.newKeySet();
      try {
        // bounded (this runs on the test thread); a failure is not kept: the next test asks again
        for (InetAddress address : io.github.authenticity.core.internal.net.Resolver.resolve(name, LOOKUP_TIMEOUT)) {
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

  /** A literal address as the agent reports it, normalised to {@link InetAddress#getHostAddress()}. */
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

  private void finished(Watch watch) {
    synchronized (active) {
      active.remove(watch.id, watch);
    }
  }

  /** The name prefix of the preflight's probe threads: their traffic never counts as a test's. */
  static final String PROBE_THREAD_PREFIX = "authenticity-probe-";

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

  /** What was found about one service. */
  public enum Status {
    /** Bytes received from its endpoint, certainly the test's. */
    PROVEN,
    /** Traffic with its endpoint that cannot be attributed to this test: no proof, never evidence. */
    SHARED,
    /** No bytes received from its endpoint while the test ran, with the agent seeing every transport. */
    NONE,
    /** The agent cannot see some traffic in this JVM (a hook it could not apply, a transport it cannot see). */
    UNCONFIRMED,
    /** The agent is not loaded (an IDE run, a build without {@code prepare-agent}): no proof, never a verdict. */
    NO_AGENT
  }

  /**
   * The finding on one service.
   *
   * @param service the service
   * @param status  the finding
   * @param line    for {@code PROVEN} what was seen ({@code 3 exchanges, 1.2 KB in, 0.4 KB out with
   *                127.0.0.1:6379}); for {@code SHARED}, {@code UNCONFIRMED} and {@code NO_AGENT} why there is no
   *                proof; for {@code NONE} what was looked for
   */
  public record Finding(String service, Status status, String line, Map<String, Long> answers) {

    /**
     * @param answers for {@code PROVEN}, the answers the service gave by label ({@code HTTP 503}, {@code RESP
     *                -LOADING}, ...; see {@code docs/detection.md}), empty when none of them was classified
     */
    public Finding {
      answers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(answers));
    }

    /** A finding without classified answers. */
    public Finding(String service, Status status, String line) {
      this(service, status, line, Map.of());
    }

    /** Whether every answer the service gave was a server error (and it gave at least one). */
    public boolean onlyServerErrors() {
      return ServerAnswers.onlyServerErrors(answers);
    }

    /** The server errors among the answers: {@code 503 Service Unavailable (1 answer)}. */
    public String serverErrors() {
      return ServerAnswers.errors(answers);
    }
  }

  /** The observation of one test run (or of a class's set-up). */
  public static final class Watch {

    private final InteractionMonitor monitor;
    private final String id;
    private final Map<String, List<Endpoint>> services;
    private final List<Endpoint> endpoints;
    private final Map<Endpoint, Set<String>> addresses = new LinkedHashMap<>();
    /** Other guarded tests whose windows overlapped this one. */
    final AtomicInteger overlaps = new AtomicInteger();
    /** Proxies the test reached an endpoint through ({@code address|port}), seen by the proxy selector. */
    final Map<String, Endpoint> aliases = new ConcurrentHashMap<>();
    private volatile AgentLedger.Window window;
    private volatile List<Finding> findings;

    private Watch(InteractionMonitor monitor, String id, Map<String, List<Endpoint>> services) {
      this.monitor = monitor;
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
      for (Endpoint endpoint : this.endpoints) {
        addresses.put(endpoint, monitor.addresses(endpoint.host()));
      }
    }

    InteractionMonitor monitor() {
      return monitor;
    }

    /** The services watched, each with its endpoints, in the order of the report. */
    Map<String, List<Endpoint>> services() {
      return services;
    }

    /** How many other guarded tests' windows overlapped this one. */
    int overlaps() {
      return overlaps.get();
    }

    Endpoint match(String address, int port) {
      for (Map.Entry<Endpoint, Set<String>> entry : addresses.entrySet()) {
        if (entry.getKey().port() == port && entry.getValue().contains(address)) {
          return entry.getKey();
        }
      }
      return aliases.isEmpty() ? null : aliases.get(address + "|" + port);
    }

    /** Ends the window: traffic after it is no longer the test's (e.g. a class's set-up when its first test starts). */
    public synchronized void close() {
      if (findings != null) {
        return;
      }
      AgentLedger.Window open = window;
      List<AgentLedger.Traffic> traffic = List.of();
      if (open != null) {
        open.close();
        traffic = open.traffic();
      }
      monitor.finished(this);
      findings = TrafficFindings.of(this, traffic);
    }

    /**
     * Ends the window (if {@link #close()} has not) and tells, per service, what was found: everything is there when
     * the window closes, nothing is waited for.
     */
    public List<Finding> finish() {
      close();
      return findings;
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
      return tenths(bytes, 1024) + " KB";
    }
    return tenths(bytes, 1024 * 1024) + " MB";
  }

  /**
   * {@code bytes / unit} with one decimal, rounded half up: what {@code String.format("%.1f")} writes (the quotient is
   * exact in binary, a power of two), without a {@code Formatter} for every proof line.
   */
  private static String tenths(long bytes, long unit) {
    long tenths = Math.round(bytes * 10.0 / unit);
    return tenths / 10 + "." + tenths % 10;
  }
}
