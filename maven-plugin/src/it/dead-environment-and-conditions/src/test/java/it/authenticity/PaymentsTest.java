package it.authenticity;

import io.github.authenticity.junit.RequiresRealService;
import org.junit.jupiter.api.RepeatedTest;

@RequiresRealService("payments")
class PaymentsTest {

  @RepeatedTest(20)
  void chargesACard() {
  }
}
