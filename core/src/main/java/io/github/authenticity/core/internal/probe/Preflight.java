package io.github.authenticity.core.internal.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.config.ContainerBinding;
import io.github.authenticity.core.probe.ProbeResult;
import io.github.authenticity.core.probe.ProbeStatus;
import io.github.authenticity.core.probe.ServiceProbe;
import org.apiguardian.api.API;

/**
 * Probes services once each, all in parallel, each under its hard timeout, with the built-in probes
 * and those found with {@link java.util.ServiceLoader} on {@code classLoader}.
 *
 * <p>Each service gets its own daemon thread, whose context class loader is {@code classLoader}. The
 * runner waits for each probe until its {@link ServiceDefinition#timeout()} (plus a short grace so that a
 * built-in probe, which keeps to the timeout itself, can report its more precise cause); a probe still
 * running then is {@code DOWN} ({@code timed out after N ms}) and its thread is abandoned.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Preflight {

  /** How long the runner waits beyond a service's timeout before it declares the probe timed out. */
  static final long GRACE_MILLIS = 250;

  private final ClassLoader classLoader;
  private final ProbeThreads probeThreads;
  private Map<String, ServiceProbe> probes;

  /** A preflight whose probe threads nobody watches (no socket observation in this JVM). */
  public Preflight(ClassLoader classLoader) {
    this(classLoader, probing -> { });
  }

  /**
   * A preflight that tells {@code probeThreads} when a probe starts and ends on its thread, so whoever observes
   * sockets (the interaction monitor) knows that thread's traffic is no test's.
   */
  public Preflight(ClassLoader classLoader, ProbeThreads probeThreads) {
    this.classLoader = classLoader;
    this.probeThreads = probeThreads;
  }

  /** Told on a probe's own thread when the probe starts ({@code true}) and when it ends ({@code false}). */
  @FunctionalInterface
  public interface ProbeThreads {

    /** {@code true} when the current thread starts probing, {@code false} when it is done. */
    void probing(boolean active);
  }

  /**
   * Probes every service in parallel; returns when all have answered or timed out, so the whole
   * preflight takes about the slowest single probe. Never throws for a service's failure: that is
   * a {@code DOWN} result.
   *
   * @return one result per service, by service name, in the order given
   * @throws IllegalStateException when the {@link ServiceProbe} implementations cannot be loaded or two
   *                               of them claim the same type (see {@link #probes()})
   */
  public Map<String, ProbeResult> probeAll(Collection<ServiceDefinition> services) {
    Map<String, ServiceProbe> known = probes();
    List<Running> running = new ArrayList<>();
    for (ServiceDefinition service : services) {
      running.add(start(service, known.get(service.probe()), known));
    }
    Map<String, ProbeResult> results = new LinkedHashMap<>();
    for (Running run : running) {
      results.put(run.service.name(), await(run));
    }
    return Collections.unmodifiableMap(results);
  }

  /**
   * The probe types known on {@code classLoader}: the built-ins and every {@link ServiceProbe} found.
   *
   * @throws IllegalStateException when a listed implementation cannot be loaded or instantiated, or when two
   *                               probes (built-in or custom) have the same {@link ServiceProbe#type()}
   */
  public synchronized Map<String, ServiceProbe> probes() {
    if (probes == null) {
      Map<String, ServiceProbe> found = new TreeMap<>();
      List<ServiceProbe> all = new ArrayList<>(List.of(new HttpProbe("http"), new HttpProbe("https"), new TcpProbe(),
          new WebSocketProbe(), new PostgresProbe(), new RedisProbe()));
      try {
        ServiceLoader.load(ServiceProbe.class, classLoader).forEach(all::add);
      } catch (ServiceConfigurationError ex) {
        throw new IllegalStateException("Cannot load the custom probes listed in [META-INF/services/"
            + ServiceProbe.class.getName() + "]: " + ex.getMessage()
            + ". Fix or remove the listed class.", ex);
      }
      for (ServiceProbe probe : all) {
        String type = probe.type();
        if (type == null || type.isBlank()) {
          throw new IllegalStateException("Probe [" + probe.getClass().getName() + "] has no type(); return the name "
              + "used as 'probe:' in authenticity.yaml");
        }
        ServiceProbe previous = found.putIfAbsent(type, probe);
        if (previous != null) {
          throw new IllegalStateException("Probe type [" + type + "] is provided twice: by ["
              + previous.getClass().getName() + "]" + (previous instanceof BuiltinProbe ? " (built-in)" : "")
              + " and by [" + probe.getClass().getName() + "]. Give the custom probe another type() or remove "
              + "one of them from META-INF/services/" + ServiceProbe.class.getName() + ".");
        }
      }
      probes = Collections.unmodifiableMap(found);
    }
    return probes;
  }

  private Running start(ServiceDefinition service, ServiceProbe probe, Map<String, ServiceProbe> known) {
    Duration timeout = service.timeout() == null || service.timeout().isZero() || service.timeout().isNegative()
        ? ServiceDefinition.DEFAULT_TIMEOUT : service.timeout();
    Instant probedAt = Instant.now();
    long startNanos = System.nanoTime();
    FutureTask<ProbeResult> task = new FutureTask<>(() -> {
      if (probe == null) {
        return ProbeResult.down(service.name(), service.probe(), null, 0, "unknown probe type [" + service.probe()
            + "]; known types: " + String.join(", ", known.keySet()), probedAt);
      }
      if (ContainerBinding.configured(service)) {
        return ProbeResult.down(service.name(), service.probe(), null, 0, ContainerBinding.notProbed(), probedAt);
      }
      probeThreads.probing(true);
      try {
        return probe.probe(service);
      } finally {
        probeThreads.probing(false);
      }
    });
    Thread thread = new Thread(task, "authenticity-probe-" + service.name());
    thread.setDaemon(true);
    thread.setContextClassLoader(classLoader);
    thread.start();
    return new Running(service, probe, timeout, probedAt, startNanos, task, thread);
  }

  private static ProbeResult await(Running run) {
    ServiceDefinition service = run.service;
    long waitNanos = run.startNanos + TimeUnit.MILLISECONDS.toNanos(run.timeout.toMillis() + GRACE_MILLIS)
        - System.nanoTime();
    ProbeResult result;
    try {
      result = run.task.get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
    } catch (TimeoutException ex) {
      run.task.cancel(true);
      return finish(run, null, ProbeStatus.DOWN, "timed out after " + run.timeout.toMillis() + " ms",
          run.timeout.toMillis());
    } catch (ExecutionException ex) {
      Throwable cause = ex.getCause() == null ? ex : ex.getCause();
      return finish(run, null, ProbeStatus.DOWN, Causes.of(cause, host(service), run.timeout.toMillis(),
          "accepted the connection but sent no answer"), elapsed(run));
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      run.task.cancel(true);
      return finish(run, null, ProbeStatus.DOWN, "interrupted while probing", elapsed(run));
    }
    if (result == null) {
      return finish(run, null, ProbeStatus.DOWN, "probe [" + run.probe.getClass().getName() + "] returned no result",
          elapsed(run));
    }
    ProbeStatus status = result.status() == null ? ProbeStatus.DOWN : result.status();
    String detail = result.detail() == null ? "" : result.detail();
    long latency = run.probe instanceof BuiltinProbe ? result.latencyMillis() : elapsed(run);
    if (status == ProbeStatus.UP && service.maxLatency() != null && latency > service.maxLatency().toMillis()) {
      status = ProbeStatus.DEGRADED;
      detail = detail + " in " + latency + " ms, over maxLatency " + service.maxLatency().toMillis() + " ms";
    }
    return finish(run, result.endpoint(), status, detail, latency);
  }

  private static ProbeResult finish(Running run, String endpoint, ProbeStatus status, String detail, long latency) {
    ServiceDefinition service = run.service;
    String text = endpoint == null || endpoint.isBlank() ? defaultEndpoint(service) : endpoint;
    return new ProbeResult(service.name(), service.probe(), ProbeRedaction.text(Causes.oneLine(text), service), status,
        latency, ProbeRedaction.text(Causes.oneLine(detail), service), run.probedAt);
  }

  private static long elapsed(Running run) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - run.startNanos);
  }

  /** What is probed when the probe did not say: the URL, or {@code <type> host:port}, or the type. */
  static String defaultEndpoint(ServiceDefinition service) {
    if (service.setting("url").isPresent()) {
      return ProbeRedaction.url(service.setting("url").get());
    }
    return service.setting("host")
        .map(host -> service.probe() + " " + host + service.setting("port").map(port -> ":" + port).orElse(""))
        .orElse(service.probe());
  }

  private static String host(ServiceDefinition service) {
    return service.setting("host").orElseGet(() -> service.setting("url").map(url -> {
      try {
        String host = java.net.URI.create(url).getHost();
        return host == null ? ProbeRedaction.url(url) : host;
      } catch (IllegalArgumentException ex) {
        return ProbeRedaction.url(url);
      }
    }).orElse("?"));
  }

  private record Running(ServiceDefinition service, ServiceProbe probe, Duration timeout, Instant probedAt,
      long startNanos, FutureTask<ProbeResult> task, Thread thread) {
  }
}
