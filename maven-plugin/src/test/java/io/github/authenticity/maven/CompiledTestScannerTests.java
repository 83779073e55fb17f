package io.github.authenticity.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import io.github.authenticity.core.internal.model.CompiledTest;
import io.github.authenticity.junit.RequiresRealService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.commons.annotation.Testable;

class CompiledTestScannerTests {

  private static final Map<String, String> SOURCES = Map.ofEntries(
      Map.entry("com/example/ClassGuardedE2E.java", """
          package com.example;
          import java.util.stream.Stream;
          import org.junit.jupiter.api.*;
          import org.junit.jupiter.params.ParameterizedTest;
          import org.junit.jupiter.params.provider.ValueSource;
          import io.github.authenticity.junit.RequiresRealService;
          @RequiresRealService("backend")
          public class ClassGuardedE2E {
            @Test void plain() {}
            @RepeatedTest(2) void repeated() {}
            @ParameterizedTest @ValueSource(ints = 1) void parameterized(int value) {}
            @TestFactory Stream<DynamicTest> factory() { return Stream.empty(); }
            void helper() {}
            static class StaticNested { @Test void fixture() {} }
          }
          """),
      Map.entry("com/example/MethodGuardedTest.java", """
          package com.example;
          import org.junit.jupiter.api.Test;
          import io.github.authenticity.junit.RequiresRealService;
          class MethodGuardedTest {
            @Test @RequiresRealService({"redis", "backend"}) void guarded() {}
            @Test void unguarded() {}
          }
          """),
      Map.entry("com/example/UnguardedTest.java", """
          package com.example;
          import org.junit.jupiter.api.Test;
          class UnguardedTest { @Test void plain() {} }
          """),
      Map.entry("com/example/AbstractBase.java", """
          package com.example;
          import org.junit.jupiter.api.Test;
          import io.github.authenticity.junit.RequiresRealService;
          @RequiresRealService("postgres")
          abstract class AbstractBase { @Test void inherited() {} @Test void overridden() {} }
          """),
      Map.entry("com/example/SubclassTest.java", """
          package com.example;
          import org.junit.jupiter.api.Test;
          class SubclassTest extends AbstractBase {
            @Test void own() {}
            @Override @Test void overridden() {}
          }
          """),
      Map.entry("com/example/OuterTest.java", """
          package com.example;
          import org.junit.jupiter.api.*;
          import io.github.authenticity.junit.RequiresRealService;
          @RequiresRealService("websocket")
          class OuterTest {
            @Test void outer() {}
            @Nested @RequiresRealService("redis") class Inner { @Test void inner() {} }
            class NotNested { @Test void notRun() {} }
          }
          """),
      Map.entry("com/example/StagingTest.java", """
          package com.example;
          import org.junit.jupiter.api.Test;
          import io.github.authenticity.junit.StagingOnly;
          @StagingOnly
          class StagingTest { @Test void onStaging() {} }
          """),
      Map.entry("com/example/NeedsBackend.java", """
          package com.example;
          import java.lang.annotation.*;
          import io.github.authenticity.junit.RequiresRealService;
          @Target({ElementType.TYPE, ElementType.METHOD}) @Retention(RetentionPolicy.RUNTIME)
          @RequiresRealService("backend")
          @interface NeedsBackend {}
          """),
      Map.entry("com/example/E2ETest.java", """
          package com.example;
          import java.lang.annotation.*;
          import org.junit.jupiter.api.Test;
          @Target(ElementType.METHOD) @Retention(RetentionPolicy.RUNTIME) @Test
          @interface E2ETest {}
          """),
      Map.entry("com/example/OtherEngineTest.java", """
          package com.example;
          import java.lang.annotation.*;
          import org.junit.platform.commons.annotation.Testable;
          @Target(ElementType.METHOD) @Retention(RetentionPolicy.RUNTIME) @Testable
          @interface OtherEngineTest {}
          """),
      Map.entry("com/example/MetaGuardedTest.java", """
          package com.example;
          class MetaGuardedTest { @E2ETest @NeedsBackend void viaMetaAnnotations() {} }
          """),
      Map.entry("com/example/CustomTestableTest.java", """
          package com.example;
          @NeedsBackend
          class CustomTestableTest { @OtherEngineTest void viaTestable() {} }
          """),
      Map.entry("com/example/DefaultMethods.java", """
          package com.example;
          import org.junit.jupiter.api.Test;
          import io.github.authenticity.junit.RequiresRealService;
          interface DefaultMethods { @Test @RequiresRealService("redis") default void fromInterface() {} }
          """),
      Map.entry("com/example/ImplementsTest.java", """
          package com.example;
          class ImplementsTest implements DefaultMethods {}
          """));

