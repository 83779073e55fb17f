package floor;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/** The floor's listener: a line when a test starts and one when it ends, as a crash-safe record needs. */
public final class FloorListener implements TestExecutionListener {

  @Override
  public void executionStarted(TestIdentifier identifier) {
    if (identifier.isTest()) {
      FloorEvents.line("{\"event\":\"started\",\"test\":" + FloorEvents.quoted(identifier.getUniqueId()) + "}");
    }
  }

  @Override
  public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
    if (identifier.isTest()) {
      FloorEvents.line("{\"event\":\"finished\",\"test\":" + FloorEvents.quoted(identifier.getUniqueId())
          + ",\"status\":\"" + result.getStatus() + "\"}");
    }
  }
}
