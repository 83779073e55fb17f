package it.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.authenticity.junit.RequiresRealService;
import org.junit.jupiter.api.Test;

@RequiresRealService("redis")
class CartJsonTest {

  /** Records are a Jackson 2.12 feature. */
  record Pong(String answer) {
  }

  @Test
  void readsTheAnswerWithTheUsersOwnJackson() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    String json = mapper.writeValueAsString(new Pong(Services.redisPing()));
    assertEquals("{\"answer\":\"+PONG\"}", json);
    assertEquals(new Pong("+PONG"), mapper.readValue(json, Pong.class));
  }

  @Test
  void theUsersJacksonIs212AndOursIsShadedBesideIt() throws Exception {
    assertEquals("+PONG", Services.redisPing());
    assertEquals("2.12", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.getMajorVersion() + "."
        + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.getMinorVersion());
    assertEquals("2.12", com.fasterxml.jackson.core.json.PackageVersion.VERSION.getMajorVersion() + "."
        + com.fasterxml.jackson.core.json.PackageVersion.VERSION.getMinorVersion());
    String where = JsonFactory.class.getProtectionDomain().getCodeSource().getLocation().toString();
    assertTrue(where.contains("jackson-core-2.12."), where);
    Class<?> ours = Class.forName("io.github.authenticity.shaded.jackson.core.JsonFactory");
    String oursWhere = ours.getProtectionDomain().getCodeSource().getLocation().toString();
    assertTrue(oursWhere.contains("authenticity-junit-extension"), oursWhere);
  }
}
