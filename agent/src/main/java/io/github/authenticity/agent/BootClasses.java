package io.github.authenticity.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;

/**
 * Defines the ledger's classes in the boot class loader, from the agent jar's own class files, without writing
 * any file: the JDK's socket classes can only call classes the boot loader knows. {@code
 * Instrumentation.appendToBootstrapClassLoaderSearch} would need a jar on disk (one that another local user could
 * swap between its writing and its loading); here {@code java.base}'s internal {@code Unsafe.defineClass} is
 * opened to this agent alone, through {@link Instrumentation#redefineModule}.
 */
final class BootClasses {

  static final String PACKAGE = "io.github.authenticity.agent.boot";
  /** Every class of the boot package, nested ones included; defined in this order. */
  static final String[] CLASSES = {"Ledger", "Ledger$1", "Ledger$Slot", "Ledger$Key", "Ledger$Conn", "Ledger$Traffic",
      "Ledger$Window", "Ledger$Writers", "Answers"};

  private BootClasses() {
  }

  /** The ledger class, defined in the boot loader (or found there, when another copy of the agent defined it). */
  static Class<?> define(Instrumentation instrumentation) throws Exception {
    String ledger = PACKAGE + ".Ledger";
    Class<?> existing = findBoot(ledger);
    if (existing != null) {
      return existing;
    }
    Module javaBase = Object.class.getModule();
    Module self = BootClasses.class.getModule();
    instrumentation.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.misc", Set.of(self)), Map.of(), Set.of(),
        Map.of());
    Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
    Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
    Method defineClass = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
        ClassLoader.class, java.security.ProtectionDomain.class);
    Class<?> result = null;
    for (String simple : CLASSES) {
      String name = PACKAGE + "." + simple;
      byte[] bytes = read(name);
      Class<?> defined = (Class<?>) defineClass.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
      if (simple.equals("Ledger")) {
        result = defined;
      }
    }
    if (result == null || result.getClassLoader() != null) {
      throw new IllegalStateException("the ledger was not defined in the boot class loader");
    }
    // the JDK's classes that call it must read the boot loader's unnamed module; the ledger reads the first bytes
    // of an answer where the JDK read them (native memory) through jdk.internal.misc.Unsafe
    instrumentation.redefineModule(javaBase, Set.of(result.getModule()),
        Map.of("jdk.internal.misc", Set.of(result.getModule())), Map.of(), Set.of(), Map.of());
    return result;
  }

  private static Class<?> findBoot(String name) {
    try {
      return Class.forName(name, false, null);
    } catch (ClassNotFoundException ex) {
      return null;
    }
  }

  private static byte[] read(String name) throws IOException {
    String resource = "/" + name.replace('.', '/') + ".class";
    try (InputStream in = BootClasses.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("the agent jar has no " + resource);
      }
      return in.readAllBytes();
    }
  }
}
