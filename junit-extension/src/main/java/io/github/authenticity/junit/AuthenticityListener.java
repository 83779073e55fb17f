package io.github.authenticity.junit;

import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apiguardian.api.API;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import io.github.authenticity.core.internal.redact.RedactedThrowable;
import io.github.authenticity.core.internal.redact.Redactor;

/**
 * Records every test plan and every test's outcome into {@code target/authenticity/events-*.jsonl}
 * (see {@code authenticity.outputDirectory}), so that each run knows what was discovered, executed,
 * succeeded, failed, aborted, disabled and never started; a skipped, aborted or failed container is
 * expanded to every test under it. Registered through {@link java.util.ServiceLoader}; users never
 * register it themselves. Cheap when the plan has no guarded test. It never throws: a problem is logged
 * as a warning ({@code java.util.logging}), since JUnit would swallow it anyway.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public class AuthenticityListener implements TestExecutionListener {

  private static final Logger LOG = Logger.getLogger(AuthenticityListener.class.getName());

  private volatile Recording recording;

  /** Called by the ServiceLoader, before discovery: starts the {@link StartupWarmup} when it is wanted. */
  public AuthenticityListener() {
    StartupWarmup.start(Thread.currentThread().getContextClassLoader());
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    try {
      if (Runs.recording(testPlan)) {
        LOG.fine("Authenticity: another AuthenticityListener already records this test plan");
        recording = null;
        return;
      }
      recording = Recording.start(testPlan);
    } catch (RuntimeException | LinkageError ex) {
      recording = null;
      LOG.log(Level.WARNING, RedactedThrowable.of(ex),
          () -> "Authenticity cannot record this run: " + Redactor.redact(ex.getMessage()));
    }
  }

  @Override
  public void dynamicTestRegistered(TestIdentifier testIdentifier) {
    safely("dynamicTestRegistered", r -> r.dynamicTestRegistered(testIdentifier));
  }

  @Override
  public void executionStarted(TestIdentifier testIdentifier) {
    safely("executionStarted", r -> r.started(testIdentifier));
  }

  @Override
  public void executionSkipped(TestIdentifier testIdentifier, String reason) {
    safely("executionSkipped", r -> r.skipped(testIdentifier, reason));
  }

  @Override
  public void executionFinished(TestIdentifier testIdentifier, TestExecutionResult testExecutionResult) {
    safely("executionFinished", r -> r.finished(testIdentifier, testExecutionResult));
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    safely("testPlanExecutionFinished", r -> {
      recording = null;
      Path eventsFile = r.end();
      // the authentic runs of this plan, written once (TOO_FAST's history)
      io.github.authenticity.core.internal.detect.History.flushAll().forEach(problem -> LOG.warning(problem));
      // the one hand-over to the report: see ListenerReport
      ListenerReport.write(eventsFile, r.run());
    });
  }

  private void safely(String what, java.util.function.Consumer<Recording> action) {
    Recording current = recording;
    if (current == null) {
      return;
    }
    try {
      action.accept(current);
    } catch (RuntimeException | LinkageError ex) {
      LOG.log(Level.WARNING, RedactedThrowable.of(ex),
          () -> "Authenticity could not record " + what + ": " + Redactor.redact(ex.getMessage()));
    }
  }
}
