package it.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.authenticity.junit.RequiresRealService;
import org.junit.jupiter.api.Test;

@RequiresRealService("redis")
class CacheTest {

  @Test
  void readsThrough() {
    // what a client library with a silent fallback does when it cannot connect
    System.out.println("Using MockRedis due to connection failure");
    assertEquals("value", "value");
  }
}

