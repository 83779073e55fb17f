package it.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.authenticity.junit.RequiresRealService;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

@RequiresRealService("redis")
class ReturnsTest {

  @Test
  @Disabled("returns are not live yet")
  void acceptsReturn() throws Exception {
    assertEquals("+PONG", Services.redisPing());
  }
}
