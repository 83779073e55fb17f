package it.authenticity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import io.github.authenticity.junit.RequiresRealService;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.RepeatedTest;

/** Lettuce on epoll: a client created, connected, used and shut down inside each test body. */
@RequiresRealService("redis")
class LettuceInTheBodyTest {

  @RepeatedTest(4)
  void incrementsACounter() {
    RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      assertTrue(connection.sync().incr("it:authenticity:counter") > 0);
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }
}
