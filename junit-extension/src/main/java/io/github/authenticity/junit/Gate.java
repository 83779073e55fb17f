package io.github.authenticity.junit;

import static io.github.authenticity.junit.Contexts.instances;
import static io.github.authenticity.junit.Contexts.run;
import static io.github.authenticity.junit.Contexts.usedBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;

import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.judge.Judge;
import io.github.authenticity.core.internal.model.Judgement;
import io.github.authenticity.core.internal.judge.LoopbackRule;
import io.github.authenticity.core.internal.redact.RedactedThrowable;
import io.github.authenticity.core.internal.model.Evidence;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The preflight gate before a guarded class or test runs (the {@link Preparation} checks: configuration, required
 * environment, services {@code DOWN}; and loopback in staging): what stops it is its verdict, written before the
 * exception that stops it is thrown.
 */
final class Gate {

  private Gate() {
  }

  /**
   * Checks a guarded class in its {@code beforeAll}; a class with {@code @Testcontainers} is checked test by test
   * instead (its service may be a container that Testcontainers' {@code beforeAll}, maybe after this one, starts).
   */
  static void checkClass(ExtensionContext context, Guard guard) {
    if (ContainerSkip.startsContainers(context.getRequiredTestClass())) {
      return;
    }
    Run run = run(context);
    try {
      Preparation.check(run, guard, usedBy(context), context.getUniqueId(), true,
          services -> ContainerServices.resolve(context, run.config(), services));
    } catch (ServiceDownException ex) {
      run.containerVerdict(context.getUniqueId(), Judge.serviceDown(ex.getMessage()));
      throw ex;
    } catch (RuntimeException ex) {
      run.containerVerdict(context.getUniqueId(), Judge.failedBeforeBody(ex.getMessage()));
      throw ex;
    }
  }

  /**
   * Checks a guarded test in its {@code beforeEach} and hands it, prepared, to {@code open} (which starts its
   * window); a test that the gate stops, or whose window cannot open, has its verdict written and throws.
   */
  static void checkTest(ExtensionContext context, Guard guard, BiConsumer<ExtensionContext, Prepared> open) {
    Run run = run(context);
    String id = context.getUniqueId();
    try {
      List<ServiceDefinition> services = Preparation.check(run, guard, usedBy(context), id, false,
          configured -> ContainerServices.resolve(context, run.config(), configured));
      AuthenticityConfig config = run.config();
      List<Evidence> early = LoopbackRule.evidence(config, services);
      GuardedTest test = new GuardedTest(id, context.getRequiredTestClass(),
          context.getRequiredTestMethod(), instances(context), services, guard.minDuration(), guard.stagingOnly(),
          config);
      if (!early.isEmpty()) {
        Judgement masked = Judge.maskedBeforeBody(guard.services(), early, null);
        if (Judge.failsInJUnit(masked, config.mode())) {
          // judged before its body; in report mode the evidence is judged with the body's
          run.verdict(id, masked);
          Failures.throwIfFails(masked, config.mode());
        }
      }
      open.accept(context, new Prepared(test, early, new ArrayList<>(), new long[2],
          Collections.synchronizedList(new ArrayList<>()), new boolean[1]));
    } catch (ServiceDownException ex) {
      run.verdict(id, Judge.serviceDown(ex.getMessage()));
      throw ex;
    } catch (RuntimeException ex) {
      run.verdict(id, Judge.failedBeforeBody(ex.getMessage()));
      // the same exception, unless its message or a cause's holds a secret: then a redacted copy of the chain
      throw (RuntimeException) RedactedThrowable.of(ex);
    }
  }
}
