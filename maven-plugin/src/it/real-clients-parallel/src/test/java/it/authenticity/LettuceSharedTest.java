package it.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import io.github.authenticity.junit.RequiresRealService;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

/**
 * One Lettuce connection shared by the class's tests and connected in {@code @BeforeAll}, the tests running at once
 * with {@link StandInBesideTheSharedConnectionTest}: each honest test is proven by its own exchange.
 */
@RequiresRealService("redis")
class LettuceSharedTest {

  static RedisClient client;
  static StatefulRedisConnection<String, String> connection;

  @BeforeAll
  static void connect() {
    client = RedisClient.create("redis://127.0.0.1:6379");
    connection = client.connect();
  }

  @AfterAll
  static void close() {
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }

  @RepeatedTest(4)
  void setsAndGets() throws Exception {
    String key = "it:authenticity:" + Thread.currentThread().getId();
    for (int i = 0; i < 20; i++) {
      connection.sync().set(key, "v" + i);
      assertEquals("v" + i, connection.sync().get(key));
    }
  }
}
