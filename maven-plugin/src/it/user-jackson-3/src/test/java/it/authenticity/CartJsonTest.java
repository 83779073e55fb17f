package it.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.authenticity.junit.RequiresRealService;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

@RequiresRealService("redis")
class CartJsonTest {

  record Pong(String answer) {
  }

  @Test
  void readsTheAnswerWithTheUsersOwnJackson3() throws Exception {
    JsonMapper mapper = JsonMapper.builder().build();
    String json = mapper.writeValueAsString(new Pong(Services.redisPing()));
    assertEquals("{\"answer\":\"+PONG\"}", json);
    assertEquals(new Pong("+PONG"), mapper.readValue(json, Pong.class));
  }

  @Test
  void theUsersJacksonIs3AndNoJackson2CoreCameWithTheExtension() throws Exception {
    assertEquals("+PONG", Services.redisPing());
    assertEquals("3.3", tools.jackson.databind.cfg.PackageVersion.VERSION.getMajorVersion() + "."
        + tools.jackson.databind.cfg.PackageVersion.VERSION.getMinorVersion());
    assertThrows(ClassNotFoundException.class, () -> Class.forName("com.fasterxml.jackson.core.JsonFactory"));
    Class.forName("io.github.authenticity.shaded.jackson.core.JsonFactory");
  }
}
