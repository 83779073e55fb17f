package it.authenticity;

import io.github.authenticity.junit.RequiresRealService;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

@RequiresRealService
class AuthTest {

  @Test
  @EnabledIfEnvironmentVariable(named = "IT_AUTHENTICITY_UNSET_CLIENT_SECRET", matches = ".+")
  void logsIn() {
  }

  @Test
  @EnabledIfEnvironmentVariable(named = "IT_AUTHENTICITY_UNSET_CLIENT_SECRET", matches = ".+")
  void refreshesTheToken() {
  }

  @Test
  @Disabled("JIRA-12: flaky on Mondays")
  void logsOut() {
  }
}
