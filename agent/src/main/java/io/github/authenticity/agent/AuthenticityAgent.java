package io.github.authenticity.agent;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

import io.github.authenticity.agent.boot.Ledger;

/**
 * The Authenticity agent, loaded with {@code -javaagent:authenticity-agent.jar} (the Maven plugin's
 * {@code prepare-agent} goal puts it into Surefire's and Failsafe's {@code argLine}). It defines the ledger
 * ({@code io.github.authenticity.agent.boot}) in the boot class loader, then hooks the JDK's socket paths, the
 * JDK's executors and, as they load, Netty's unix transports and event loops; {@code docs/detection.md} says what
 * is hooked and what it costs.
 *
 * <p>Nothing is printed when every hook is in place. A hook that cannot be applied (a JDK whose internals
 * moved) is printed once on the console and kept in the ledger's problems, so that the extension says "cannot
 * observe" for it instead of a verdict.
 */
public final class AuthenticityAgent {

  /** Set once the agent started in this JVM (a second {@code -javaagent} of the same jar does nothing). */
  private static volatile boolean started;

  private AuthenticityAgent() {
  }

  /** Entry point of {@code -javaagent}. */
  public static void premain(String options, Instrumentation instrumentation) {
    start(instrumentation, false);
  }

  /** Entry point of a dynamic attach (connections opened before it are not seen). */
  public static void agentmain(String options, Instrumentation instrumentation) {
    start(instrumentation, true);
  }

  /**
   * Defines the ledger in the boot class loader now (before any other class can name it), then applies the hooks on
   * a thread of its own, so that the JVM goes on starting meanwhile (loading and rewriting the JDK classes was most of
   * the agent's start, on the main thread before {@code main}); the extension waits for that thread's end
   * ({@link Ledger#awaitActive}) before it opens a test's window, and a class loaded in between is rewritten as it
   * loads or, loaded before the hooks were registered, rewritten again.
   */
  private static synchronized void start(Instrumentation instrumentation, boolean late) {
    if (started) {
      return;
    }
    started = true;
    long begin = System.nanoTime();
    String version = AuthenticityAgent.class.getPackage().getImplementationVersion();
    Class<?> ledger;
    try {
      ledger = BootClasses.define(instrumentation);
    } catch (Exception | LinkageError ex) {
      System.err.println("[authenticity] the agent could not start: " + ex
          + "; socket proof is off in this JVM (guarded tests say they cannot observe their sockets)");
      endStartOfAPartlyDefinedLedger();
      return;
    }
    long defined = System.nanoTime();
    Thread thread = new Thread(() -> {
      try {
        hook(instrumentation, ledger, late, version, begin, defined);
      } finally {
        Ledger.startEnded();
      }
    }, "authenticity-agent-start");
    thread.setDaemon(true);
    thread.start();
  }

  /** A ledger defined before its start failed must not keep the extension waiting for it. */
  private static void endStartOfAPartlyDefinedLedger() {
    try {
      Class.forName(BootClasses.PACKAGE + ".Ledger", false, null).getMethod("startEnded").invoke(null);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
      // no ledger in the boot loader: nothing waits for one
    }
  }

  private static void hook(Instrumentation instrumentation, Class<?> ledger, boolean late, String version, long begin,
      long defined) {
    Hooks hooks = new Hooks(instrumentation, ledger);
    List<String> problems = new ArrayList<>(hooks.install());
    if (late) {
      problems.add("the agent was attached while the JVM ran: connections opened before it are not seen");
    }
    if (Boolean.getBoolean("jdk.net.usePlainSocketImpl")) {
      problems.add("-Djdk.net.usePlainSocketImpl=true selects the JDK's old socket implementation, whose I/O the "
          + "agent cannot see: remove it");
    }
    for (String problem : problems) {
      hooks.problem(problem);
      System.err.println("[authenticity] agent: " + problem);
    }
    hooks.activate(version == null ? "dev" : version);
    if (Boolean.getBoolean("authenticity.agent.debug")) {
      System.err.println("[authenticity-agent] started in " + (System.nanoTime() - begin) / 1_000_000 + " ms (ledger "
          + "defined in " + (defined - begin) / 1_000_000 + " ms; " + hooks.summary() + ")");
    }
  }
}
