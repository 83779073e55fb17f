package io.github.authenticity.examples.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.github.authenticity.examples.platform.PlatformOptions.Part;

/** The HTTP API of the demo platform on the JDK's {@link HttpServer}. */
final class ApiServer implements AutoCloseable {

  static final String USERNAME = "demo";
  static final String PASSWORD = "demo-password";

  private static final Pattern AGENT_RUNS = Pattern.compile("/agents/([\\w.-]+)/runs");
  private static final Pattern RUN = Pattern.compile("/runs/([\\w.-]+)");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(AgentRuns.daemon("http"));
  private final PlatformOptions options;
  private final AgentRuns runs;
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closed = new CountDownLatch(1);

  ApiServer(InetSocketAddress address, PlatformOptions options, AgentRuns runs) throws IOException {
    this.options = options;
    this.runs = runs;
    this.server = HttpServer.create(address, 50);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      if (path.startsWith("/auth/")) {
        if (options.isDown(Part.AUTH)) {
          hang();
          return;
        }
        slowIfDegraded(Part.AUTH);
      }
      slowIfDegraded(Part.BACKEND);
      Matcher agentRuns = AGENT_RUNS.matcher(path);
      Matcher run = RUN.matcher(path);
      if (path.equals("/health") && method.equals("GET")) {
        send(exchange, 200, "{\"status\":\"UP\"}");
      } else if (path.equals("/auth/health") && method.equals("GET")) {
        send(exchange, 200, "{\"status\":\"UP\"}");
      } else if (path.equals("/auth/login") && method.equals("POST")) {
        login(exchange);
      } else if (agentRuns.matches() && method.equals("POST")) {
        if (authorized(exchange)) {
          startRun(exchange, agentRuns.group(1));
        }
      } else if (run.matches() && method.equals("GET")) {
        if (authorized(exchange)) {
          Optional<AgentRuns.AgentRun> found = runs.find(run.group(1));
          if (found.isPresent()) {
            send(exchange, 200, found.get().toJson());
          } else {
            send(exchange, 404, error("no run [" + run.group(1) + "]"));
          }
        }
      } else if (path.equals("/exports/runs") && method.equals("GET")) {
        if (authorized(exchange)) {
          export(exchange);
        }
      } else {
        send(exchange, 404, error("no endpoint [" + method + " " + path + "]"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void login(HttpExchange exchange) throws IOException {
    Map<String, String> body = JsonText.flatObject(read(exchange.getRequestBody()));
    if (USERNAME.equals(body.get("username")) && PASSWORD.equals(body.get("password"))) {
      String token = UUID.randomUUID().toString();
      tokens.add(token);
      send(exchange, 200, "{\"token\":" + JsonText.quote(token) + ",\"expiresIn\":3600}");
    } else {
      send(exchange, 401, error("invalid credentials"));
    }
  }

  private void startRun(HttpExchange exchange, String agentId) throws IOException {
    String task = JsonText.flatObject(read(exchange.getRequestBody())).getOrDefault("task", "demo task");
    AgentRuns.AgentRun run = runs.start(agentId, task);
    exchange.getResponseHeaders().add("Location", "/runs/" + run.id);
    send(exchange, 202, "{\"runId\":" + JsonText.quote(run.id) + ",\"agentId\":" + JsonText.quote(agentId)
        + ",\"status\":\"RUNNING\"}");
  }

  private void export(HttpExchange exchange) throws IOException {
    String query = Optional.ofNullable(exchange.getRequestURI().getQuery()).orElse("");
    String format = "json";
    for (String pair : query.split("&")) {
      if (pair.startsWith("format=")) {
        format = pair.substring("format=".length());
      }
    }
    switch (format) {
      case "json" -> send(exchange, 200,
          runs.all().stream().map(AgentRuns.AgentRun::toJson).collect(Collectors.joining(",", "[", "]")));
      case "csv" -> {
        exchange.getResponseHeaders().set("Content-Type", "text/csv; charset=utf-8");
        String header = "runId,agentId,task,status,steps,iterations,digest,durationMillis\n";
        String rows = runs.all().stream().map(r -> r.toCsv() + "\n").collect(Collectors.joining());
        sendRaw(exchange, 200, header + rows);
      }
      default -> send(exchange, 400, error("unknown format [" + format + "]; use json or csv"));
    }
  }

  private boolean authorized(HttpExchange exchange) throws IOException {
    String header = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse("");
    if (header.startsWith("Bearer ") && tokens.contains(header.substring("Bearer ".length()))) {
      return true;
    }
    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
    send(exchange, 401, error("missing or unknown bearer token; log in with POST /auth/login"));
    return false;
  }

  private void hang() throws InterruptedException {
    closed.await(60, TimeUnit.SECONDS);
  }

  private void slowIfDegraded(Part part) throws InterruptedException {
    if (options.isDegraded(part)) {
      Thread.sleep(options.degradedDelay().toMillis());
    }
  }

  private static String error(String message) {
    return "{\"error\":" + JsonText.quote(message) + "}";
  }

  private static String read(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    sendRaw(exchange, status, json);
  }

  private static void sendRaw(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
