package io.github.authenticity.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apiguardian.api.API;

/**
 * Marks a field of a guarded test that deliberately holds a mock, stub or fake. The field is not
 * {@code MOCK_OBJECT} evidence; it is listed in the report with its {@link #reason()}, never silent.
 *
 * @since 0.1
 */
@Target({ElementType.FIELD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface AllowMock {

  /** {@return why this mock is deliberate}, shown in the report. Must not be blank. */
  String reason();
}
