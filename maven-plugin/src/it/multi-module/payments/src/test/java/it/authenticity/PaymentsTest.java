package it.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.authenticity.junit.RequiresRealService;
import org.junit.jupiter.api.Test;

@RequiresRealService("postgres")
class PaymentsTest {

  @Test
  void pays() throws Exception {
    char answer = Services.postgresSslAnswer();
    assertEquals(true, answer == 'S' || answer == 'N', "SSLRequest answer [" + answer + "]");
  }
}

