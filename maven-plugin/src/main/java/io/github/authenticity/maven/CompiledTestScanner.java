package io.github.authenticity.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.github.authenticity.core.internal.model.CompiledTest;

/**
 * Finds the guarded tests compiled into a test output directory, comparing annotation types by name so
 * the plugin needs neither JUnit nor the extension on its own class path.
 *
 * <p>A test method is a method annotated, directly or through meta-annotations, with one of JUnit
 * Jupiter's test annotations or any annotation meta-annotated with {@code @Testable}. It is guarded when
 * {@code @RequiresRealService} or {@code @StagingOnly} (also as meta-annotations) is on the method, its
 * class, a superclass or an enclosing class. Abstract classes are not tests; inherited test methods count
 * on every concrete subclass; {@code @Nested} inner classes count. Static nested classes are not scanned:
 * Surefire and Failsafe exclude them by default ({@code **}{@code /*$*}), and they are where EngineTestKit
 * fixtures live. When the extension's annotations are not on the class path, nothing is scanned: no test
 * can be guarded.
 */
final class CompiledTestScanner {

  static final String REQUIRES_REAL_SERVICE = "io.github.authenticity.junit.RequiresRealService";
  static final String STAGING_ONLY = "io.github.authenticity.junit.StagingOnly";
  static final String NESTED = "org.junit.jupiter.api.Nested";
  static final String TESTABLE = "org.junit.platform.commons.annotation.Testable";
  static final Set<String> TEST_ANNOTATIONS = Set.of("org.junit.jupiter.api.Test",
      "org.junit.jupiter.api.RepeatedTest", "org.junit.jupiter.params.ParameterizedTest",
      "org.junit.jupiter.api.TestFactory", "org.junit.jupiter.api.TestTemplate", TESTABLE);

  /** What a scan found: the guarded tests, and one line per class that could not be inspected. */
  record Result(List<CompiledTest> tests, List<String> problems) {
  }

  private CompiledTestScanner() {
  }

