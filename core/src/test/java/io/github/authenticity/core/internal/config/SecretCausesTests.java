package io.github.authenticity.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import io.github.authenticity.core.internal.redact.RedactedThrowable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secret in a value the configuration rejects never leaks through the exception's causes. */
class SecretCausesTests {

  private static final String PASSWORD = "Pw-7q2Zx81";

  @TempDir
  Path root;

  private static String printed(Throwable thrown) {
    StringWriter text = new StringWriter();
    thrown.printStackTrace(new PrintWriter(text));
    return text.toString();
  }

  @Test
  void anInvalidUrlWithAPasswordKeepsItOutOfTheWholeCauseChain() {
    Throwable thrown = catchThrowable(Loading.yaml(root, """
        environments:
          local:
            services:
              backend: { probe: http, url: "https://ci:${PW}@api.example.com /health" }
        """).env("PW", PASSWORD)::load);

    assertThat(thrown).isInstanceOf(ConfigurationException.class);
    // the JDK's own words differ between 17 and 25; the redacted input and the type are what matter
    assertThat(printed(thrown)).doesNotContain(PASSWORD)
        .containsPattern("Caused by: java\\.net\\.URISyntaxException: [^\\n]*: https://\\*\\*\\*\\*@api\\.example\\.com /health");
    assertThat(thrown.getCause()).isInstanceOf(RedactedThrowable.class);
    assertThat(((RedactedThrowable) thrown.getCause()).originalType()).isEqualTo("java.net.URISyntaxException");
  }

  @Test
  void suppressedAndDeepCausesAreRedactedAndACleanChainIsLeftAsItIs() {
    IllegalStateException deep = new IllegalStateException("connect to redis://:" + PASSWORD + "@cache:6379 failed");
    RuntimeException middle = new RuntimeException("probe failed", deep);
    middle.addSuppressed(new IllegalArgumentException("password=" + PASSWORD));
    ConfigurationException top = new ConfigurationException("services.redis: cannot be read", middle);

    String printed = printed(top);
    assertThat(printed).doesNotContain(PASSWORD)
        .contains("Caused by: java.lang.RuntimeException: probe failed")
        .contains("Suppressed: java.lang.IllegalArgumentException: password=****")
        .contains("Caused by: java.lang.IllegalStateException: connect to redis://****@cache:6379 failed");
    assertThat(top.getCause().getStackTrace()).isEqualTo(middle.getStackTrace());

    IllegalStateException clean = new IllegalStateException("refused", new RuntimeException("no route"));
    assertThat(RedactedThrowable.of(clean)).isSameAs(clean);
  }

  @Test
  void aCauseLoopEnds() {
    RuntimeException a = new RuntimeException("token=" + PASSWORD);
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    assertThat(printed(RedactedThrowable.of(a))).doesNotContain(PASSWORD).contains("CIRCULAR REFERENCE");
  }
}
