package io.github.authenticity.junit;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.github.authenticity.core.internal.model.Judgement;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext;

/** What the extension reads from an {@code ExtensionContext}: its run, its guard, its store, names. */
final class Contexts {

  static final Namespace NAMESPACE = Namespace.create(AuthenticityExtension.class);

  private Contexts() {
  }

  /** Records a verdict reached by a condition: a test's is written at once, a container's expanded by the listener. */
  static void record(Run run, ExtensionContext context, Judgement judgement) {
    boolean test = run.plan().flatMap(plan -> plan.entry(context.getUniqueId())).map(e -> e.id().isTest())
        .orElse(context.getTestMethod().isPresent());
    if (test) {
      run.verdict(context.getUniqueId(), judgement);
    } else {
      run.containerVerdict(context.getUniqueId(), judgement);
    }
  }

  static Optional<Guard> guard(ExtensionContext context) {
    return Guards.of(context.getRequiredTestClass(), context.getTestMethod().orElse(null));
  }

  static final String USED_BY = "@RequiresRealService on ";

  static String usedBy(ExtensionContext context) {
    Optional<Method> method = context.getTestMethod();
    return USED_BY + (method.isPresent() ? Guards.describe(method.get())
        : Guards.describe(context.getRequiredTestClass()));
  }

  /**
   * The run this context belongs to, cached in the root store. With the listener (any Launcher run: Maven,
   * Gradle, IDEs) it is the listener's run, whose preflight already probes every service the plan needs.
   * Without it ({@code EngineTestKit} runs no listeners) the run is this engine execution's own: it has no
   * events file, and it probes each service of the active environment once, the first time a guarded test
   * asks for it (concurrent tests wait for that one probe).
   */
  static Run run(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Run.class,
        key -> Runs.forUniqueId(context.getUniqueId()).orElseGet(() -> Run.standalone(
            JUnitParameters.of(context::getConfigurationParameter), classLoader(context))), Run.class);
  }

  static ClassLoader classLoader(ExtensionContext context) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return loader != null ? loader : context.getRequiredTestClass().getClassLoader();
  }

  static ExtensionContext.Store store(ExtensionContext context) {
    return context.getStore(NAMESPACE);
  }

  static List<Object> instances(ExtensionContext context) {
    List<Object> instances = new ArrayList<>(context.getRequiredTestInstances().getAllInstances());
    Collections.reverse(instances);
    return instances;
  }
}
