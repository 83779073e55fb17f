package io.github.authenticity.core.internal.events;

/** Started by {@link BuildIdentityTests} below a shell, as Surefire starts a fork: prints this JVM's identity. */
final class PrintBuildIdentity {

  private PrintBuildIdentity() {
  }

  /** The arguments stand in for a Surefire booter's ({@code sun.java.command} holds them). */
  public static void main(String[] args) {
    System.out.println(BuildIdentity.current().value());
  }
}
