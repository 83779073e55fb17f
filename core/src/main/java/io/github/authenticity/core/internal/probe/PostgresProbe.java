package io.github.authenticity.core.internal.probe;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.probe.ProbeStatus;

/**
 * {@code postgres}: sends a protocol 3.0 StartupMessage and reads the first reply. An authentication
 * request ({@code R}) proves a real PostgreSQL server (UP). An ErrorResponse ({@code E}) also proves one,
 * but it says the server refused this login: DOWN, because the test cannot use it either, except an
 * authentication error when no {@code user} is configured (the probe then used {@code postgres} only to
 * get an answer, so the server is UP). When {@code user} is configured and {@code org.postgresql.Driver}
 * can be loaded from the thread context class loader, a full JDBC login with {@code SELECT 1} follows; with a
 * {@code password} and no driver the login that is required cannot be made: DOWN, saying how to add the driver.
 * With {@code sslmode} require or verify-* the TLS handshake is finished and the StartupMessage sent over it.
 *
 * <p>Over 300 lines because it is one protocol's probe: the startup exchange, TLS and the optional JDBC login are the
 * three steps of one check, and the message parsing they share is small.
 */
final class PostgresProbe extends BuiltinProbe {

  static final String DRIVER = "org.postgresql.Driver";

  @Override
  public String type() {
    return "postgres";
  }

  @Override
  public Set<String> settingKeys() {
    return Set.of("host", "port", "database", "user", "password", "sslmode");
  }

  @Override
  String endpoint(ServiceDefinition service) {
    String port = service.setting("port").map(String::trim).orElse("5432");
    return "postgres " + hostPortText(service.setting("host").orElse("?"), port)
        + service.setting("database").filter(db -> !db.isBlank()).map(db -> "/" + db).orElse("");
  }

