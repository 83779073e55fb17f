package io.github.authenticity.junit;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.internal.config.ConfigurationException;
import io.github.authenticity.core.internal.config.ContainerBinding;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * {@link RealServiceContainer}: the required services of a test that are containers, at the container's host and
 * mapped port. Testcontainers is read reflectively (no dependency); the address rules and messages are core's
 * {@link ContainerBinding}.
 */
final class ContainerServices {

  /** One annotated field. */
  private record Binding(Field field, RealServiceContainer annotation) {

    String describe() {
      return field.getDeclaringClass().getName() + "." + field.getName();
    }

    boolean isStatic() {
      return Modifier.isStatic(field.getModifiers());
    }
  }

  /** The annotated fields of a test class, its superclasses and (for {@code @Nested}) its enclosing classes. */
  private static final ClassValue<List<Binding>> BINDINGS = new ClassValue<>() {
    @Override
    protected List<Binding> computeValue(Class<?> testClass) {
      List<Binding> bindings = new ArrayList<>();
      for (Class<?> c = testClass; c != null; c = c.isMemberClass() && !Modifier.isStatic(c.getModifiers())
          ? c.getEnclosingClass() : null) {
        for (Field field : ReflectionSupport.findFields(c,
            f -> AnnotationSupport.isAnnotated(f, RealServiceContainer.class), HierarchyTraversalMode.TOP_DOWN)) {
          bindings.add(new Binding(field, AnnotationSupport.findAnnotation(field, RealServiceContainer.class)
              .orElseThrow()));
        }
      }
      return List.copyOf(bindings);
    }
  };

  private ContainerServices() {
  }

  /** Whether {@code testClass} has a {@link RealServiceContainer} field: its services are known only once it runs. */
  static boolean declares(Class<?> testClass) {
    return !BINDINGS.get(testClass).isEmpty();
  }

  /**
   * {@code services} as {@code context}'s test uses them: each one that a {@link RealServiceContainer} field of
   * the test class is, at that container's address; the others as configured.
   *
   * @throws ExtensionConfigurationException for a wrong binding, with the field, the values and the fix
   */
  static List<ServiceDefinition> resolve(ExtensionContext context, AuthenticityConfig config,
      List<ServiceDefinition> services) {
    Class<?> testClass = context.getRequiredTestClass();
    Map<String, Binding> byService = byService(testClass, config);
    List<ServiceDefinition> result = new ArrayList<>();
    for (ServiceDefinition service : services) {
      Binding binding = byService.get(service.name());
      if (binding != null) {
        result.add(resolve(binding, service, context));
      } else if (ContainerBinding.configured(service)) {
        throw new ExtensionConfigurationException(ContainerBinding.unbound(service.name(), service.source(),
            testClass.getName()));
      } else {
        result.add(service);
      }
    }
    return result;
  }

  /** The bindings of {@code testClass} by service name, every name checked against the configuration. */
  private static Map<String, Binding> byService(Class<?> testClass, AuthenticityConfig config) {
    Map<String, Binding> byService = new LinkedHashMap<>();
    for (Binding binding : BINDINGS.get(testClass)) {
      for (String name : binding.annotation().value()) {
        try {
          config.requireService(name, ContainerBinding.usedBy(binding.describe()));
        } catch (ConfigurationException ex) {
          throw new ExtensionConfigurationException(ex.getMessage(), ex);
        }
        Binding previous = byService.putIfAbsent(name, binding);
        if (previous != null && !previous.equals(binding)) {
          List<String> fields = java.util.stream.Stream.of(previous.describe(), binding.describe()).sorted().toList();
          throw new ExtensionConfigurationException(ContainerBinding.boundTwice(name, fields.get(0), fields.get(1)));
        }
      }
    }
    return byService;
  }

