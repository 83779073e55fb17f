package io.github.authenticity.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.internal.config.ConfigLoader;
import io.github.authenticity.core.internal.config.ConfigParameters;
import io.github.authenticity.core.internal.config.ContainerBinding;
import io.github.authenticity.core.internal.detect.InteractionMonitor;
import io.github.authenticity.core.internal.events.Event;
import io.github.authenticity.core.internal.events.EventWriter;
import io.github.authenticity.core.internal.model.Judgement;
import io.github.authenticity.core.internal.probe.Preflight;
import io.github.authenticity.core.internal.redact.RedactedThrowable;
import io.github.authenticity.core.internal.redact.Redactor;
import io.github.authenticity.core.probe.ProbeResult;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The state of one test run shared by the listener and the extension: the configuration (loaded once),
 * the preflight results (each service probed once, the result held for the run: a circuit breaker), the
 * verdicts of containers for the listener to expand, and the events file when the listener runs.
 */
final class Run {

  private static final Logger LOG = Logger.getLogger(Run.class.getName());
  /** How long past the slowest service's own hard timeout a test waits for the preflight. */
  private static final Duration PREFLIGHT_GRACE = Duration.ofSeconds(10);

  /**
   * A random (version 4) UUID from {@link ThreadLocalRandom}, not {@link UUID#randomUUID()}: the run id names a run
   * among a build's files and needs no secrecy, and seeding {@code SecureRandom} cost about 20 ms of every test
   * JVM's start (the bench profile).
   */
  private final String id = runId();
  private final ConfigParameters parameters;
  private final ClassLoader classLoader;
  private volatile EventWriter log;
  private final PlanIndex plan;
  private final ConcurrentMap<String, CompletableFuture<ProbeResult>> probes = new ConcurrentHashMap<>();
  private volatile Object config;
  /** The tests and containers the extension wrote a verdict on (so the listener never writes a second one). */
  private final java.util.Set<String> judged = ConcurrentHashMap.newKeySet();

  private static String runId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  private Run(ConfigParameters parameters, ClassLoader classLoader, EventWriter log, PlanIndex plan) {
    this.parameters = parameters;
    this.classLoader = classLoader;
    this.log = log;
    this.plan = plan;
  }

  /** A run seen by the listener: it has the whole test plan, and an events file once {@link #attach}ed. */
  static Run forPlan(ConfigParameters parameters, ClassLoader classLoader, PlanIndex plan) {
    return new Run(parameters, classLoader, null, plan);
  }

  /** From now on, events go to {@code eventLog}. */
  void attach(EventWriter eventLog) {
    this.log = eventLog;
  }

  /** A run without the listener (e.g. {@code EngineTestKit}): no plan, no events file. */
  static Run standalone(ConfigParameters parameters, ClassLoader classLoader) {
    return new Run(parameters, classLoader, null, null);
  }

  String id() {
    return id;
  }

  ConfigParameters parameters() {
    return parameters;
  }

  Optional<PlanIndex> plan() {
    return Optional.ofNullable(plan);
  }

  Optional<EventWriter> log() {
    return Optional.ofNullable(log);
  }

  /**
   * The configuration, loaded on first use and kept for the run.
   *
   * @throws ExtensionConfigurationException with the loader's message when the configuration is bad
   */
  AuthenticityConfig config() {
    Object loaded = config;
    if (loaded == null) {
      synchronized (this) {
        loaded = config;
        if (loaded == null) {
          try {
            loaded = new ConfigLoader(parameters, System.getenv(), classLoader).load();
          } catch (RuntimeException ex) {
            loaded = ex;
          }
          config = loaded;
        }
      }
    }
    if (loaded instanceof RuntimeException ex) {
      throw new ExtensionConfigurationException(Redactor.redact(ex.getMessage()), RedactedThrowable.of(ex));
    }
    return (AuthenticityConfig) loaded;
  }

  /** The configuration problem every guarded test fails with, if any. */
  Optional<String> configError() {
    try {
      config();
      return Optional.empty();
    } catch (ExtensionConfigurationException ex) {
      return Optional.of(ex.getMessage());
    }
  }

