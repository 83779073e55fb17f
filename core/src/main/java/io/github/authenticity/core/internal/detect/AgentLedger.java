package io.github.authenticity.core.internal.detect;

import java.util.ArrayList;
import java.util.List;

import io.github.authenticity.agent.boot.Ledger;

/**
 * The one class of core that speaks to the agent's ledger ({@code io.github.authenticity.agent.boot.Ledger}, in
 * the boot class loader when the agent is loaded). Nothing else links to it, so a JVM without the agent (and
 * without its jar) never loads it: {@link #find()} says whether it is there.
 */
final class AgentLedger {

  private AgentLedger() {
  }

  private static volatile Object found;
  /** How long the first look waits for the agent's start to end (milliseconds, under any load). */
  private static final long START_WAIT_MILLIS = 60_000;

  /** The ledger of the agent loaded in this JVM, or {@code null} when no agent is loaded. */
  static AgentLedger find() {
    Object known = found;
    if (known == null) {
      known = lookUp();
      found = known;
    }
    return known instanceof AgentLedger ledger ? ledger : null;
  }

  private static Object lookUp() {
    try {
      Class<?> boot = Class.forName("io.github.authenticity.agent.boot.Ledger", false, null);
      // the copy the agent defined in the boot loader, activated once its hooks are in place (the agent jar on
      // the class path alone is no agent); the agent applies them on a thread of its own while the JVM starts
      return boot.getClassLoader() == null && Ledger.class == boot && Ledger.awaitActive(START_WAIT_MILLIS)
          ? new AgentLedger() : "none";
    } catch (ClassNotFoundException | LinkageError ex) {
      return "none";
    }
  }

  /** Marks the current thread's traffic as no test's (a preflight probe), or ends that. */
  static void ignoreCurrentThread(boolean ignore) {
    if (find() == null) {
      return;
    }
    if (ignore) {
      Ledger.ignore();
    } else {
      Ledger.unignore();
    }
  }

  List<String> problems() {
    return Ledger.problems();
  }

  Window open(String id) {
    return new Window(Ledger.open(id));
  }

  /** A window of the ledger. */
  static final class Window {
    private final Ledger.Window window;

    Window(Ledger.Window window) {
      this.window = window;
    }

    void close() {
      window.close();
    }

    List<Traffic> traffic() {
      List<Traffic> result = new ArrayList<>();
      for (Ledger.Traffic traffic : window.traffic()) {
        result.add(new Traffic(traffic.address(), traffic.port(), traffic.own(), traffic.exchanges(),
            traffic.bytesIn(), traffic.writes(), traffic.bytesOut(), traffic.answers()));
      }
      return result;
    }
  }

  /**
   * Traffic with one peer, credited to a window ({@code own}) or seen while it was open ({@code shared}), with the
   * answers that started on it by label ({@link ServerAnswers}; own traffic only).
   */
  record Traffic(String address, int port, boolean own, long exchanges, long bytesIn, long writes, long bytesOut,
      java.util.Map<String, Long> answers) {
  }
}
