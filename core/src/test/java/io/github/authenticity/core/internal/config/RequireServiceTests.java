package io.github.authenticity.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequireServiceTests {

  private static final String USED_BY = "@RequiresRealService on [com.example.OrderE2E]";

  @TempDir
  Path root;

  private AuthenticityConfig config() {
    return Loading.yaml(root, """
        environments:
          local:
            services:
              backend: { probe: http, url: "http://localhost:8080/health" }
              postgres: { probe: postgres, host: localhost }
              redis: { probe: redis, host: localhost }
          ci: {}
        """).load();
  }

  @Test
  void aKnownServiceIsReturned() {
    assertThat(config().requireService("postgres", USED_BY).probe()).isEqualTo("postgres");
  }

  @Test
  void anUnknownServiceNamesTheKnownOnesAndTheClosest() {
    assertThatThrownBy(() -> config().requireService("bakend", USED_BY)).isInstanceOf(ConfigurationException.class)
        .hasMessage("Unknown service [bakend] in @RequiresRealService on [com.example.OrderE2E]: environment [local]"
            + " in [classpath:authenticity.yaml] defines [backend, postgres, redis]. Did you mean [backend]? Add it"
            + " under environments.local.services or fix the name.");
  }

  @Test
  void nothingCloseMeansNoSuggestion() {
    assertThatThrownBy(() -> config().requireService("kafka", USED_BY))
        .hasMessage("Unknown service [kafka] in @RequiresRealService on [com.example.OrderE2E]: environment [local]"
            + " in [classpath:authenticity.yaml] defines [backend, postgres, redis]. Add it under"
            + " environments.local.services or fix the name.");
  }

  @Test
  void anEnvironmentWithoutServices() {
    AuthenticityConfig ci = Loading.yaml(root, "environments: { local: {}, ci: {} }\n")
        .param("authenticity.environment", "ci").load();

    assertThatThrownBy(() -> ci.requireService("backend", USED_BY))
        .hasMessage("Unknown service [backend] in @RequiresRealService on [com.example.OrderE2E]: environment [ci] in"
            + " [classpath:authenticity.yaml] defines no services. Add it under environments.ci.services or fix the"
            + " name.");
  }

  @Test
  void withoutConfigurationFileTheMessageSaysWhereItWasLookedFor() {
    AuthenticityConfig none = Loading.empty(root).load();

    assertThatThrownBy(() -> none.requireService("backend", USED_BY))
        .hasMessage("Unknown service [backend] in @RequiresRealService on [com.example.OrderE2E]: no"
            + " authenticity.yaml or authenticity.yml was found at the root of the test classpath and"
            + " authenticity.config is not set, so environment [local] defines no services. Add"
            + " src/test/resources/authenticity.yaml with environments.local.services.backend, or set"
            + " authenticity.config to the file's path.");
  }

  @Test
  void withoutConfigurationFileButWithServicesFromParameters() {
    AuthenticityConfig overrides = Loading.empty(root).param("authenticity.services.cache.probe", "redis")
        .param("authenticity.services.cache.host", "localhost").load();

    assertThatThrownBy(() -> overrides.requireService("cahce", USED_BY))
        .hasMessage("Unknown service [cahce] in @RequiresRealService on [com.example.OrderE2E]: no"
            + " authenticity.yaml or authenticity.yml was found at the root of the test classpath and"
            + " authenticity.config is not set, so environment [local] defines only [cache] (by configuration"
            + " parameters). Did you mean [cache]? Add src/test/resources/authenticity.yaml with"
            + " environments.local.services.cahce, or set authenticity.config to the file's path.");
  }
}
