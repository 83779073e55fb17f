package io.github.authenticity.core.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class AgentOptionTests {

  private static final Path JAR = Path.of("/repo/io/github/authenticity/authenticity-agent/0.1.0/authenticity-agent-0.1.0.jar");

  @Test
  void anEmptyLineGetsTheAgentAlone() {
    assertThat(AgentOption.prepend(JAR, null)).isEqualTo("-javaagent:" + JAR);
    assertThat(AgentOption.prepend(JAR, "")).isEqualTo("-javaagent:" + JAR);
  }

  @Test
  void jacocosAndMockitosAgentsAndTheUsersOptionsAreKeptInTheirOrder() {
    String line = "-javaagent:/repo/org/jacoco/org.jacoco.agent-0.8.13-runtime.jar=destfile=/p/target/jacoco.exec "
        + "-javaagent:/repo/org/mockito/mockito-core/5.14.2/mockito-core-5.14.2.jar -Xmx1g @{extra}";

    assertThat(AgentOption.prepend(JAR, line)).isEqualTo("-javaagent:" + JAR + " " + line);
  }

  @Test
  void aSecondRunReplacesItsOwnOptionInsteadOfAddingAnother() {
    String once = AgentOption.prepend(JAR, "-Xmx1g");
    Path newer = Path.of("/repo/io/github/authenticity/authenticity-agent/0.2.0/authenticity-agent-0.2.0.jar");

    assertThat(AgentOption.prepend(JAR, once)).isEqualTo(once);
    assertThat(AgentOption.prepend(newer, once)).isEqualTo("-javaagent:" + newer + " -Xmx1g");
  }

  @Test
  void aPathWithASpaceIsQuotedAndAQuotedOptionIsReplacedToo() {
    Path spaced = Path.of("/home/a user/.m2/authenticity-agent-0.1.0.jar");
    String once = AgentOption.prepend(spaced, "-Dx=\"a b\"");

    assertThat(once).isEqualTo("\"-javaagent:/home/a user/.m2/authenticity-agent-0.1.0.jar\" -Dx=\"a b\"");
    assertThat(AgentOption.prepend(spaced, once)).isEqualTo(once);
  }
}
