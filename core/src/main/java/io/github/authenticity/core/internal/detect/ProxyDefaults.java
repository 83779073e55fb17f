package io.github.authenticity.core.internal.detect;

import java.lang.reflect.Method;

/**
 * What the logging bridges' proxies answer for a method they do not know (a method a newer logging library added to
 * its interface): the zero of the method's return type, so that no caller unboxes a {@code null} or gets an
 * {@code Integer} where it declared a {@code long}.
 */
final class ProxyDefaults {

  private ProxyDefaults() {
  }

  /** {@code false}, a zero of the primitive return type, or {@code null} for a reference type and {@code void}. */
  static Object answer(Method method) {
    Class<?> type = method.getReturnType();
    if (!type.isPrimitive() || type == void.class) {
      return null;
    }
    if (type == boolean.class) {
      return false;
    }
    if (type == long.class) {
      return 0L;
    }
    if (type == double.class) {
      return 0d;
    }
    if (type == float.class) {
      return 0f;
    }
    if (type == char.class) {
      return '\0';
    }
    if (type == short.class) {
      return (short) 0;
    }
    if (type == byte.class) {
      return (byte) 0;
    }
    return 0;
  }
}