  /** Starts probing {@code services} on a background thread; tests that need them wait for the results. */
  void startPreflight(Collection<ServiceDefinition> services) {
    List<ServiceDefinition> mine = claim(services);
    if (!mine.isEmpty()) {
      Thread thread = new Thread(() -> probeNow(mine), "authenticity-preflight");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /**
   * The probe results of {@code services}: those already probed (or being probed) this run are reused;
   * any other is probed now, once, in parallel with the rest.
   */
  Map<String, ProbeResult> probe(List<ServiceDefinition> services) {
    Map<String, ProbeResult> known = probedAlready(services);
    if (known != null) {
      return known;
    }
    List<ServiceDefinition> mine = claim(services);
    if (!mine.isEmpty()) {
      probeNow(mine);
    }
    long waitMillis = services.stream().map(ServiceDefinition::timeout).max(Duration::compareTo)
        .orElse(ServiceDefinition.DEFAULT_TIMEOUT).plus(PREFLIGHT_GRACE).toMillis();
    Map<String, ProbeResult> results = new LinkedHashMap<>();
    for (ServiceDefinition service : services) {
      results.put(service.name(), await(service, waitMillis));
    }
    return results;
  }

  /**
   * The results of {@code services} when every one was probed already (the usual case after a run's first tests: one
   * map lookup each), else {@code null}.
   */
  private Map<String, ProbeResult> probedAlready(List<ServiceDefinition> services) {
    Map<String, ProbeResult> results = new LinkedHashMap<>();
    for (ServiceDefinition service : services) {
      CompletableFuture<ProbeResult> probe = probes.get(key(service));
      if (probe == null || !probe.isDone() || probe.isCompletedExceptionally()) {
        return null;
      }
      results.put(service.name(), probe.join());
    }
    return results;
  }

  private List<ServiceDefinition> claim(Collection<ServiceDefinition> services) {
    List<ServiceDefinition> mine = new ArrayList<>();
    for (ServiceDefinition service : services) {
      probes.computeIfAbsent(key(service), name -> {
        mine.add(service);
        return new CompletableFuture<>();
      });
    }
    return mine;
  }

  private void probeNow(List<ServiceDefinition> services) {
    try {
      Map<String, ProbeResult> results = new Preflight(classLoader, InteractionMonitor::probing).probeAll(services);
      for (ServiceDefinition service : services) {
        ProbeResult result = results.get(service.name());
        if (result == null) {
          probes.get(key(service)).completeExceptionally(new IllegalStateException(
              "The preflight returned no result for service [" + service.name() + "]"));
          continue;
        }
        write(new Event.ServiceProbed(id, System.currentTimeMillis(), result.service(), result.probe(),
            result.endpoint(), String.valueOf(result.status()), result.latencyMillis(), result.detail(),
            result.probedAt() == null ? null : result.probedAt().toString()));
        probes.get(key(service)).complete(result);
      }
    } catch (RuntimeException | Error ex) {
      LOG.log(Level.WARNING, ex, () -> "Authenticity preflight failed");
      services.forEach(s -> probes.get(key(s)).completeExceptionally(ex));
    }
  }

  private ProbeResult await(ServiceDefinition service, long waitMillis) {
    try {
      return probes.get(key(service)).get(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the preflight probe of service ["
          + service.name() + "]", ex);
    } catch (ExecutionException ex) {
      throw new IllegalStateException("The preflight probe of service [" + service.name() + "] failed: "
          + ex.getCause(), ex.getCause());
    } catch (TimeoutException ex) {
      throw new IllegalStateException("The preflight probe of service [" + service.name()
          + "] did not finish within [" + waitMillis + " ms], although every probe has a hard timeout;"
          + " please report this as a bug", ex);
    }
  }

  /**
   * What a probe result is held under: the service name; for a container's service (its address known only once the
   * container runs, and another class may run another container for the same name) the name and the address.
   */
  private static String key(ServiceDefinition service) {
    return ContainerBinding.resolved(service).map(container -> service.name() + " at " + service.endpoints())
        .orElse(service.name());
  }

  /** How many tests in the plan, other than {@code uniqueId}, require one of {@code services}; empty without the listener. */
  OptionalInt othersRequiring(Collection<String> services, String uniqueId) {
    return plan == null ? OptionalInt.empty() : OptionalInt.of(plan.othersRequiring(services, uniqueId));
  }

  /** Writes the extension's verdict on every guarded test under container {@code uniqueId} (the report applies it). */
  void containerVerdict(String uniqueId, Judgement judgement) {
    judged.add(uniqueId);
    write(new Event.ContainerJudged(id, System.currentTimeMillis(), uniqueId, judgement));
  }

  /** Writes the {@code verdict} event of a guarded test (when the listener runs). */
  void verdict(String uniqueId, Judgement judgement) {
    judged.add(uniqueId);
    write(new Event.TestJudged(id, System.currentTimeMillis(), uniqueId, judgement));
  }

  /** Whether the extension wrote a verdict on the test or container {@code uniqueId} in this run. */
  boolean judged(String uniqueId) {
    return judged.contains(uniqueId);
  }

  /** Appends an event to this run's events file, if it has one; never throws. */
  void write(Event event) {
    writeAll(List.of(event));
  }

  /** Appends events, in one write, to this run's events file, if it has one; never throws. */
  void writeAll(List<? extends Event> events) {
    EventWriter target = log;
    if (target == null || events.isEmpty()) {
      return;
    }
    try {
      target.writeAll(events);
    } catch (RuntimeException ex) {
      String kind = events.get(0).getClass().getSimpleName();
      LOG.log(Level.WARNING, ex, () -> "Authenticity could not write " + (events.size() == 1 ? "a [" + kind + "] event"
          : events.size() + " events ([" + kind + "] first)") + " to " + target.file());
    }
  }
}
