package io.github.authenticity.junit;

import java.lang.annotation.Annotation;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apiguardian.api.API;

/**
 * Declares that a guarded test (or every guarded test of a class, and of its nested classes) may be skipped for
 * this reason: a skip by an assumption whose message contains {@link #reason()}, or by the condition
 * {@link #condition()}, is {@code NOT_RUN}/{@code ALLOWED_SKIP} naming this rule, listed in every report file, and
 * does not fail {@code authenticity:check}. Any other skip of a guarded test stays what it was: an assumption is
 * {@code MASKED}/{@code ABORTED}, a condition {@code NOT_RUN}/{@code CONDITION}.
 *
 * <p>Use it where the gate is written: a version check in one test's body, a custom condition annotation on a
 * class. A gate shared by many classes (every test that needs Redis 8) is better declared once in
 * {@code authenticity.yaml} ({@code detection.allowedSkips}), where a reviewer sees every allowed skip of the
 * suite together, and where a rule that allows nothing any more is reported as stale.
 *
 * <pre>
 * &#64;Test
 * &#64;AllowSkip(reason = "requires Redis \\d", because = "AGGREGATE COUNT exists from Redis 8.8 on")
 * void aggregateCount() { assumeTrue(redisVersion().atLeast("8.8"), "AGGREGATE COUNT requires Redis 8.8"); ... }
 *
 * &#64;AllowSkip(condition = EnabledOnCommand.class, because = "commands of newer servers than CI's")
 * class ListCommandIntegrationTests { ... }
 * </pre>
 *
 * @since 0.2
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(AllowSkip.List.class)
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface AllowSkip {

  /**
   * {@return a regular expression the assumption's message or the condition's reason must contain}; empty for any
   * reason (then {@link #condition()} must be set).
   */
  String reason() default "";

  /**
   * {@return the condition annotation (e.g. a suite's own {@code @EnabledOnCommand}) that must be on the test or a
   * class around it}; {@code Annotation.class} for none. A rule with a condition never allows an assumption.
   */
  Class<? extends Annotation> condition() default Annotation.class;

  /** {@return why this skip is legitimate}; shown with every test it allows. Must not be blank. */
  String because();

  /** Several {@link AllowSkip}s on one element. */
  @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
  @Retention(RetentionPolicy.RUNTIME)
  @Documented
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  @interface List {

    /** {@return the rules} */
    AllowSkip[] value();
  }
}
