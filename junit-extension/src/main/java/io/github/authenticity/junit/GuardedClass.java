package io.github.authenticity.junit;

import java.util.List;

import io.github.authenticity.core.config.AuthenticityConfig;
import io.github.authenticity.core.config.ServiceDefinition;

/**
 * A guarded test class as the extension sees it before its {@code @BeforeAll} methods run.
 *
 * @param uniqueId  the JUnit unique id of the class
 * @param testClass the class
 * @param services  the services the class requires, resolved from the configuration
 * @param config    the run's configuration
 */
record GuardedClass(String uniqueId, Class<?> testClass, List<ServiceDefinition> services, AuthenticityConfig config) {
}