  /**
   * Scans every {@code .class} file under {@code testOutputDirectory}, loading classes with a fresh class
   * loader over {@code classpath} (which should include the directory itself).
   */
  static Result scan(Path testOutputDirectory, List<Path> classpath) {
    if (!Files.isDirectory(testOutputDirectory)) {
      return new Result(List.of(), List.of());
    }
    List<String> classNames = classNames(testOutputDirectory);
    if (classNames.isEmpty()) {
      return new Result(List.of(), List.of());
    }
    List<URL> urls = new ArrayList<>();
    urls.add(toUrl(testOutputDirectory));
    for (Path element : classpath) {
      if (!element.equals(testOutputDirectory)) {
        urls.add(toUrl(element));
      }
    }
    try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new),
        ClassLoader.getPlatformClassLoader())) {
      if (!canLoad(loader, REQUIRES_REAL_SERVICE) && !canLoad(loader, STAGING_ONLY)) {
        // the module does not use the extension: no class can be guarded
        return new Result(List.of(), List.of());
      }
      return scan(classNames, loader);
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot close the class loader over [" + testOutputDirectory + "]", ex);
    }
  }

  /** Scans the named classes, loaded (without initialization) from {@code loader}. */
  static Result scan(List<String> classNames, ClassLoader loader) {
    List<CompiledTest> tests = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String className : classNames) {
      try {
        Class<?> type = Class.forName(className, false, loader);
        if (isTestClass(type)) {
          tests.addAll(guardedTests(type));
        }
      } catch (ClassNotFoundException | LinkageError | TypeNotPresentException
          | SecurityException ex) {
        problems.add("Cannot inspect test class [" + className + "] for guarded tests: " + describe(ex));
      }
    }
    return new Result(List.copyOf(tests), List.copyOf(problems));
  }

  private static boolean canLoad(ClassLoader loader, String className) {
    try {
      Class.forName(className, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError ex) {
      return false;
    }
  }

  private static String describe(Throwable ex) {
    String message = ex.getMessage();
    return ex.getClass().getName() + (message == null ? "" : ": " + message);
  }

  private static List<String> classNames(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile)
          .map(root::relativize)
          .map(Path::toString)
          .filter(name -> name.endsWith(".class"))
          .filter(name -> !name.endsWith("module-info.class") && !name.endsWith("package-info.class"))
          .map(name -> name.substring(0, name.length() - ".class".length())
              .replace(root.getFileSystem().getSeparator(), "."))
          .sorted()
          .toList();
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot list the compiled test classes in [" + root + "]", ex);
    }
  }

  private static URL toUrl(Path path) {
    try {
      return path.toUri().toURL();
    } catch (MalformedURLException ex) {
      throw new IllegalArgumentException("Not a usable class path element [" + path + "]", ex);
    }
  }

  /** A class JUnit would run on its own or as {@code @Nested}: concrete, not local or anonymous. */
  private static boolean isTestClass(Class<?> type) {
    if (type.isInterface() || type.isAnnotation() || type.isEnum() || type.isRecord()
        || Modifier.isAbstract(type.getModifiers()) || type.isAnonymousClass() || type.isLocalClass()
        || type.isSynthetic() || Modifier.isPrivate(type.getModifiers())) {
      return false;
    }
    Class<?> enclosing = type.getEnclosingClass();
    if (enclosing == null) {
      return true;
    }
    // a member class counts only as a @Nested inner class of a test class
    return !Modifier.isStatic(type.getModifiers()) && hasAnnotation(type, Set.of(NESTED))
        && isTestClass(enclosing);
  }

  private static List<CompiledTest> guardedTests(Class<?> type) {
    Set<String> classServices = new LinkedHashSet<>();
    boolean[] classGuard = new boolean[2]; // [0] guarded, [1] staging only
    for (Class<?> scope = type; scope != null; scope = scope.getEnclosingClass()) {
      for (Class<?> level = scope; level != null && level != Object.class; level = level.getSuperclass()) {
        collectGuards(level, classServices, classGuard);
        for (Class<?> iface : level.getInterfaces()) {
          collectGuards(iface, classServices, classGuard);
        }
      }
    }
    List<CompiledTest> result = new ArrayList<>();
    for (Method method : testMethods(type)) {
      Set<String> services = new LinkedHashSet<>(classServices);
      boolean[] guard = classGuard.clone();
      collectGuards(method, services, guard);
      if (guard[0] || guard[1]) {
        result.add(new CompiledTest(type.getName(), method.getName(), List.copyOf(new TreeSet<>(services)),
            guard[1]));
      }
    }
    return result;
  }

  /** The test methods JUnit would run on {@code type}: its own and inherited ones, overridden ones once. */
  private static List<Method> testMethods(Class<?> type) {
    Map<String, Method> bySignature = new LinkedHashMap<>();
    List<Class<?>> levels = new ArrayList<>();
    for (Class<?> level = type; level != null && level != Object.class; level = level.getSuperclass()) {
      levels.add(level);
    }
    Set<Class<?>> interfaces = new LinkedHashSet<>();
    for (Class<?> level : levels) {
      collectInterfaces(level, interfaces);
    }
    levels.addAll(interfaces);
    for (Class<?> level : levels) {
      Method[] methods = level.getDeclaredMethods();
      java.util.Arrays.sort(methods, java.util.Comparator.comparing(Method::getName)
          .thenComparing(m -> java.util.Arrays.toString(m.getParameterTypes())));
      for (Method method : methods) {
        if (method.isSynthetic() || method.isBridge() || Modifier.isStatic(method.getModifiers())
            || Modifier.isPrivate(method.getModifiers())
            || (level.isInterface() && Modifier.isAbstract(method.getModifiers()))) {
          continue;
        }
        String signature = method.getName() + java.util.Arrays.toString(method.getParameterTypes());
        if (bySignature.containsKey(signature)) {
          continue; // overridden further down: the subclass's declaration decides
        }
        bySignature.put(signature, method);
      }
    }
    List<Method> result = new ArrayList<>();
    for (Method method : bySignature.values()) {
      if (hasAnnotation(method, TEST_ANNOTATIONS)) {
        result.add(method);
      }
    }
    return result;
  }

  private static void collectInterfaces(Class<?> type, Set<Class<?>> into) {
    for (Class<?> iface : type.getInterfaces()) {
      if (into.add(iface)) {
        collectInterfaces(iface, into);
      }
    }
  }

  private static boolean hasAnnotation(AnnotatedElement element, Set<String> names) {
    for (Annotation annotation : element.getDeclaredAnnotations()) {
      if (isOrMetaAnnotated(annotation.annotationType(), names, new HashSet<>())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isOrMetaAnnotated(Class<? extends Annotation> type, Set<String> names,
      Set<String> visited) {
    if (names.contains(type.getName())) {
      return true;
    }
    if (!visited.add(type.getName()) || type.getName().startsWith("java.lang.annotation.")) {
      return false;
    }
    for (Annotation meta : type.getDeclaredAnnotations()) {
      if (isOrMetaAnnotated(meta.annotationType(), names, visited)) {
        return true;
      }
    }
    return false;
  }

  /** Adds the services and guard flags of every guard annotation on {@code element}, directly or as meta. */
  private static void collectGuards(AnnotatedElement element, Set<String> services, boolean[] guard) {
    for (Annotation annotation : element.getDeclaredAnnotations()) {
      collectGuards(annotation, services, guard, new HashSet<>());
    }
  }

  private static void collectGuards(Annotation annotation, Set<String> services, boolean[] guard,
      Set<String> visited) {
    Class<? extends Annotation> type = annotation.annotationType();
    String name = type.getName();
    if (REQUIRES_REAL_SERVICE.equals(name)) {
      guard[0] = true;
      services.addAll(stringArray(annotation, "value"));
      return;
    }
    if (STAGING_ONLY.equals(name)) {
      guard[1] = true;
      return;
    }
    if (!visited.add(name) || name.startsWith("java.lang.annotation.")) {
      return;
    }
    for (Annotation meta : type.getDeclaredAnnotations()) {
      collectGuards(meta, services, guard, visited);
    }
  }

  private static List<String> stringArray(Annotation annotation, String attribute) {
    try {
      Object value = annotation.annotationType().getMethod(attribute).invoke(annotation);
      return value instanceof String[] array ? List.of(array) : List.of();
    } catch (ReflectiveOperationException ex) {
      throw new IllegalStateException("Cannot read [" + attribute + "] of " + annotation
          + "; is the authenticity-junit-extension on the test class path of the same version as the plugin?", ex);
    }
  }
}
