package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A test run as a build tool starts one: a new JVM whose working directory is the project folder, running a
 * fixture class through a real Launcher, so the listener (found by ServiceLoader) writes its events files under
 * {@code target/authenticity} and the history under {@code .authenticity}, exactly where a user's would be.
 */
final class SeparateBuild {

  private SeparateBuild() {
  }

  /** A real HTTP service on loopback, the {@code backend} of the fixtures. */
  static HttpServer backend() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
      try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
        in.readAllBytes();
        exchange.sendResponseHeaders(200, body.length);
        out.write(body);
      }
    });
    server.start();
    return server;
  }

  /**
   * Runs {@code fixture} in a new JVM in {@code project} against {@code backend}, with {@code properties}
   * ({@code -Dkey=value}) added; returns the JVM's exit status.
   */
  static int run(Path project, Class<?> fixture, HttpServer backend, String... properties)
      throws IOException, InterruptedException {
    Files.createDirectories(project);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(TestAgent.option());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Dauthenticity.services.backend.probe=http");
    command.add("-Dauthenticity.services.backend.url=" + url(backend));
    command.addAll(List.of(properties));
    command.add(SeparateBuild.class.getName());
    command.add(fixture.getName());
    Process process = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
        .redirectOutput(project.resolve("build.log").toFile()).start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the build in [%s] ends", project).isTrue();
    return process.exitValue();
  }

  static String url(HttpServer backend) {
    return "http://127.0.0.1:" + backend.getAddress().getPort() + "/health";
  }

  /**
   * What a fixture test does with the real backend: one GET on a plain socket, which must answer 200 (a plain
   * socket: the JDK's HTTP client takes a few hundred milliseconds to start, more than a fast run may take).
   */
  static void callBackend() throws Exception {
    URI url = URI.create(System.getProperty("authenticity.services.backend.url"));
    try (Socket socket = new Socket(url.getHost(), url.getPort())) {
      socket.getOutputStream().write(("GET " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost()
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      if (!answer.startsWith("HTTP/1.1 200")) {
        // not AssertJ: loading it costs a cold JVM about 100 ms, more than a fast run may take
        throw new AssertionError("The backend answered [" + answer + "], not 200");
      }
    }
  }

  /** The child JVM: runs the fixture class named in {@code args[0]} through the Launcher. */
  public static void main(String[] args) throws Exception {
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(Class.forName(args[0]))).build());
  }
}
