package it.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import io.github.authenticity.junit.RequiresRealService;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Claims Redis and keeps its cache in a map, while {@link LettuceSharedTest}'s tests talk to Redis over their shared
 * connection at the same time: never proven by their exchanges.
 */
@RequiresRealService("redis")
class StandInBesideTheSharedConnectionTest {

  @RepeatedTest(2)
  void keepsItsCacheInAMap() throws Exception {
    Map<String, String> cache = new HashMap<>();
    for (int i = 0; i < 40; i++) {
      cache.put("k", "v" + i);
      Thread.sleep(5);
    }
    assertEquals("v39", cache.get("k"));
  }
}
