package io.github.authenticity.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Generates and compiles the test suites: {@code classes} x {@code methods} tests against the HTTP server on
 * {@code 127.0.0.1:${bench.port}}, with {@code bench.clientTimeoutMillis} connect and read timeouts, in one of two
 * shapes ({@link Shape}). The guarded variant carries {@code @RequiresRealService("backend")} and an
 * {@code authenticity.yaml} naming the same port; the plain variant is the same code without both.
 */
final class Suites {

  /** What each test does. */
  enum Shape {
    /** One GET through a JDK {@code HttpClient} that every test shares (created once, its connection pooled). */
    SHARED_CLIENT,
    /**
     * A connection per test: a {@code Socket} opened in {@code @BeforeEach}, one HTTP/1.1 GET on it in the body,
     * closed in {@code @AfterEach} (the shape whose connection is gone before the test ends).
     */
    CONNECTION_PER_TEST
  }

  /** A compiled suite: its classes directory and its test classes, in order. */
  record Suite(Path classes, String packageName, List<String> classNames, int methodsPerClass) {

    int size() {
      return classNames.size() * methodsPerClass;
    }

    /** Selectors for the first {@code count} tests, in class and method order. */
    List<String> firstTests(int count) {
      List<String> selectors = new ArrayList<>();
      for (String className : classNames) {
        for (int m = 0; m < methodsPerClass && selectors.size() < count; m++) {
          selectors.add("method:" + className + "#" + method(m));
        }
      }
      return selectors;
    }
  }

  private final List<Path> compileClasspath;

  /** @param compileClasspath the JUnit jars; the guarded variant also gets the extension jar */
  Suites(List<Path> compileClasspath) {
    this.compileClasspath = compileClasspath;
  }

  static String method(int m) {
    return String.format("t%03d", m);
  }

  /**
   * Writes and compiles one suite into {@code directory} (emptied first).
   *
   * @param extensionJar the extension jar to compile against when {@code guarded}
   */
  Suite generate(Path directory, String packageName, String classPrefix, int classes, int methods,
      boolean guarded, Path extensionJar) {
    return generate(directory, packageName, classPrefix, classes, methods, guarded, extensionJar, Shape.SHARED_CLIENT);
  }

  /** The same, in the given shape. */
  Suite generate(Path directory, String packageName, String classPrefix, int classes, int methods,
      boolean guarded, Path extensionJar, Shape shape) {
    return generate(directory, packageName, classPrefix, classes, methods,
        guarded ? "@io.github.authenticity.junit.RequiresRealService(\"backend\")" : null, guarded,
        guarded ? extensionJar : null, shape);
  }

  /**
   * The shared-client suite whose classes carry {@code @ExtendWith(floor.FloorExtension.class)} instead of the
   * annotation (scenario 8), compiled against the floor's classes.
   */
  Suite generateFloor(Path directory, String packageName, String classPrefix, int classes, int methods,
      Path floorClasses) {
    return generate(directory, packageName, classPrefix, classes, methods,
        "@org.junit.jupiter.api.extension.ExtendWith(floor.FloorExtension.class)", false, floorClasses,
        Shape.SHARED_CLIENT);
  }

