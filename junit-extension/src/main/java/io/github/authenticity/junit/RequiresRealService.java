package io.github.authenticity.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The annotated test must run against the real services named in {@link #value()}; a mock fallback,
 * a skip or a run that never touched them is not a pass.
 *
 * <p>On a class, it applies to every test in it, in its subclasses and in its {@code @Nested} classes;
 * on a method, to that test. Class and method values add up. It also works as a meta-annotation.
 *
 * <p>Every service named must be configured in the active environment of {@code authenticity.yaml};
 * an unknown name fails the test with the known names and the closest match. All services the run's
 * guarded tests need are probed once, in parallel, when the run starts; a test whose service is
 * {@code DOWN} fails at once, before its body runs, with the probe's cause.
 *
 * @since 0.1
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(AuthenticityExtension.class)
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface RequiresRealService {

  /** {@return the names of the required services}, as configured under {@code environments.<env>.services}. */
  String[] value() default {};

  /**
   * {@return the shortest plausible run}: a run shorter than this is impossibly fast and is {@code MASKED}
   * ({@code TOO_FAST}), e.g. {@code "2s"}, {@code "500ms"}, {@code "PT2M"}. Empty (the default) means no
   * minimum. When class and method both set it, the method's wins.
   */
  String minDuration() default "";

  /**
   * The test checks how errors of its services are handled: when every answer a required service gave it was a
   * server error (an HTTP 5xx, a Redis error reply, a PostgreSQL {@code FATAL}, a WebSocket close 1011), those
   * errors prove it, and its proof says they were expected. Without it (the default) such a test is {@code MASKED}
   * with {@code SERVER_ERRORS} even though it passed. Class and method add up: {@code true} on either applies.
   *
   * @return whether the test expects server errors from its required services
   * @since 0.1
   */
  boolean expectErrors() default false;
}
