package io.github.authenticity.core.internal.detect;

import org.apiguardian.api.API;

/**
 * Where in a guarded test's life a line or a {@code Fallbacks.report} was seen, as its evidence says it:
 * {@code in @BeforeEach logIn(): WARNING com.example.Auth: "..."}. Seen in the test body, evidence has no
 * prefix.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Where {

  /** While the test instance (or, with {@code PER_CLASS}, the class's instance) is constructed. */
  public static final String CONSTRUCTOR = "in the constructor";
  /** While the test class is initialised (its {@code static} fields and blocks). */
  public static final String STATIC_INITIALISATION = "in static initialisation";
  /** In a callback of another extension before the test instance is constructed. */
  public static final String BEFORE_CONSTRUCTION = "in another extension's callback before the constructor";
  /** In a callback of another extension (or an instance post-processor) before the test body. */
  public static final String SET_UP = "in another extension's set-up callback";
  /** In a callback of another extension after the test body. */
  public static final String TEAR_DOWN = "in another extension's tear-down callback";
  /** In the class window outside its {@code @BeforeAll}/{@code @AfterAll} methods (another extension's class callback). */
  public static final String CLASS_CALLBACK = "in another extension's class callback";
  /** On a thread that carries the class window, outside its {@code @BeforeAll}/{@code @AfterAll} methods. */
  public static final String CLASS_THREAD = "on a thread started during the class's set-up";

  private Where() {
  }

  /** {@code in @BeforeEach logIn()}. */
  public static String method(String annotation, String methodName) {
    return "in @" + annotation + " " + methodName + "()";
  }

  /** The evidence detail with where it was seen in front; {@code where == null} (the body) leaves it as it is. */
  public static String detail(String where, String detail) {
    return where == null ? detail : where + ": " + detail;
  }
}
