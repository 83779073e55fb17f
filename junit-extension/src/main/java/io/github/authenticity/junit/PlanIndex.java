package io.github.authenticity.junit;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/** The listener's index of a test plan: each test's class, method and guard. */
final class PlanIndex {

  private static final Logger LOG = Logger.getLogger(PlanIndex.class.getName());

  /**
   * One node of the plan.
   *
   * @param id         the identifier
   * @param className  the class it belongs to, or {@code null}
   * @param methodName the method, or {@code null}
   * @param guard      how it is guarded, or {@code null}
   */
  record Entry(TestIdentifier id, String className, String methodName, Guard guard) {

    boolean guarded() {
      return guard != null;
    }

    /**
     * Whether it counts as one test when counting tests that share a dead service: a test known when the
     * run starts, or a test template or factory (its invocations are only registered as they run).
     */
    boolean unit() {
      return id.isTest() || id.getSource().filter(MethodSource.class::isInstance).isPresent();
    }
  }

  private final TestPlan plan;
  private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final List<Entry> initialUnits = new ArrayList<>();

  private PlanIndex(TestPlan plan) {
    this.plan = plan;
  }

  /**
   * Indexes the guarded nodes of {@code plan} now; the others on first use ({@link #add}, {@link #entry}). A node's
   * unique id is formatted the first time it is asked for: for an unguarded plan of 5,000 tests, indexing every node up
   * front was 2 % of the suite's time (the bench profile), for nothing.
   */
  static PlanIndex of(TestPlan plan) {
    PlanIndex index = new PlanIndex(plan);
    for (TestIdentifier root : plan.getRoots()) {
      for (TestIdentifier id : plan.getDescendants(root)) {
        Entry entry = index.resolve(id);
        if (entry.guarded()) {
          index.entries.putIfAbsent(id.getUniqueId(), entry);
          if (entry.unit()) {
            index.initialUnits.add(entry);
          }
        }
      }
    }
    return index;
  }

  TestPlan plan() {
    return plan;
  }

  /** Adds a node (also a dynamically registered one) and returns its entry. */
  Entry add(TestIdentifier id) {
    return entries.computeIfAbsent(id.getUniqueId(), key -> resolve(id));
  }

  Optional<Entry> entry(String uniqueId) {
    Entry known = entries.get(uniqueId);
    if (known != null) {
      return Optional.of(known);
    }
    try {
      // not indexed yet (not guarded, or registered while running)
      return Optional.of(add(plan.getTestIdentifier(UniqueId.parse(uniqueId))));
    } catch (RuntimeException ex) {
      return Optional.empty(); // not in this plan (JUnit's precondition violation), or not a unique id
    }
  }

  /** How many tests the plan has (including those registered so far while running). */
  int testCount() {
    return Math.toIntExact(plan.countTestIdentifiers(TestIdentifier::isTest));
  }

  /** Every test in the plan (including those registered so far while running), in plan order. */
  List<Entry> tests() {
    List<Entry> tests = new ArrayList<>();
    for (TestIdentifier root : plan.getRoots()) {
      for (TestIdentifier id : plan.getDescendants(root)) {
        if (id.isTest()) {
          tests.add(add(id));
        }
      }
    }
    return tests;
  }

  /** The guarded tests, templates and factories known when the run started. */
  List<Entry> units() {
    return List.copyOf(initialUnits);
  }

  boolean hasGuarded() {
    if (!initialUnits.isEmpty()) {
      return true;
    }
    for (Entry entry : entries.values()) {
      if (entry.guarded()) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code uniqueId}, or a container above it that is not an engine, is in this plan. */
  boolean knows(String uniqueId) {
    String id = uniqueId;
    while (id.contains("/")) {
      if (entries.containsKey(id)) {
        return true;
      }
      id = id.substring(0, id.lastIndexOf('/'));
    }
    return false;
  }

  /** The guarded tests (templates counted once) known at the start, other than {@code uniqueId}, requiring one of {@code services}. */
  int othersRequiring(Collection<String> services, String uniqueId) {
    int count = 0;
    for (Entry entry : initialUnits) {
      String unitId = entry.id().getUniqueId();
      boolean self = uniqueId.equals(unitId) || uniqueId.startsWith(unitId + "/");
      if (!self && entry.guard().services().stream().anyMatch(services::contains)) {
        count++;
      }
    }
    return count;
  }

  /** {@code Outer > Inner > name()}: the display names from the class down, without the engine. */
  String displayName(TestIdentifier id) {
    List<String> names = new ArrayList<>();
    for (TestIdentifier at = id; at != null; at = plan.getParent(at).orElse(null)) {
      if (plan.getParent(at).isPresent()) {
        names.add(0, at.getDisplayName());
      }
    }
    return String.join(" > ", names);
  }

  private Entry resolve(TestIdentifier id) {
    for (TestIdentifier at = id; at != null; at = plan.getParent(at).orElse(null)) {
      Optional<TestSource> source = at.getSource();
      if (source.isPresent() && source.get() instanceof MethodSource method) {
        return new Entry(id, method.getClassName(), method.getMethodName(), guard(id, method));
      }
      if (source.isPresent() && source.get() instanceof ClassSource type) {
        return new Entry(id, type.getClassName(), null, guard(id, type));
      }
    }
    return new Entry(id, null, null, null);
  }

  private static Guard guard(TestIdentifier id, TestSource source) {
    try {
      if (source instanceof MethodSource method) {
        Method javaMethod = method.getJavaMethod();
        return Guards.of(method.getJavaClass(), javaMethod).orElse(null);
      }
      return Guards.of(((ClassSource) source).getJavaClass(), null).orElse(null);
    } catch (RuntimeException | LinkageError ex) {
      LOG.log(Level.WARNING, ex, () -> "Authenticity cannot tell whether [" + id.getUniqueId()
          + "] is guarded: its class or method cannot be loaded");
      return null;
    }
  }
}
