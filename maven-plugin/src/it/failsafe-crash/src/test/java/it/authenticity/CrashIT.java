package it.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.authenticity.junit.RequiresRealService;
import org.junit.jupiter.api.Test;

@RequiresRealService("redis")
class CrashIT {

  @Test
  void crashesTheJvm() throws Exception {
    assertEquals("+PONG", Services.redisPing());
    // a native crash or an OOM killer does not run shutdown hooks either
    Runtime.getRuntime().halt(1);
  }
}

