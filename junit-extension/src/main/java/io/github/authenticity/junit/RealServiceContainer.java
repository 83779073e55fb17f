package io.github.authenticity.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apiguardian.api.API;

/**
 * The annotated field holds a container that <em>is</em> the real services named in {@link #value()}: their host
 * and port are the container's host and mapped port, read once the container runs, so a Testcontainers container
 * on a random port can be a required service of {@link RequiresRealService}.
 *
 * <pre>{@code
 * @Testcontainers
 * @RequiresRealService("backend")
 * class OrderE2E {
 *
 *   @Container
 *   @RealServiceContainer(value = "backend", port = 8080)
 *   static GenericContainer<?> backend = new GenericContainer<>("example/backend:1.4").withExposedPorts(8080);
 * }
 * }</pre>
 *
 * <p>with, in {@code authenticity.yaml}, a service that names its probe and what to check but no address:
 *
 * <pre>{@code
 * environments:
 *   local:
 *     services:
 *       backend: { probe: http, container: true, path: /health, expectStatus: 200 }
 * }</pre>
 *
 * <h2>Address</h2>
 * A probe that needs a URL ({@code http}, {@code https}, {@code websocket}) gets
 * {@code <scheme>://<host>:<mappedPort><path>} ({@code path} defaults to {@code /}); any other probe
 * ({@code postgres}, {@code redis}, {@code tcp}, a custom one) gets {@code host} and {@code port}. A service that is
 * configured with an address instead of {@code container: true} keeps its scheme, path and query, and its host and
 * port are replaced by the container's. The resolved address is what the probe checks, what the test must exchange
 * bytes with ({@code NO_INTERACTION} otherwise) and what the report shows. Like Spring Boot's
 * {@code @ServiceConnection}, the annotation says which service a container is; unlike a
 * {@code @DynamicPropertySource} nothing else needs to be written.
 *
 * <h2>When</h2>
 * The container is read before each guarded test of the class, before its {@code @BeforeEach} methods, so a static
 * container is read after Testcontainers' {@code beforeAll} started it, and before the class's first test. A
 * container that is not running then fails the test with why: mark it {@code @Container} in a
 * {@code @Testcontainers} class, or start it yourself (a static initializer, a {@code @BeforeAll} method). An
 * <em>instance</em> {@code @Container} field is started in Testcontainers' {@code beforeEach}: write
 * {@code @Testcontainers} before {@code @RequiresRealService} so that it runs first, or make the field static.
 * Services of such a class are probed at first use (once per container address), not when the run starts.
 *
 * <h2>Staging</h2>
 * A container started by this JVM is never a staging service: in a staging environment a guarded test whose
 * required service is a container is {@code MASKED} ({@code LOOPBACK_IN_STAGING}), whatever the container's host.
 *
 * <h2>Mistakes are errors</h2>
 * The guarded tests of the class fail, with the field, the values and the fix, when a name is not a configured
 * service, two fields name the same service, the field's value is {@code null} or not a Testcontainers container,
 * the container does not expose {@link #port()}, or the container is not running; and a service configured with
 * {@code container: true} that no field of the test class (its superclasses, its enclosing classes for
 * {@code @Nested}) provides fails every guarded test that requires it.
 *
 * <p>The field may be static or an instance field, in the test class, a superclass or, for a {@code @Nested}
 * class, an enclosing class. The annotation also works as a meta-annotation. Testcontainers is read
 * reflectively: Authenticity does not depend on it.
 *
 * @since 0.2
 */
@Target({ElementType.FIELD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public @interface RealServiceContainer {

  /**
   * {@return the names of the services this container is}, as configured under
   * {@code environments.<env>.services}.
   */
  String[] value();

  /**
   * {@return the container port (as in {@code withExposedPorts}) whose mapped host port is the services' port};
   * {@code 0} (the default) means the container's first exposed port.
   */
  int port() default 0;
}