  private static String hostPortText(String host, String port) {
    return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  Outcome check(ServiceDefinition service, Deadline deadline) throws Exception {
    String host = required(service, "host");
    int port = port(service, 5432);
    Optional<String> configuredUser = service.setting("user").filter(user -> !user.isBlank());
    String user = configuredUser.orElse("postgres");
    Optional<String> database = service.setting("database").filter(db -> !db.isBlank());

    Optional<String> sslmode = service.setting("sslmode").map(String::trim).filter(mode -> !mode.isEmpty());
    boolean tls = sslmode.filter(mode -> mode.startsWith("require") || mode.startsWith("verify")).isPresent();
    Outcome protocol;
    try (Socket socket = tls ? sslRequest(service, host, port, sslmode.get(), deadline)
        : Wire.connect(host, port, deadline)) {
      protocol = protocol(socket, !tls, user, database, configuredUser.isPresent(), deadline);
    }
    if (protocol.status() != ProbeStatus.UP || configuredUser.isEmpty()) {
      return protocol;
    }
    boolean password = service.setting("password").filter(secret -> !secret.isEmpty()).isPresent();
    Optional<Driver> driver = driver();
    if (driver.isEmpty()) {
      return password ? Outcome.down(protocol.detail() + "; but user and password are set, so a login is required, "
          + "and the PostgreSQL JDBC driver [" + DRIVER + "] is not on the class path: add the test dependency "
          + "org.postgresql:postgresql") : protocol;
    }
    return login(driver.get(), service, host, port, user, database.orElse(user), deadline);
  }

  private static Outcome protocol(Socket socket, boolean halfClose, String user, Optional<String> database,
      boolean userConfigured, Deadline deadline) throws IOException, ProbeFailure {
    OutputStream out = socket.getOutputStream();
    out.write(startupMessage(user, database));
    out.flush();
    if (halfClose) {
      // half-close: a PostgreSQL server has all it needs, and a server of another protocol that waits for
      // more (an HTTP server wants a line end) sees the end of the request and answers or closes
      socket.shutdownOutput();
    }
    DataInputStream in = new DataInputStream(Wire.in(socket, deadline));
    int type;
    try {
      type = in.read();
    } catch (SocketTimeoutException ex) {
      throw new ProbeFailure(Causes.timedOut(deadline.timeoutMillis(),
          "accepted the connection but sent no answer to a PostgreSQL StartupMessage"), ex);
    }
    if (type == -1) {
      return Outcome.down("wrong protocol: closed the connection without answering a PostgreSQL StartupMessage");
    }
    if (type != 'R' && type != 'E') {
      return wrongProtocol(type, in);
    }
    int length;
    try {
      length = in.readInt();
    } catch (EOFException ex) {
      return Outcome.down("wrong protocol: answered [" + (char) type + "] and closed the connection");
    }
    if (length < 8 || length > 16 * 1024) {
      return Outcome.down("wrong protocol: answered [" + Wire.snippet(prefix(type, length, in)) + "] instead of a "
          + "PostgreSQL message");
    }
    byte[] body = Wire.readFully(in, length - 4);
    if (type == 'R') {
      int code = ByteBuffer.wrap(body).getInt();
      if (code != 0) {
        return Outcome.up("PostgreSQL answered: " + authentication(code, body));
      }
      // authenticated (trust): the server still checks the role and the database, then says ReadyForQuery
      try {
        while (true) {
          Wire.refresh(socket, deadline);
          type = in.read();
          if (type == -1 || type == 'Z') {
            return Outcome.up("PostgreSQL answered: authentication ok");
          }
          length = in.readInt();
          if (length < 4 || length > 16 * 1024) {
            return Outcome.down("wrong protocol: a PostgreSQL message of " + length + " bytes after authentication");
          }
          body = Wire.readFully(in, length - 4);
          if (type == 'E') {
            break;
          }
        }
      } catch (SocketTimeoutException ex) {
        throw new ProbeFailure(Causes.timedOut(deadline.timeoutMillis(),
            "PostgreSQL accepted the login but did not become ready"), ex);
      }
    }
    Map<Character, String> fields = errorFields(body);
    String severity = fields.getOrDefault('V', fields.getOrDefault('S', "ERROR"));
    String sqlState = fields.getOrDefault('C', "?????");
    String detail = "PostgreSQL answered: " + severity + " " + fields.getOrDefault('M', "(no message)")
        + " (SQLSTATE " + sqlState + ")";
    if (!userConfigured && sqlState.startsWith("28")) {
      return Outcome.up(detail + "; set user (and password) to check a real login");
    }
    return Outcome.down(detail);
  }

  /**
   * With {@code sslmode} require or verify-*, the server is asked for TLS first (an SSLRequest): a real server
   * answers {@code S} or {@code N} at once, and a plain-text startup could be refused by a {@code hostssl}
   * rule although the test's TLS login works.
   */
  private static Socket sslRequest(ServiceDefinition service, String host, int port, String sslmode,
      Deadline deadline) throws IOException, ProbeFailure {
    Socket socket = Wire.connect(host, port, deadline);
    try {
      OutputStream out = socket.getOutputStream();
      out.write(ByteBuffer.allocate(8).putInt(8).putInt(80877103).array());
      out.flush();
      // unbuffered: after 'S' the TLS handshake reads from the same socket
      InputStream in = socket.getInputStream();
      int answer;
      try {
        socket.setSoTimeout(deadline.remainingMillis());
        answer = in.read();
      } catch (SocketTimeoutException ex) {
        throw new ProbeFailure(Causes.timedOut(deadline.timeoutMillis(),
            "accepted the connection but sent no answer to a PostgreSQL SSLRequest"), ex);
      }
      if (answer == 'N') {
        throw new ProbeFailure("PostgreSQL answered: SSL not supported, but sslmode is [" + sslmode + "]");
      }
      if (answer == -1) {
        throw new ProbeFailure("wrong protocol: closed the connection without answering a PostgreSQL SSLRequest");
      }
      if (answer != 'S') {
        throw new ProbeFailure(wrongProtocol(answer, Wire.in(socket, deadline)).detail());
      }
      // require: encrypted, like libpq without a root certificate; verify-ca: the chain; verify-full: and the host
      boolean verify = sslmode.startsWith("verify");
      return Wire.startTls(socket, host, port, verify ? Tls.context(service) : Tls.unverified(),
          sslmode.equals("verify-full"), deadline);
    } catch (IOException | ProbeFailure | RuntimeException ex) {
      socket.close();
      throw ex;
    }
  }

  private static byte[] prefix(int type, int length, InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(type);
    bytes.write(ByteBuffer.allocate(4).putInt(length).array());
    bytes.write(in.readNBytes(60));
    return bytes.toByteArray();
  }

  private static Outcome wrongProtocol(int type, InputStream in) throws IOException {
    byte[] rest;
    try {
      rest = in.readNBytes(120);
    } catch (SocketTimeoutException ex) {
      rest = new byte[0];
    }
    byte[] all = new byte[rest.length + 1];
    all[0] = (byte) type;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return Outcome.down("wrong protocol: answered [" + Wire.snippet(all) + "] instead of a PostgreSQL message");
  }

  private static String authentication(int code, byte[] body) {
    return switch (code) {
      case 0 -> "authentication ok";
      case 3 -> "password required (cleartext)";
      case 5 -> "password required (MD5)";
      case 10 -> "password required (" + saslMechanisms(body) + ")";
      case 2, 7, 9 -> "Kerberos/GSSAPI/SSPI authentication required";
      default -> "authentication request " + code;
    };
  }

  private static String saslMechanisms(byte[] body) {
    String names = new String(body, 4, body.length - 4, StandardCharsets.UTF_8);
    return String.join(", ", names.split("\0")).replaceAll("(, )+$", "").trim();
  }

  private static Map<Character, String> errorFields(byte[] body) {
    Map<Character, String> fields = new LinkedHashMap<>();
    int i = 0;
    while (i < body.length && body[i] != 0) {
      char code = (char) body[i++];
      int end = i;
      while (end < body.length && body[end] != 0) {
        end++;
      }
      fields.put(code, new String(body, i, end - i, StandardCharsets.UTF_8));
      i = end + 1;
    }
    return fields;
  }

  private static byte[] startupMessage(String user, Optional<String> database) {
    ByteArrayOutputStream parameters = new ByteArrayOutputStream();
    Map<String, String> values = new LinkedHashMap<>();
    values.put("user", user);
    database.ifPresent(db -> values.put("database", db));
    values.put("application_name", "authenticity-probe");
    values.forEach((name, value) -> {
      parameters.writeBytes(name.getBytes(StandardCharsets.UTF_8));
      parameters.write(0);
      parameters.writeBytes(value.getBytes(StandardCharsets.UTF_8));
      parameters.write(0);
    });
    parameters.write(0);
    byte[] body = parameters.toByteArray();
    return ByteBuffer.allocate(8 + body.length).putInt(8 + body.length).putInt(196608).put(body).array();
  }

  private static Optional<Driver> driver() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try {
      Class<?> type = Class.forName(DRIVER, true, loader == null ? PostgresProbe.class.getClassLoader() : loader);
      return Optional.of((Driver) type.getDeclaredConstructor().newInstance());
    } catch (ReflectiveOperationException | LinkageError | ClassCastException ex) {
      return Optional.empty();
    }
  }

