package io.github.authenticity.core.internal.probe;

import static io.github.authenticity.core.internal.probe.ProbeFixtures.REDIS_START;
import static io.github.authenticity.core.internal.probe.ProbeFixtures.closedPort;
import static io.github.authenticity.core.internal.probe.ProbeFixtures.probe;
import static io.github.authenticity.core.internal.probe.ProbeFixtures.service;
import io.github.authenticity.core.probe.ProbeResult;
import io.github.authenticity.core.probe.ProbeStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Against the machine's Redis on 127.0.0.1:6379 (no password), and a password-protected one started here. */
class RedisProbeTests {

  @BeforeAll
  static void requireRedis() {
    ProbeFixtures.requireRunning(6379, "Redis", REDIS_START);
  }

  @Test
  void pingAnsweredWithPongIsUp() {
    ProbeResult result = probe(service("cache", "redis", "host", "127.0.0.1", "port", 6379));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.UP);
    assertThat(result.detail()).isEqualTo("PONG");
    assertThat(result.endpoint()).isEqualTo("redis 127.0.0.1:6379");
  }

  @Test
  void aDatabaseIsSelectedFirst() {
    ProbeResult ok = probe(service("cache", "redis", "host", "127.0.0.1", "database", 1));
    ProbeResult outOfRange = probe(service("cache", "redis", "host", "127.0.0.1", "database", 999));

    assertThat(ok.status()).as("%s", ok).isEqualTo(ProbeStatus.UP);
    assertThat(ok.endpoint()).isEqualTo("redis 127.0.0.1:6379/1");
    assertThat(outOfRange.status()).as("%s", outOfRange).isEqualTo(ProbeStatus.DOWN);
    assertThat(outOfRange.detail()).isEqualTo("Redis answered ERR DB index is out of range to SELECT 999");
  }

  @Test
  void aPasswordForAServerWithoutOneIsAnAuthenticationFailure() {
    ProbeResult result = probe(service("cache", "redis", "host", "127.0.0.1", "password", "wrong-secret-pw"));

    assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
    // what Redis 7 really answers to AUTH when no password is configured
    assertThat(result.detail()).isEqualTo("authentication failed: Redis answered ERR AUTH <password> called without "
        + "any password configured for the default user. Are you sure your configuration is correct?");
    assertThat(result.toString()).doesNotContain("wrong-secret-pw");
  }

  @Test
  void anHttpServerIsWrongProtocol() throws Exception {
    try (ProbeFixtures.Http http = new ProbeFixtures.Http().route("/", 200, "{}", 0)) {
      ProbeResult result = probe(service("cache", "redis", "host", "127.0.0.1", "port", http.port()));

      assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
      assertThat(result.detail()).isEqualTo("wrong protocol: answered [HTTP/1.1 400 Bad Request] instead of a Redis reply");
    }
  }

  @Test
  void aSilentServerTimesOut() throws Exception {
    try (ProbeFixtures.Silent silent = new ProbeFixtures.Silent()) {
      ProbeResult result = probe(service("cache", "redis", Duration.ofMillis(500), null, "host", "127.0.0.1",
          "port", silent.port()));

      assertThat(result.detail()).isEqualTo("timed out after 500 ms: accepted the connection but sent no answer to PING");
    }
  }

  @Test
  void aClosedPortIsRefused() throws Exception {
    ProbeResult result = probe(service("cache", "redis", "host", "127.0.0.1", "port", closedPort()));

    assertThat(result.detail()).isEqualTo("connection refused");
  }

  /** A second, password-protected Redis, started and stopped by this class. */
  @Nested
  class WithAPassword {

    private static final String PASSWORD = "s3cret-redis-pw";
    private static Process redis;
    private static int port;

    @BeforeAll
    static void startRedisWithAPassword() throws Exception {
      port = closedPort();
      try {
        redis = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
            "--requirepass", PASSWORD, "--save", "", "--appendonly", "no")).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      } catch (IOException ex) {
        throw new AssertionError("redis-server is not on the PATH; install Redis (these tests start their own "
            + "password-protected instance)", ex);
      }
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (true) {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
          return;
        } catch (IOException ex) {
          if (System.nanoTime() > until || !redis.isAlive()) {
            redis.destroy();
            throw new AssertionError("redis-server on port " + port + " did not start", ex);
          }
          Thread.sleep(50);
        }
      }
    }

    @AfterAll
    static void stopRedis() throws Exception {
      redis.destroy();
      redis.waitFor(5, TimeUnit.SECONDS);
    }

    @Test
    void withoutAPasswordNoauthStillProvesARedisServer() {
      ProbeResult result = probe(service("cache", "redis", "host", "127.0.0.1", "port", port));

      assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.UP);
      assertThat(result.detail()).isEqualTo("Redis answered NOAUTH (authentication required; set password)");
    }

    @Test
    void theRightPasswordIsUp() {
      ProbeResult result = probe(service("cache", "redis", "host", "127.0.0.1", "port", port, "password", PASSWORD,
          "database", 2));

      assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.UP);
      assertThat(result.detail()).isEqualTo("PONG");
    }

    @Test
    void aWrongPasswordIsDown() {
      ProbeResult result = probe(service("cache", "redis", "host", "127.0.0.1", "port", port,
          "username", "default", "password", "not-" + PASSWORD));

      assertThat(result.status()).as("%s", result).isEqualTo(ProbeStatus.DOWN);
      assertThat(result.detail()).isEqualTo("authentication failed: Redis answered WRONGPASS invalid "
          + "username-password pair or user is disabled.");
      assertThat(result.toString()).doesNotContain(PASSWORD);
    }
  }
}
