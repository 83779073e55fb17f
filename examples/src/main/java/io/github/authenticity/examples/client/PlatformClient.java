package io.github.authenticity.examples.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The client library for the demo platform, written the way many teams write theirs: convenient, and
 * dangerously forgiving. When the event stream cannot be opened it logs a warning and falls back to a
 * {@link MockWebSocketManager}; when login times out it logs a warning and uses a stub token.
 */
public final class PlatformClient {

  /** What {@link #login} returns when auth timed out. */
  public static final String STUB_TOKEN = "stub-token";

  private static final Logger LOG = Logger.getLogger(PlatformClient.class.getName());

  private final URI backendUrl;
  private final URI eventsUrl;
  private final Duration timeout;
  private volatile String token;

  /** A client of the platform at {@code backendUrl} with its event stream at {@code eventsUrl}. */
  public PlatformClient(URI backendUrl, URI eventsUrl, Duration timeout) {
    this.backendUrl = backendUrl;
    this.eventsUrl = eventsUrl;
    this.timeout = timeout;
  }

  /** Same, with a 2 s timeout. */
  public PlatformClient(URI backendUrl, URI eventsUrl) {
    this(backendUrl, eventsUrl, Duration.ofSeconds(2));
  }

  /** Logs in and keeps the token for later calls; a stub token when auth does not answer in time. */
  public String login(String username, String password) throws IOException {
    try {
      Response response = call("POST", "/auth/login",
          "{\"username\":" + FlatJson.quote(username) + ",\"password\":" + FlatJson.quote(password) + "}");
      if (response.status != 200) {
        throw new IOException("Login of [" + username + "] answered " + response.status + ": " + response.body);
      }
      token = FlatJson.parse(response.body).get("token");
    } catch (SocketTimeoutException e) {
      LOG.warning("Auth timed out, falling back to stub token");
      token = STUB_TOKEN;
    }
    return token;
  }

  /** Starts a run of {@code agentId}; returns its id. */
  public String startRun(String agentId, String task) throws IOException {
    Response response = call("POST", "/agents/" + agentId + "/runs", "{\"task\":" + FlatJson.quote(task) + "}");
    if (response.status != 202) {
      throw new IOException("Starting a run of agent [" + agentId + "] answered " + response.status + ": "
          + response.body);
    }
    return FlatJson.parse(response.body).get("runId");
  }

  /** The fields of a run, e.g. {@code status}, {@code digest}, {@code durationMillis}. */
  public Map<String, String> run(String runId) throws IOException {
    Response response = call("GET", "/runs/" + runId, null);
    if (response.status != 200) {
      throw new IOException("Run [" + runId + "] answered " + response.status + ": " + response.body);
    }
    return FlatJson.parse(response.body);
  }

  /**
   * Subscribes to the event stream. If it cannot be opened, logs a warning and returns a
   * {@link MockWebSocketManager} "so that development is not blocked".
   */
  public WebSocketManager events() {
    try {
      return RealWebSocketManager.connect(eventsUrl, timeout);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Using MockWebSocketManager due to connection failure: " + e.getMessage());
      return new MockWebSocketManager();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new MockWebSocketManager();
    }
  }

  private Response call(String method, String path, String body) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) backendUrl.resolve(path).toURL().openConnection();
    connection.setRequestMethod(method);
    connection.setConnectTimeout((int) timeout.toMillis());
    connection.setReadTimeout((int) timeout.toMillis());
    connection.setRequestProperty("Accept", "application/json");
    if (token != null) {
      connection.setRequestProperty("Authorization", "Bearer " + token);
    }
    try {
      if (body != null) {
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = connection.getOutputStream()) {
          out.write(body.getBytes(StandardCharsets.UTF_8));
        }
      }
      int status = connection.getResponseCode();
      InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new Response(status, text);
    } finally {
      connection.disconnect();
    }
  }

  private record Response(int status, String body) {
  }
}