  @TempDir
  static Path classes;

  private static List<Path> classpath;

  @BeforeAll
  static void compileFixtures(@TempDir Path sources) throws IOException, URISyntaxException {
    classpath = List.of(location(RequiresRealService.class), location(Test.class),
        location(ParameterizedTest.class), location(Testable.class), location(org.apiguardian.api.API.class));
    List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none", "-cp",
        classpath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator))));
    for (Map.Entry<String, String> source : SOURCES.entrySet()) {
      Path file = sources.resolve(source.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      arguments.add(file.toString());
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    assertThat(compiler.run(null, null, null, arguments.toArray(String[]::new)))
        .as("javac exit code").isZero();
  }

  @Test
  void findsGuardedTestsOnMethodsClassesSuperclassesInterfacesAndEnclosingClasses() {
    CompiledTestScanner.Result result = CompiledTestScanner.scan(classes, classpath);

    assertThat(result.problems()).isEmpty();
    assertThat(result.tests()).containsExactlyInAnyOrder(
        test("ClassGuardedE2E", "plain", List.of("backend"), false),
        test("ClassGuardedE2E", "repeated", List.of("backend"), false),
        test("ClassGuardedE2E", "parameterized", List.of("backend"), false),
        test("ClassGuardedE2E", "factory", List.of("backend"), false),
        test("MethodGuardedTest", "guarded", List.of("backend", "redis"), false),
        test("SubclassTest", "inherited", List.of("postgres"), false),
        test("SubclassTest", "overridden", List.of("postgres"), false),
        test("SubclassTest", "own", List.of("postgres"), false),
        test("OuterTest", "outer", List.of("websocket"), false),
        test("OuterTest$Inner", "inner", List.of("redis", "websocket"), false),
        test("StagingTest", "onStaging", List.of(), true),
        test("MetaGuardedTest", "viaMetaAnnotations", List.of("backend"), false),
        test("CustomTestableTest", "viaTestable", List.of("backend"), false),
        test("ImplementsTest", "fromInterface", List.of("redis"), false));
  }

  @Test
  void namesEveryClassThatCannotBeLoadedWithItsCause(@TempDir Path copy) throws IOException {
    try (var files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = copy.resolve(classes.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
    Files.delete(copy.resolve("com/example/AbstractBase.class"));

    CompiledTestScanner.Result result = CompiledTestScanner.scan(copy, classpath);

    assertThat(result.problems()).containsExactly(
        "Cannot inspect test class [com.example.SubclassTest] for guarded tests: "
            + "java.lang.NoClassDefFoundError: com/example/AbstractBase");
    assertThat(result.tests()).extracting(CompiledTest::className).doesNotContain("com.example.SubclassTest")
        .contains("com.example.ClassGuardedE2E");
  }

  @Test
  void findsNothingWhenTheAnnotationsAreNotOnTheClassPath() {
    CompiledTestScanner.Result result = CompiledTestScanner.scan(classes, List.of(classpath.get(1)));

    assertThat(result.tests()).isEmpty();
    assertThat(result.problems()).isEmpty();
  }

  @Test
  void namesAClassFileThatIsNotOne(@TempDir Path directory) throws IOException {
    Files.createDirectories(directory.resolve("com/example"));
    Files.write(directory.resolve("com/example/BrokenE2E.class"), new byte[] {1, 2, 3, 4});

    CompiledTestScanner.Result result = CompiledTestScanner.scan(directory, classpath);

    assertThat(result.tests()).isEmpty();
    assertThat(result.problems()).singleElement().asString()
        .startsWith("Cannot inspect test class [com.example.BrokenE2E] for guarded tests: java.lang.ClassFormatError: ");
  }

  @Test
  void findsNothingInAMissingDirectory(@TempDir Path directory) {
    CompiledTestScanner.Result result = CompiledTestScanner.scan(directory.resolve("missing"), List.of());

    assertThat(result.tests()).isEmpty();
    assertThat(result.problems()).isEmpty();
  }

  private static Path location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static CompiledTest test(String simpleName, String method, List<String> services, boolean stagingOnly) {
    return new CompiledTest("com.example." + simpleName, method, services, stagingOnly);
  }
}
