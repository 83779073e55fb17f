package it.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.github.authenticity.junit.RequiresRealService;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** One Lettuce connection, connected in {@code @BeforeAll} (its HELLO is an exchange) and shared by the tests. */
@RequiresRealService("redis")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LettuceConnectedInBeforeAllTest {

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

  @Test
  @Order(1)
  void standInBefore() {
    Map<String, String> inMemory = new HashMap<>(Map.of("it:authenticity:before-all", "v"));
    assertEquals("v", inMemory.get("it:authenticity:before-all"));
  }

  @Test
  @Order(2)
  void setsAndGets() {
    connection.sync().set("it:authenticity:before-all", "v");
    assertEquals("v", connection.sync().get("it:authenticity:before-all"));
  }

  @Test
  @Order(3)
  void standInAfter() {
    Map<String, String> inMemory = new HashMap<>(Map.of("it:authenticity:before-all", "v"));
    assertEquals("v", inMemory.get("it:authenticity:before-all"));
  }
}
