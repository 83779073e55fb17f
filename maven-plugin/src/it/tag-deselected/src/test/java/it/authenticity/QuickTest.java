package it.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuickTest {

  @Test
  void isQuick() {
    assertEquals(4, 2 + 2);
  }
}