  private static ServiceDefinition resolve(Binding binding, ServiceDefinition service, ExtensionContext context) {
    String field = binding.describe();
    String test = context.getRequiredTestClass().getName()
        + context.getTestMethod().map(method -> "#" + method.getName()).orElse("");
    Object container = read(binding, context);
    if (container == null) {
      throw new ExtensionConfigurationException(ContainerBinding.nullField(field, test));
    }
    Class<?> state = containerState(container.getClass().getClassLoader());
    if (state == null) {
      state = containerState(binding.field().getDeclaringClass().getClassLoader());
    }
    if (state == null || !state.isInstance(container)) {
      throw new ExtensionConfigurationException(ContainerBinding.notAContainer(field, container.getClass().getName(),
          state != null));
    }
    if (!Boolean.TRUE.equals(call(state, container, binding, "isRunning"))) {
      throw new ExtensionConfigurationException(ContainerBinding.notRunning(service.name(), field, test,
          !binding.isStatic() && isTestcontainersContainer(binding.field())));
    }
    int port = binding.annotation().port();
    @SuppressWarnings("unchecked")
    List<Integer> exposed = List.copyOf((List<Integer>) call(state, container, binding, "getExposedPorts"));
    Integer mapped;
    if (port > 0) {
      try {
        mapped = (Integer) call(state, container, binding, "getMappedPort", port);
      } catch (IllegalArgumentException ex) {
        throw new ExtensionConfigurationException(ContainerBinding.portNotExposed(field, port, exposed), ex);
      }
    } else if (exposed.isEmpty()) {
      throw new ExtensionConfigurationException(ContainerBinding.noExposedPort(field));
    } else {
      mapped = (Integer) call(state, container, binding, "getFirstMappedPort");
    }
    String host = (String) call(state, container, binding, "getHost");
    return ContainerBinding.resolve(service, host, mapped, field);
  }

  private static Object read(Binding binding, ExtensionContext context) {
    Field field = binding.field();
    Object target = null;
    if (!binding.isStatic()) {
      Optional<Object> instance = context.getTestInstances().flatMap(instances -> instances.getAllInstances().stream()
          .filter(field.getDeclaringClass()::isInstance).findFirst());
      if (instance.isEmpty()) {
        throw new ExtensionConfigurationException(ContainerBinding.noInstance(binding.describe()));
      }
      target = instance.get();
    }
    try {
      field.setAccessible(true);
      return field.get(target);
    } catch (ReflectiveOperationException | RuntimeException ex) {
      throw new ExtensionConfigurationException(ContainerBinding.failed(binding.describe(), "reading the field", ex),
          ex);
    }
  }

  private static Object call(Class<?> state, Object container, Binding binding, String name, Object... args) {
    try {
      Method method = args.length == 0 ? state.getMethod(name) : state.getMethod(name, int.class);
      return method.invoke(container, args);
    } catch (InvocationTargetException ex) {
      Throwable cause = ex.getCause();
      if (cause instanceof IllegalArgumentException illegal && args.length > 0) {
        throw illegal;
      }
      throw new ExtensionConfigurationException(ContainerBinding.failed(binding.describe(), name + "()", cause), cause);
    } catch (ReflectiveOperationException ex) {
      throw new ExtensionConfigurationException(ContainerBinding.failed(binding.describe(), name + "()", ex), ex);
    }
  }

  private static Class<?> containerState(ClassLoader loader) {
    if (loader == null) {
      return null;
    }
    try {
      return Class.forName(ContainerBinding.CONTAINER_STATE, false, loader);
    } catch (ClassNotFoundException | LinkageError ex) {
      return null;
    }
  }

  /** Whether {@code field} carries Testcontainers' {@code @Container}, which starts an instance field in beforeEach. */
  private static boolean isTestcontainersContainer(Field field) {
    for (Annotation annotation : field.getAnnotations()) {
      if (annotation.annotationType().getName().equals(CONTAINER)) {
        return true;
      }
    }
    return false;
  }

  private static final String CONTAINER = "org.testcontainers.junit.jupiter.Container";
}
