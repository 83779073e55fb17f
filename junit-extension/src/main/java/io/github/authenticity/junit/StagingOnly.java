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
 * The annotated test is meaningful only against a staging environment (one with {@code staging: true},
 * or named {@code staging}).
 *
 * <p>Outside staging the test does not run and is reported {@code NOT_RUN} with reason
 * {@code ENVIRONMENT}, visibly, never silently. Inside staging, a required service that resolves to
 * loopback or to a container started by this JVM makes the test {@code MASKED}
 * ({@code LOOPBACK_IN_STAGING}). The test is guarded like one with {@link RequiresRealService}.
 * On a class it applies to every test in it, in subclasses and {@code @Nested} classes; it also works
 * as a meta-annotation.
 *
 * @since 0.1
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(AuthenticityExtension.class)
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface StagingOnly {
}
