package it.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.authenticity.junit.RequiresRealService;
import org.junit.jupiter.api.Test;

/** Talks to the real Redis; with -Dit.mask=true its client also logs a fallback to a mock (MASKED). */
@RequiresRealService("redis")
class SecondTest {

  @Test
  void pingsRedis() throws Exception {
    if (Boolean.getBoolean("it.mask")) {
      System.out.println("Using MockRedis due to connection failure");
    }
    assertEquals("+PONG", Services.redisPing());
  }
}
