package it.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import io.github.authenticity.junit.RequiresRealService;
import org.junit.jupiter.api.Test;

/** Claims Redis, keeps its data in a map: NO_INTERACTION, MASKED. */
@RequiresRealService("redis")
class StandInTest {

  @Test
  void keepsTheCartInAMap() {
    Map<String, String> cart = new HashMap<>();
    cart.put("apple", "1");
    assertEquals("1", cart.get("apple"));
  }
}
