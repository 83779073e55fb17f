package it.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** Unguarded: JaCoCo's and Mockito's agents and the user's own option are in the test JVM beside ours. */
class OtherAgentsTest {

  @Test
  void theOtherAgentsAndTheUsersOptionsAreThere() {
    assertEquals("kept", System.getProperty("it.custom"));
    // Mockito's inline mock maker mocks a final class through its agent
    assertTrue(Mockito.mockingDetails(Mockito.mock(Final.class)).isMock());
  }

  static final class Final {
  }
}
