package io.github.authenticity.core.internal.model;

/**
 * Why a guarded test's entry has no socket proof, where more than one layer needs the same words: the detector
 * writes them into the entry's {@code unproven}, the console summary recognises them there.
 */
public final class Unproven {

  /** The one line that says how to get socket proof, when the agent is not loaded. */
  public static final String NO_AGENT = "the Authenticity agent is not loaded in this JVM, so socket proof cannot be "
      + "had: add the authenticity-maven-plugin's prepare-agent goal (or -javaagent:authenticity-agent.jar; see the "
      + "README, \"Socket proof\")";

  private Unproven() {
  }
}
