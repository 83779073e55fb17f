package io.github.authenticity.junit;

import static io.github.authenticity.junit.Contexts.classLoader;
import static io.github.authenticity.junit.Contexts.guard;
import static io.github.authenticity.junit.Contexts.record;
import static io.github.authenticity.junit.Contexts.run;
import static io.github.authenticity.junit.Contexts.usedBy;

import java.util.Optional;

import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.internal.judge.Judge;
import io.github.authenticity.core.internal.model.Judgement;
import io.github.authenticity.core.internal.judge.VerdictMessages;
import io.github.authenticity.core.internal.model.NotRunReason;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The extension's execution condition for guarded classes and tests. */
final class GuardCondition {

  private GuardCondition() {
  }

  /**
   * Enabled unless a guarded class or test must not run here: {@code @StagingOnly} outside staging
   * (disabled, {@code NOT_RUN}/{@code ENVIRONMENT}), or a Testcontainers skip for want of Docker (a failure in
   * {@code fail} mode, {@code MASKED}/{@code CONTAINER_SKIP} either way). Bad configuration and a contradicted
   * required environment leave it enabled, so that the test fails with why instead of being skipped.
   */
  static ConditionEvaluationResult evaluate(ExtensionContext context) {
    Optional<Guard> guard = guard(context);
    if (guard.isEmpty()) {
      return ConditionEvaluationResult.enabled("not guarded by Authenticity");
    }
    Run run = run(context);
    AuthenticityConfig config;
    try {
      config = run.config();
    } catch (RuntimeException ex) {
      return ConditionEvaluationResult.enabled("the Authenticity configuration is bad; the test fails with why");
    }
    if (Judge.contradictedEnvironment(config).isPresent()) {
      return ConditionEvaluationResult.enabled("authenticity.requireEnvironment is contradicted; the test fails");
    }
    Optional<String> skipper = ContainerSkip.skipsWithoutDocker(context.getRequiredTestClass(),
        context.getTestMethod().orElse(null));
    Optional<String> noDocker = skipper.isPresent() ? ContainerSkip.dockerUnavailable(classLoader(context))
        : Optional.empty();
    if (noDocker.isPresent()) {
      String what = context.getTestMethod().isPresent() ? "test " + usedBy(context).substring(Contexts.USED_BY.length())
          : "class [" + context.getRequiredTestClass().getName() + "]";
      Judgement masked = Judge.containerSkip(ContainerSkip.evidence(skipper.get(),
          context.getTestMethod().isPresent() ? "the test" : "the class", noDocker.get()),
          ContainerSkip.failure(skipper.get(), what, noDocker.get()));
      record(run, context, masked);
      Failures.throwIfFails(masked, config.mode());
      return ConditionEvaluationResult.disabled(ContainerSkip.reportModeReason(skipper.get(), noDocker.get()));
    }
    if (guard.get().stagingOnly() && !config.staging()) {
      String reason = VerdictMessages.notStaging(config.environment());
      record(run, context, Judge.notRun(NotRunReason.ENVIRONMENT, reason));
      return ConditionEvaluationResult.disabled(reason);
    }
    return ConditionEvaluationResult.enabled("guarded by Authenticity in environment [" + config.environment() + "]");
  }
}
