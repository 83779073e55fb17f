package it.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.authenticity.junit.RequiresRealService;
import org.junit.jupiter.api.Test;

@RequiresRealService("redis")
class RedisIT {

  @Test
  void pingsRedis() throws Exception {
    assertEquals("+PONG", RedisTest.ping());
  }
}
