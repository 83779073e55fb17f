package io.github.authenticity.junit;

import java.util.List;

import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.config.AuthenticityConfig;

/**
 * A guarded container as the extension sees it while it runs: a class from before its {@code @BeforeAll} to
 * after its {@code @AfterAll}, or a {@code @TestFactory} around its dynamic tests.
 *
 * @param uniqueId  the JUnit unique id of the container
 * @param testClass the class
 * @param services  the required services of the class (of the factory for a test factory), resolved
 * @param config    the run's configuration
 */
record GuardedClass(String uniqueId, Class<?> testClass, List<ServiceDefinition> services,
    AuthenticityConfig config) {

  GuardedClass {
    services = List.copyOf(services);
  }
}
