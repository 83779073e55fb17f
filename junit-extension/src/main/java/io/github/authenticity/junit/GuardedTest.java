package io.github.authenticity.junit;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;

import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.config.AuthenticityConfig;

/**
 * A guarded test as the extension sees it while it runs: what detectors need to judge it.
 *
 * @param uniqueId      the JUnit unique id
 * @param testClass     the class that declares the test (the innermost for {@code @Nested})
 * @param testMethod    the test method
 * @param testInstances the test instance, then its enclosing instances (outermost last); empty for
 *                      container-level judgement
 * @param services      the required services, resolved from the configuration
 * @param minDuration   the {@code minDuration}, or {@code null}
 * @param stagingOnly   whether {@code @StagingOnly} applies
 * @param config        the run's configuration
 */
record GuardedTest(String uniqueId, Class<?> testClass, Method testMethod,
    List<Object> testInstances, List<ServiceDefinition> services, Duration minDuration, boolean stagingOnly,
    AuthenticityConfig config) {
}
