package io.github.authenticity.core.internal.detect;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apiguardian.api.API;

/**
 * Finds mocks, stubs and fakes held by the fields of test instances, with no dependency on any mocking
 * library (they are asked by reflection when present). This class walks the fields; whether one object is a
 * mock is {@link MockRecognition}'s to say.
 *
 * <p>Recognised: Mockito mocks (subclass and inline mock makers, through
 * {@code Mockito.mockingDetails(o).isMock()}; spies are not flagged: they run the real code), EasyMock
 * mocks (class and interface), JDK proxies whose {@code InvocationHandler} comes from a mocking library,
 * and objects whose runtime class (or a superclass) is named {@code Mock*}, {@code Fake*}, {@code Stub*}
 * or {@code InMemory*} followed by an upper-case letter, a digit or nothing ({@code Mockingbird} is not a
 * mock). The declared field type is not used: a field typed {@code PaymentClient} that holds a
 * {@code FakePaymentClient} is caught, a field typed {@code FakeClock} that holds a real clock is not.
 *
 * <p>Every field counts (private, inherited, static, of the test instance and its enclosing instances);
 * elements of collections, maps, arrays and {@code Optional}s; and, up to {@value #MAX_DEPTH} levels, the
 * fields of objects whose class belongs to the project under test (loaded from a directory, not a jar),
 * so an {@code OrderService} built around a Mockito mock, or around an {@code InMemoryOrderRepository}
 * written in the test sources, is caught too (a class merely named like a fake inside such an object is
 * flagged only when it comes from the test sources: production code has real in-memory components).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class MockInspector {

  static final int MAX_DEPTH = 3;
  private static final int MAX_OBJECTS = 2_000;
  private static final ClassValue<Boolean> PROJECT_CLASSES = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return projectClass(type);
    }
  };

  /**
   * Per class, the declared fields that {@link #inspect} reads from a test instance: not synthetic, not primitive,
   * made accessible (a field that cannot be is left out: it could not be read anyway). Looked up once per class,
   * not once per test.
   */
  private static final ClassValue<Field[]> INSTANCE_FIELDS = new ClassValue<>() {
    @Override
    protected Field[] computeValue(Class<?> type) {
      return accessibleFields(type, true);
    }
  };
  /** The same for the objects of project classes that {@link #visit} walks into: static fields left out. */
  private static final ClassValue<Field[]> OBJECT_FIELDS = new ClassValue<>() {
    @Override
    protected Field[] computeValue(Class<?> type) {
      return accessibleFields(type, false);
    }
  };

  private MockInspector() {
  }

  private static Field[] accessibleFields(Class<?> type, boolean withStatic) {
    List<Field> fields = new ArrayList<>();
    for (Field field : type.getDeclaredFields()) {
      if (field.isSynthetic() || field.getType().isPrimitive()
          || (!withStatic && Modifier.isStatic(field.getModifiers()))) {
        continue;
      }
      try {
        if (field.trySetAccessible()) {
          fields.add(field);
        }
      } catch (RuntimeException ex) {
        // a field that cannot be made accessible cannot be read: there is nothing to inspect
      }
    }
    return fields.toArray(Field[]::new);
  }

  /**
   * A field that holds a mock.
   *
   * @param field the top-level field of the test instance (where {@code @AllowMock} goes)
   * @param path  the field path, e.g. {@code paymentClient} or {@code service.repository} or
   *              {@code Outer.client} for a field of an enclosing instance
   * @param kind  what it holds, e.g. {@code a Mockito mock of [PaymentClient]}
   * @param type  the mocked (or fake) type's fully qualified name
   */
  public record Hit(Field field, String path, String kind, String type) {

    /** {@code field [paymentClient] holds a Mockito mock of [PaymentClient]; mark it @AllowMock(...) if deliberate}. */
    public String detail() {
      return "field [" + path + "] holds " + kind + "; mark it @AllowMock(reason = \"...\") if deliberate";
    }
  }

  /**
   * Inspects the test instance and its enclosing instances (innermost first).
   *
   * @param loader the test class loader, used to find Mockito/EasyMock when an object's own loader cannot
   */
  public static List<Hit> inspect(List<Object> instances, ClassLoader loader) {
    List<Hit> hits = new ArrayList<>();
    IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
    for (int i = 0; i < instances.size(); i++) {
      Object instance = instances.get(i);
      if (instance == null) {
        continue;
      }
      seen.put(instance, Boolean.TRUE);
      String prefix = i == 0 ? "" : instance.getClass().getSimpleName() + ".";
      for (Class<?> type = instance.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
        for (Field field : INSTANCE_FIELDS.get(type)) {
          Object value = read(field, Modifier.isStatic(field.getModifiers()) ? null : instance);
          if (value != null) {
            visit(field, prefix + field.getName(), value, 1, seen, hits, loader);
          }
        }
      }
    }
    return hits;
  }

  private static void visit(Field root, String path, Object value, int depth, IdentityHashMap<Object, Boolean> seen,
      List<Hit> hits, ClassLoader loader) {
    if (value == null || seen.size() > MAX_OBJECTS || seen.put(value, Boolean.TRUE) != null) {
      return;
    }
    String[] mock = MockRecognition.describe(value, loader);
    if (mock != null && (depth == 1 || !mock[0].endsWith(MockRecognition.NAMED) || isTestClass(value.getClass()))) {
      hits.add(new Hit(root, path, mock[0], mock[1]));
      return;
    }
    if (value instanceof Collection<?> collection && isJdk(value.getClass())) {
      int index = 0;
      for (Object element : snapshot(collection)) {
        visit(root, path + "[" + index++ + "]", element, depth, seen, hits, loader);
      }
    } else if (value instanceof Map<?, ?> map && isJdk(value.getClass())) {
      for (Object item : snapshot(map.entrySet())) {
        Map.Entry<?, ?> entry = (Map.Entry<?, ?>) item;
        visit(root, path + "[" + entry.getKey() + "]", entry.getValue(), depth, seen, hits, loader);
      }
    } else if (value instanceof Optional<?> optional) {
      optional.ifPresent(inner -> visit(root, path, inner, depth, seen, hits, loader));
    } else if (value instanceof Object[] array) {
      for (int i = 0; i < array.length; i++) {
        visit(root, path + "[" + i + "]", array[i], depth, seen, hits, loader);
      }
    } else if (depth < MAX_DEPTH && isProjectClass(value.getClass())) {
      for (Class<?> type = value.getClass(); type != null && isProjectClass(type); type = type.getSuperclass()) {
        for (Field field : OBJECT_FIELDS.get(type)) {
          visit(root, path + "." + field.getName(), read(field, value), depth + 1, seen, hits, loader);
        }
      }
    }
  }

  private static List<?> snapshot(Collection<?> collection) {
    try {
      return new ArrayList<>(collection);
    } catch (RuntimeException ex) {
      return List.of();
    }
  }

  /** The value of an accessible field (from {@link #INSTANCE_FIELDS} or {@link #OBJECT_FIELDS}), or {@code null}. */
  private static Object read(Field field, Object target) {
    try {
      return field.get(target);
    } catch (RuntimeException | IllegalAccessException ex) {
      return null;
    }
  }

  private static boolean isJdk(Class<?> type) {
    return type.getClassLoader() == null || type.getName().startsWith("java.");
  }

  /**
   * Whether {@code type} was compiled from test sources ({@code target/test-classes},
   * {@code build/classes/java/test}): inside the objects a test builds, only a fake written for tests is
   * a substitute; an {@code InMemoryCache} of the production code is a design choice.
   */
  static boolean isTestClass(Class<?> type) {
    if (!isProjectClass(type)) {
      return false;
    }
    String location = type.getProtectionDomain().getCodeSource().getLocation().getPath();
    return location.endsWith("/test-classes/") || location.contains("/test/") || location.endsWith("/test");
  }

  /** Whether {@code type} is one of the project's own classes (compiled into a directory, not a jar). */
  static boolean isProjectClass(Class<?> type) {
    return PROJECT_CLASSES.get(type);
  }

  private static boolean projectClass(Class<?> t) {
    if (t.getClassLoader() == null || t.isArray() || Proxy.isProxyClass(t) || t.getName().startsWith("java")) {
      return false;
    }
    try {
      CodeSource source = t.getProtectionDomain().getCodeSource();
      URL location = source == null ? null : source.getLocation();
      return location != null && "file".equals(location.getProtocol()) && location.getPath().endsWith("/");
    } catch (SecurityException ex) {
      return false;
    }
  }
}
