package io.github.authenticity.junit;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The runs of this JVM that the listener is recording. The extension finds its run by the unique id of
 * the test or container it handles: a launcher nested in another (our own tests run EngineTestKit and
 * Launchers inside Surefire's) has other unique ids, so each extension call lands in its own run.
 */
final class Runs {

  private static final List<Run> ACTIVE = new CopyOnWriteArrayList<>();

  private Runs() {
  }

  static void started(Run run) {
    ACTIVE.add(0, run);
  }

  static void finished(Run run) {
    ACTIVE.remove(run);
  }

  /** Whether a listener already records {@code plan} (e.g. registered both by ServiceLoader and by hand). */
  static boolean recording(Object plan) {
    return ACTIVE.stream().anyMatch(run -> run.plan().map(p -> p.plan() == plan).orElse(false));
  }

  /** The newest active run whose plan holds {@code uniqueId} (or a container above it other than an engine). */
  static Optional<Run> forUniqueId(String uniqueId) {
    for (Run run : ACTIVE) {
      if (run.plan().map(plan -> plan.knows(uniqueId)).orElse(false)) {
        return Optional.of(run);
      }
    }
    return Optional.empty();
  }
}
