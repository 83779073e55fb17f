package io.github.authenticity.core.internal.detect;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether one object is a mock, a stub or a fake, and of what: Mockito and EasyMock asked by reflection (only
 * once they have made a mock in that class loader), JDK proxies with a mocking library's handler, and classes
 * named like a fake. {@link MockInspector} asks it for every object it walks to.
 */
final class MockRecognition {

  /** The end of what {@link #describe} says of an object that is only named like a fake. */
  static final String NAMED = ", named like a fake";
  private static final List<String> NAME_PREFIXES = List.of("Mock", "Fake", "Stub", "InMemory");
  private static final List<String> MOCKING_PACKAGES = List.of("org.mockito.", "org.easymock.", "org.jmock.",
      "org.powermock.", "mockit.", "io.mockk.", "org.spockframework.mock.");
  private static final Map<ClassLoader, Optional<Method[]>> MOCKITO = new ConcurrentHashMap<>();
  private static final Map<ClassLoader, Optional<Method>> EASYMOCK = new ConcurrentHashMap<>();

  private MockRecognition() {
  }

  /** {@code [what it is, mocked type name]}, or {@code null} when {@code value} is no mock. */
  static String[] describe(Object value, ClassLoader loader) {
    Class<?> type = value.getClass();
    String[] mockito = mockito(value, loader);
    if (mockito != null) {
      return mockito;
    }
    Class<?> easyMocked = easyMock(value, loader);
    if (easyMocked != null || type.getName().contains("$$$EasyMock$")) {
      Class<?> mocked = easyMocked != null ? easyMocked : type.getSuperclass();
      return new String[] {"an EasyMock mock of [" + mocked.getSimpleName() + "]", mocked.getName()};
    }
    if (Proxy.isProxyClass(type)) {
      InvocationHandler handler = Proxy.getInvocationHandler(value);
      String handlerName = handler.getClass().getName();
      if (MOCKING_PACKAGES.stream().anyMatch(handlerName::startsWith)) {
        Class<?> mocked = type.getInterfaces().length > 0 ? type.getInterfaces()[0] : type;
        return new String[] {"a mock proxy of [" + mocked.getSimpleName() + "] (handler [" + handlerName + "])",
            mocked.getName()};
      }
    }
    if (type.getName().contains("$MockitoMock$")) {
      Class<?> mocked = type.getInterfaces().length > 0 && type.getSuperclass() == Object.class
          ? type.getInterfaces()[0] : type.getSuperclass();
      return new String[] {"a Mockito mock of [" + mocked.getSimpleName() + "]", mocked.getName()};
    }
    for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
      String name = current.getSimpleName();
      for (String prefix : NAME_PREFIXES) {
        if (name.startsWith(prefix) && (name.length() == prefix.length()
            || Character.isUpperCase(name.charAt(prefix.length())) || Character.isDigit(name.charAt(prefix.length())))) {
          String shown = current == type ? "[" + name + "]" : "[" + type.getSimpleName() + "] (a [" + name + "])";
          return new String[] {shown + NAMED, current.getName()};
        }
      }
    }
    return null;
  }

  /**
   * Whether a library has created a mock in {@code loader}: asking Mockito before it made one would
   * initialise its mock maker (the inline one attaches an agent: seconds, and warnings on JDK 21+), and a
   * mock held by a field implies one was made.
   */
  private static boolean used(ClassLoader loader, String... packages) {
    for (String name : packages) {
      if (loader.getDefinedPackage(name) != null) {
        return true;
      }
    }
    return false;
  }

  private static String[] mockito(Object value, ClassLoader fallback) {
    for (ClassLoader loader : loaders(value, fallback)) {
      if (!used(loader, "org.mockito.internal.creation.bytebuddy", "org.mockito.internal.creation.proxy")) {
        continue;
      }
      Optional<Method[]> methods = MOCKITO.computeIfAbsent(loader, MockRecognition::mockitoMethods);
      if (methods.isEmpty()) {
        continue;
      }
      try {
        Method[] m = methods.get();
        Object details = m[0].invoke(null, value);
        if (!(Boolean) m[1].invoke(details)) {
          return null;
        }
        if ((Boolean) m[2].invoke(details)) {
          return null; // a spy runs the real code
        }
        Object settings = m[3].invoke(details);
        Class<?> mocked = (Class<?>) settings.getClass().getMethod("getTypeToMock").invoke(settings);
        return new String[] {"a Mockito mock of [" + mocked.getSimpleName() + "]", mocked.getName()};
      } catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
        return null;
      }
    }
    return null;
  }

  private static Optional<Method[]> mockitoMethods(ClassLoader loader) {
    try {
      Class<?> mockito = Class.forName("org.mockito.Mockito", false, loader);
      Class<?> details = Class.forName("org.mockito.MockingDetails", false, loader);
      return Optional.of(new Method[] {mockito.getMethod("mockingDetails", Object.class), details.getMethod("isMock"),
          details.getMethod("isSpy"), details.getMethod("getMockCreationSettings")});
    } catch (ReflectiveOperationException | LinkageError ex) {
      return Optional.empty();
    }
  }

  private static Class<?> easyMock(Object value, ClassLoader fallback) {
    for (ClassLoader loader : loaders(value, fallback)) {
      if (!used(loader, "org.easymock.internal")) {
        continue;
      }
      Optional<Method> method = EASYMOCK.computeIfAbsent(loader, MockRecognition::easyMockMethod);
      if (method.isPresent()) {
        try {
          return (Class<?>) method.get().invoke(null, value);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
          return null;
        }
      }
    }
    return null;
  }

  private static Optional<Method> easyMockMethod(ClassLoader loader) {
    try {
      return Optional.of(Class.forName("org.easymock.EasyMockSupport", false, loader)
          .getMethod("getMockedClass", Object.class));
    } catch (ReflectiveOperationException | LinkageError ex) {
      return Optional.empty();
    }
  }

  private static List<ClassLoader> loaders(Object value, ClassLoader fallback) {
    List<ClassLoader> loaders = new ArrayList<>(2);
    ClassLoader own = value.getClass().getClassLoader();
    if (own != null) {
      loaders.add(own);
    }
    if (fallback != null && fallback != own) {
      loaders.add(fallback);
    }
    return loaders;
  }
}
