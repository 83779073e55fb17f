package io.github.authenticity.core.internal.probe;

import static io.github.authenticity.core.internal.probe.ProbeFixtures.PG_START;
import static io.github.authenticity.core.internal.probe.ProbeFixtures.probe;
import static io.github.authenticity.core.internal.probe.ProbeFixtures.service;
import io.github.authenticity.core.probe.ProbeResult;
import io.github.authenticity.core.probe.ProbeStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the machine's PostgreSQL on 127.0.0.1:5432 (trust authentication, database {@code test}). */
class PostgresProbeTests {

  @BeforeAll
  static void requirePostgres() {
    ProbeFixtures.requireRunning(5432, "PostgreSQL", PG_START);
  }

  @Test
  void theProtocolAnswerOfARealServerIsUp() {
    ProbeResult result = probe(service("db", "postgres", "host", "127.0.0.1", "database", "test"));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.UP);
    assertThat(result.detail()).isEqualTo("PostgreSQL answered: authentication ok");
    assertThat(result.endpoint()).isEqualTo("postgres 127.0.0.1:5432/test");
  }

  @Test
  void aFullJdbcLoginRunsWhenAUserIsConfiguredAndTheDriverIsThere() {
    ProbeResult result = probe(service("db", "postgres", "host", "127.0.0.1", "port", 5432, "database", "test",
        "user", "postgres"));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.UP);
    assertThat(result.detail()).isEqualTo("login as [postgres] to [test] ok");
  }

  @Test
  void withoutTheDriverOnTheTestClassPathOnlyTheProtocolIsChecked() {
    // a class loader that sees the JDK only: no org.postgresql.Driver
    Preflight withoutDriver = new Preflight(ClassLoader.getPlatformClassLoader());

    ProbeResult result = withoutDriver.probeAll(java.util.List.of(service("db", "postgres", "host", "127.0.0.1",
        "database", "test", "user", "postgres"))).get("db");

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.UP);
    assertThat(result.detail()).isEqualTo("PostgreSQL answered: authentication ok");
  }

  @Test
  void aDatabaseThatDoesNotExistIsDownBecauseTheTestCannotUseIt() {
    ProbeResult result = probe(service("db", "postgres", "host", "127.0.0.1", "database", "no_such_db"));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    assertThat(result.detail())
        .isEqualTo("PostgreSQL answered: FATAL database \"no_such_db\" does not exist (SQLSTATE 3D000)");
    assertThat(result.endpoint()).isEqualTo("postgres 127.0.0.1:5432/no_such_db");
  }

  @Test
  void aRoleThatDoesNotExistIsDownWhenTheUserIsConfigured() {
    ProbeResult result = probe(service("db", "postgres", "host", "127.0.0.1", "database", "test",
        "user", "no_such_role", "password", "hunter2-secret"));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    assertThat(result.detail())
        .isEqualTo("PostgreSQL answered: FATAL role \"no_such_role\" does not exist (SQLSTATE 28000)");
    assertThat(result.toString()).doesNotContain("hunter2-secret");
  }

  @Test
  void sslmodeRequireAsksForTlsFirst() {
    // the machine's PostgreSQL runs without SSL
    ProbeResult result = probe(service("db", "postgres", "host", "127.0.0.1", "database", "test", "user", "postgres",
        "sslmode", "require"));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    assertThat(result.detail()).isEqualTo("PostgreSQL answered: SSL not supported, but sslmode is [require]");
  }

  @Test
  void sslmodePreferUsesThePlainStartup() {
    ProbeResult result = probe(service("db", "postgres", "host", "127.0.0.1", "database", "test", "user", "postgres",
        "sslmode", "prefer"));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.UP);
    assertThat(result.detail()).isEqualTo("login as [postgres] to [test] ok");
  }

  @Test
  void aJdbcLoginFailureIsDownWithTheDriversMessage() {
    ProbeResult result = probe(service("db", "postgres", "host", "127.0.0.1", "database", "test", "user", "postgres",
        "password", "pw-never-shown", "sslmode", "bogus"));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    assertThat(result.detail())
        .isEqualTo("login as [postgres] to [test] failed: Invalid sslmode value: bogus (SQLSTATE 08001)");
    assertThat(result.toString()).doesNotContain("pw-never-shown");
  }

  @Test
  void anHttpServerOnThePortIsWrongProtocol() throws Exception {
    try (ProbeFixtures.Http http = new ProbeFixtures.Http().route("/", 200, "{}", 0)) {
      ProbeResult result = probe(service("db", "postgres", "host", "127.0.0.1", "port", http.port(),
          "database", "test"));

      assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
      // the JDK HttpServer closes at the end of a request without a line end; that is not PostgreSQL
      assertThat(result.detail())
          .isEqualTo("wrong protocol: closed the connection without answering a PostgreSQL StartupMessage");
      assertThat(result.latencyMillis()).isLessThan(1000);
    }
  }

  @Test
  void aServerAnsweringHttpIsWrongProtocol() throws Exception {
    try (ProbeFixtures.Banner banner = new ProbeFixtures.Banner("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")) {
      ProbeResult result = probe(service("db", "postgres", "host", "127.0.0.1", "port", banner.port()));

      assertThat(result.detail())
          .isEqualTo("wrong protocol: answered [HTTP/1.1 400 Bad Request] instead of a PostgreSQL message");
    }
  }

  @Test
  void aSilentServerTimesOut() throws Exception {
    try (ProbeFixtures.Silent silent = new ProbeFixtures.Silent()) {
      ProbeResult result = probe(service("db", "postgres", Duration.ofMillis(500), null, "host", "127.0.0.1",
          "port", silent.port()));

      assertThat(result.detail()).isEqualTo(
          "timed out after 500 ms: accepted the connection but sent no answer to a PostgreSQL StartupMessage");
    }
  }
}
