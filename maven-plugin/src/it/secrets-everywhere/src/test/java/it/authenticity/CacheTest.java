package it.authenticity;

import java.util.stream.Stream;

import io.github.authenticity.junit.RequiresRealService;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@RequiresRealService("redis")
class CacheTest {

  static Stream<String> tokens() {
    return Stream.of(System.getenv("IT_TOKEN"));
  }

  @ParameterizedTest(name = "reads with token {0}")
  @MethodSource("tokens")
  void readsThrough(String token) {
    // what a client library with a silent fallback prints when the server rejects its credential
    System.out.println("Using MockRedis because the server rejected " + token);
  }

  @Test
  void needsAccess() {
    Assumptions.assumeTrue(false, "no access with " + System.getenv("IT_TOKEN"));
  }
}