  private static Outcome login(Driver driver, ServiceDefinition service, String host, int port, String user,
      String database, Deadline deadline) {
    String url = "jdbc:postgresql://" + hostPort(host, port) + "/" + database;
    Properties properties = new Properties();
    properties.setProperty("user", user);
    service.setting("password").ifPresent(password -> properties.setProperty("password", password));
    service.setting("sslmode").filter(mode -> !mode.isBlank()).ifPresent(mode -> properties.setProperty("sslmode", mode));
    String seconds = String.valueOf(Math.max(1, (deadline.remainingMillis() + 999) / 1000));
    properties.setProperty("connectTimeout", seconds);
    properties.setProperty("socketTimeout", seconds);
    properties.setProperty("ApplicationName", "authenticity-probe");
    String login = "login as [" + user + "] to [" + database + "]";
    try (Connection connection = driver.connect(url, properties); Statement statement = connection.createStatement();
         ResultSet result = statement.executeQuery("SELECT 1")) {
      result.next();
      return Outcome.up(login + " ok");
    } catch (SQLException ex) {
      String state = ex.getSQLState() == null ? "" : " (SQLSTATE " + ex.getSQLState() + ")";
      return Outcome.down(login + " failed: " + Causes.oneLine(String.valueOf(ex.getMessage())) + state);
    }
  }
}
