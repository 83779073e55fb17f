package io.github.authenticity.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/** Real services for the tests: an HTTP server that is UP, a closed port, and a port that never answers. */
final class Backends implements AutoCloseable {

  private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

  /** An HTTP server on loopback whose {@code /health} answers 200; returns its port. */
  int up() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/health", exchange -> {
        byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      });
      server.start();
      open.add(() -> server.stop(0));
      return server.getAddress().getPort();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** A port on loopback that nothing listens on (connections are refused). */
  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** A port that accepts connections and never answers; returns its port. */
  int blackHole() {
    try {
      ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      List<Socket> accepted = new CopyOnWriteArrayList<>();
      Thread acceptor = new Thread(() -> {
        while (!server.isClosed()) {
          try {
            accepted.add(server.accept());
          } catch (IOException ex) {
            return;
          }
        }
      }, "black-hole");
      acceptor.setDaemon(true);
      acceptor.start();
      open.add(() -> {
        server.close();
        for (Socket socket : accepted) {
          socket.close();
        }
        acceptor.join(2000);
      });
      return server.getLocalPort();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** Writes an {@code authenticity.yaml} with {@code services} under {@code local} and {@code staging}; returns its path. */
  static String config(Path directory, String localServices, String stagingServices) {
    String yaml = "environment: local\n"
        + "history: " + directory.resolve("history.json") + "\n"
        + "detection:\n  interaction: off\n"
        + "environments:\n"
        + "  local:\n    services:\n" + indent(localServices)
        + "  staging:\n    staging: true\n    services:\n" + indent(stagingServices);
    try {
      Path file = directory.resolve("authenticity.yaml");
      Files.writeString(file, yaml);
      return file.toString();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** A service line for {@link #config}: an http probe of {@code /health} on loopback {@code port}. */
  static String http(String name, int port, String timeout) {
    return name + ": { probe: http, url: \"http://127.0.0.1:" + port + "/health\", timeout: " + timeout + " }";
  }

  private static String indent(String services) {
    StringBuilder text = new StringBuilder();
    for (String line : services.split("\n")) {
      if (!line.isBlank()) {
        text.append("      ").append(line).append('\n');
      }
    }
    return text.length() == 0 ? "      {}\n" : text.toString();
  }

  @Override
  public void close() throws IOException {
    try {
      for (AutoCloseable closeable : open) {
        closeable.close();
      }
    } catch (IOException ex) {
      throw ex;
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping the test servers", ex);
    } catch (Exception ex) {
      throw new IOException(ex);
    } finally {
      open.clear();
    }
  }
}