  /**
   * Writes and compiles a suite whose classes carry {@code classAnnotation} (none when null), with the guarded
   * suites' {@code authenticity.yaml} when {@code config}, compiled with {@code extra} on the class path too.
   */
  private Suite generate(Path directory, String packageName, String classPrefix, int classes, int methods,
      String classAnnotation, boolean config, Path extra, Shape shape) {
    deleteRecursively(directory);
    Path sources = directory.resolve("src");
    Path output = directory.resolve("classes");
    String packageDir = packageName.replace('.', '/');
    List<Path> files = new ArrayList<>();
    List<String> classNames = new ArrayList<>();
    try {
      Files.createDirectories(sources.resolve(packageDir));
      Files.createDirectories(output);
      boolean perTest = shape == Shape.CONNECTION_PER_TEST;
      String helper = perTest ? "BenchConnection" : "BenchClient";
      Path client = sources.resolve(packageDir).resolve(helper + ".java");
      Files.writeString(client, perTest ? connectionSource(packageName) : clientSource(packageName),
          StandardCharsets.UTF_8);
      files.add(client);
      for (int c = 0; c < classes; c++) {
        String simpleName = String.format("%s%03dTests", classPrefix, c);
        StringBuilder source = new StringBuilder();
        source.append("package ").append(packageName).append(";\n\n");
        if (perTest) {
          source.append("import org.junit.jupiter.api.AfterEach;\nimport org.junit.jupiter.api.BeforeEach;\n");
        }
        source.append("import org.junit.jupiter.api.Test;\n\n");
        if (classAnnotation != null) {
          source.append(classAnnotation).append('\n');
        }
        source.append("class ").append(simpleName).append(" {\n");
        if (perTest) {
          source.append("\n  private BenchConnection connection;\n\n")
              .append("  @BeforeEach\n  void open() throws Exception {\n    connection = BenchConnection.open();\n  }\n\n")
              .append("  @AfterEach\n  void close() throws Exception {\n    connection.close();\n  }\n");
        }
        for (int m = 0; m < methods; m++) {
          source.append("\n  @Test\n  void ").append(method(m)).append("() throws Exception {\n")
              .append(perTest ? "    connection.get(\"/api/" : "    BenchClient.call(\"/api/")
              .append(c).append('/').append(m).append("\");\n  }\n");
        }
        source.append("}\n");
        Path file = sources.resolve(packageDir).resolve(simpleName + ".java");
        Files.writeString(file, source, StandardCharsets.UTF_8);
        files.add(file);
        classNames.add(packageName + "." + simpleName);
      }
      if (config) {
        Files.writeString(output.resolve("authenticity.yaml"), """
            # generated by bench: the one service every guarded benchmark test needs
            environment: local
            environments:
              local:
                services:
                  backend: { probe: http, url: "http://127.0.0.1:${sys:bench.port}/health", expectStatus: 200, timeout: 2s }
            """, StandardCharsets.UTF_8);
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot write the generated suite in [" + directory + "]: " + ex.getMessage(), ex);
    }
    List<Path> classpath = new ArrayList<>(compileClasspath);
    if (extra != null) {
      classpath.add(extra);
    }
    compile(files, output, classpath);
    return new Suite(output, packageName, List.copyOf(classNames), methods);
  }

  private static String clientSource(String packageName) {
    return "package " + packageName + ";\n\n" + """
        import java.io.IOException;
        import java.net.URI;
        import java.net.http.HttpClient;
        import java.net.http.HttpRequest;
        import java.net.http.HttpResponse;
        import java.time.Duration;

        /** One real HTTP call to the loopback port given by the bench.port system property, through one shared client. */
        final class BenchClient {

          private static final String BASE = "http://127.0.0.1:" + System.getProperty("bench.port");
          private static final Duration TIMEOUT = Duration.ofMillis(Integer.getInteger("bench.clientTimeoutMillis", 10_000));
          private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(TIMEOUT).build();

          private BenchClient() {
          }

          static void call(String path) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(TIMEOUT).GET().build();
            HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
              throw new AssertionError("GET " + path + " answered [" + response.statusCode() + "], expected [200]");
            }
          }
        }
        """;
  }

  private static String connectionSource(String packageName) {
    return "package " + packageName + ";\n\n" + """
        import java.io.BufferedInputStream;
        import java.io.ByteArrayOutputStream;
        import java.io.IOException;
        import java.io.InputStream;
        import java.io.OutputStream;
        import java.net.InetSocketAddress;
        import java.net.Socket;
        import java.nio.charset.StandardCharsets;

        /** A connection of its own to the loopback port of bench.port: HTTP/1.1 GETs on it, by hand. */
        final class BenchConnection implements AutoCloseable {

          private static final int PORT = Integer.getInteger("bench.port");
          private static final int TIMEOUT = Integer.getInteger("bench.clientTimeoutMillis", 10_000);

          private final Socket socket;
          private final InputStream in;
          private final OutputStream out;

          private BenchConnection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
          }

          static BenchConnection open() throws IOException {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT);
            socket.connect(new InetSocketAddress("127.0.0.1", PORT), TIMEOUT);
            return new BenchConnection(socket);
          }

          void get(String path) throws IOException {
            out.write(("GET " + path + " HTTP/1.1\\r\\nHost: 127.0.0.1:" + PORT + "\\r\\n\\r\\n")
                .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = line();
            int length = -1;
            for (String header = line(); !header.isEmpty(); header = line()) {
              int colon = header.indexOf(':');
              if (colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                length = Integer.parseInt(header.substring(colon + 1).trim());
              }
            }
            if (length < 0 || in.readNBytes(length).length != length) {
              throw new IOException("GET " + path + ": no whole body (Content-Length " + length + ")");
            }
            if (!status.startsWith("HTTP/1.1 200")) {
              throw new AssertionError("GET " + path + " answered [" + status + "], expected [HTTP/1.1 200]");
            }
          }

          private String line() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\\n'; b = in.read()) {
              if (b < 0) {
                throw new IOException("the server closed the connection mid-answer");
              }
              if (b != '\\r') {
                bytes.write(b);
              }
            }
            return bytes.toString(StandardCharsets.US_ASCII);
          }

          @Override
          public void close() throws IOException {
            socket.close();
          }
        }
        """;
  }

  static void compile(List<Path> files, Path output, List<Path> classpath) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException("No Java compiler in [" + System.getProperty("java.home")
          + "]: run the benchmark with a JDK, not a JRE.");
    }
    List<String> arguments = new ArrayList<>(List.of("--release", "17", "-proc:none", "-nowarn", "-g:none",
        "-d", output.toString(), "-cp",
        String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList())));
    files.forEach(f -> arguments.add(f.toString()));
    int code = compiler.run(null, null, null, arguments.toArray(String[]::new));
    if (code != 0) {
      throw new IllegalStateException("Compiling into [" + output + "] failed (javac exit "
          + code + "); see the errors above.");
    }
  }

  static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot delete [" + directory + "]: " + ex.getMessage(), ex);
    }
  }
}
