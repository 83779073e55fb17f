package io.github.authenticity.core.internal.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.github.authenticity.core.config.ServiceDefinition;

/**
 * {@code redis}: {@code AUTH} when a password is set, {@code SELECT} when a database is set, then
 * {@code PING}, which must answer {@code PONG}. {@code NOAUTH} still proves a Redis server (UP); a
 * rejected {@code AUTH} is DOWN.
 */
final class RedisProbe extends BuiltinProbe {

  static final String NOAUTH = "Redis answered NOAUTH (authentication required; set password)";

  @Override
  public String type() {
    return "redis";
  }

  @Override
  public Set<String> settingKeys() {
    return Set.of("host", "port", "username", "password", "database", "tls", "trustStore", "trustStorePassword",
        "trustStoreType");
  }

  @Override
  String endpoint(ServiceDefinition service) {
    String host = service.setting("host").orElse("?");
    return (boolSetting(service, "tls") ? "rediss " : "redis ")
        + (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":"
        + service.setting("port").map(String::trim).orElse("6379")
        + service.setting("database").map(String::trim).filter(db -> !db.isEmpty()).map(db -> "/" + db).orElse("");
  }

  @Override
  Outcome check(ServiceDefinition service, Deadline deadline) throws Exception {
    String host = required(service, "host");
    int port = port(service, 6379);
    Optional<String> username = service.setting("username").filter(name -> !name.isBlank());
    Optional<String> password = service.setting("password").filter(secret -> !secret.isEmpty());
    Optional<Integer> database = service.setting("database").map(String::trim).filter(db -> !db.isEmpty())
        .isPresent() ? Optional.of(intSetting(service, "database", 0)) : Optional.empty();

    try (Socket socket = Wire.connect(host, port, boolSetting(service, "tls"), service, deadline)) {
      InputStream in = Wire.in(socket, deadline);
      OutputStream out = socket.getOutputStream();
      if (password.isPresent()) {
        List<String> auth = new ArrayList<>(List.of("AUTH"));
        username.ifPresent(auth::add);
        auth.add(password.get());
        String reply = command(socket, in, out, auth, deadline);
        if (reply.startsWith("-")) {
          return Outcome.down("authentication failed: Redis answered " + reply.substring(1));
        }
        if (!reply.equals("+OK")) {
          return Outcome.down("wrong protocol: answered [" + Wire.snippet(reply) + "] to AUTH instead of +OK");
        }
      }
      if (database.isPresent()) {
        String reply = command(socket, in, out, List.of("SELECT", String.valueOf(database.get())), deadline);
        if (reply.startsWith("-NOAUTH")) {
          return Outcome.up(NOAUTH);
        }
        if (reply.startsWith("-")) {
          return Outcome.down("Redis answered " + reply.substring(1) + " to SELECT " + database.get());
        }
      }
      String reply = command(socket, in, out, List.of("PING"), deadline);
      if (reply.equals("+PONG")) {
        return Outcome.up("PONG");
      }
      if (reply.startsWith("-NOAUTH")) {
        return Outcome.up(NOAUTH);
      }
      if (reply.startsWith("-")) {
        return Outcome.down("Redis answered " + reply.substring(1) + " to PING");
      }
      return Outcome.down("wrong protocol: answered [" + Wire.snippet(reply) + "] to PING instead of +PONG");
    }
  }

  /** Sends one command as a RESP array and returns the first line of the reply, e.g. {@code +PONG}. */
  private static String command(Socket socket, InputStream in, OutputStream out, List<String> arguments,
      Deadline deadline) throws IOException, ProbeFailure {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(("*" + arguments.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String argument : arguments) {
      byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
      request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      request.writeBytes(bytes);
      request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.write(request.toByteArray());
    out.flush();
    Wire.refresh(socket, deadline);
    String line;
    try {
      line = Wire.readLine(in, 64 * 1024);
    } catch (SocketTimeoutException ex) {
      throw new ProbeFailure(Causes.timedOut(deadline.timeoutMillis(),
          "accepted the connection but sent no answer to " + arguments.get(0)), ex);
    }
    if (line == null) {
      throw new ProbeFailure("wrong protocol: closed the connection without answering " + arguments.get(0));
    }
    if (line.isEmpty() || "+-:$*".indexOf(line.charAt(0)) < 0) {
      throw new ProbeFailure("wrong protocol: answered [" + Wire.snippet(line) + "] instead of a Redis reply");
    }
    return line;
  }
}
