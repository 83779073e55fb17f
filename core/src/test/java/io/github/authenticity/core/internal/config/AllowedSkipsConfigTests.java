package io.github.authenticity.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code detection.allowedSkips}: how it is read, what each rule matches, and every mistake's message. */
class AllowedSkipsConfigTests {

  @TempDir
  Path root;

  private List<AllowedSkip> rules(String yaml) {
    return Loading.yaml(root, yaml).load().detection().allowedSkips();
  }

  private String error(String yaml) {
    return Loading.yaml(root, yaml).error();
  }

  @Test
  void rulesAreReadInOrderWithWhereTheyWereDeclared() {
    List<AllowedSkip> rules = rules("""
        detection:
          allowedSkips:
            - { reason: 'requires Redis \\d', because: "version gates" }
            - condition: com.example.EnabledOnCommand
              because: commands of newer servers
            - { condition: EnabledOnCommand, reason: LMOVE, because: "one command" }
        """);

    assertThat(rules).extracting(AllowedSkip::label).containsExactly("reason /requires Redis \\d/",
        "condition @EnabledOnCommand", "condition @EnabledOnCommand, reason /LMOVE/");
    assertThat(rules).extracting(AllowedSkip::because).containsExactly("version gates", "commands of newer servers",
        "one command");
    assertThat(rules.get(0).source()).isEqualTo("authenticity.yaml:3:7: detection.allowedSkips[0]");
    assertThat(rules("detection: { interaction: warn }\n")).isEmpty();
  }

  @Test
  void aReasonRuleMatchesAssumptionsAndConditionsByTheirTextAConditionRuleOnlyConditionsByTheAnnotation() {
    List<AllowedSkip> rules = rules("""
        detection:
          allowedSkips:
            - { reason: 'requires Redis \\d', because: "version gates" }
            - { condition: com.example.EnabledOnCommand, because: "commands" }
        """);
    AllowedSkip version = rules.get(0);
    AllowedSkip command = rules.get(1);
    Set<String> annotated = Set.of("org.junit.jupiter.api.Test", "com.example.EnabledOnCommand");

    assertThat(version.allows(AllowedSkip.Kind.ASSUMPTION, "Assumption failed: AGGREGATE COUNT requires Redis 8.8",
        Set.of())).isTrue();
    assertThat(version.allows(AllowedSkip.Kind.CONDITION, "requires Redis 7", Set.of())).isTrue();
    assertThat(version.allows(AllowedSkip.Kind.ASSUMPTION, "no accessible endpoints", Set.of())).isFalse();
    assertThat(version.allows(AllowedSkip.Kind.ASSUMPTION, null, Set.of())).isFalse();

    assertThat(command.allows(AllowedSkip.Kind.CONDITION, "command LMOVEM not available", annotated)).isTrue();
    assertThat(command.allows(AllowedSkip.Kind.CONDITION, "6 tests deselected due to auth configuration",
        Set.of("org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable"))).as("another condition").isFalse();
    assertThat(command.allows(AllowedSkip.Kind.ASSUMPTION, "command LMOVEM not available", annotated))
        .as("an assumption is code, not an annotation").isFalse();
    assertThat(new AllowedSkip(null, "EnabledOnCommand", "simple name", "t").allows(AllowedSkip.Kind.CONDITION, "x",
        Set.of("com.example.Outer$EnabledOnCommand"))).isTrue();
  }

  @Test
  void everyMistakeNamesTheKeyAndWhatIsAllowed() {
    assertThat(error("detection:\n  allowedSkips:\n    - { because: x }\n")).isEqualTo("authenticity.yaml:3:7:"
        + " detection.allowedSkips[0]: an allowed skip needs reason (a regular expression the assumption's or"
        + " condition's reason contains, e.g. \"requires Redis \\\\d\"), condition (the annotation type that switches"
        + " tests off, e.g. com.example.EnabledOnCommand) or test (a regular expression of the test's class and"
        + " method, e.g. \"BatchTest\\\\.long\"), or several of them");
    assertThat(error("detection:\n  allowedSkips:\n    - { reason: x }\n")).isEqualTo("authenticity.yaml:3:7:"
        + " detection.allowedSkips[0]: an allowed skip needs because: why this skip is legitimate (a reviewer reads"
        + " it; every test it allows shows it), e.g. because: \"version gate: the command needs a newer server\"");
    assertThat(error("detection:\n  allowedSkips:\n    - { reason: 'requires (Redis', because: x }\n"))
        .isEqualTo("authenticity.yaml:3:17: detection.allowedSkips[0].reason: [requires (Redis] is not a valid regular"
            + " expression: Unclosed group near index 15; see java.util.regex.Pattern");
    assertThat(error("detection:\n  allowedSkips:\n    - { condition: '@EnabledOnCommand', because: x }\n"))
        .isEqualTo("authenticity.yaml:3:20: detection.allowedSkips[0].condition: [@EnabledOnCommand] is not an"
            + " annotation type name; use its class name, e.g. com.example.EnabledOnCommand (or the simple name"
            + " EnabledOnCommand)");
    assertThat(error("detection:\n  allowedSkips:\n    - { reasons: x, because: y }\n"))
        .startsWith("authenticity.yaml:3:9: detection.allowedSkips[0].reasons: unknown key.");
  }

  @Test
  void aTestRuleScopesASkipWithoutAMessageToTheTestsItNames() {
    AllowedSkip longRuns = rules("""
        detection:
          allowedSkips:
            - { test: 'BatchTest\\.long', reason: 'assumption is not true', because: "long tests run nightly" }
        """).get(0);

    assertThat(longRuns.label()).isEqualTo("test /BatchTest\\.long/, reason /assumption is not true/");
    assertThat(longRuns.allows(AllowedSkip.Kind.ASSUMPTION, "Assumption failed: assumption is not true", Set.of(),
        "org.mariadb.jdbc.integration.BatchTest.longBatch")).isTrue();
    assertThat(longRuns.allows(AllowedSkip.Kind.ASSUMPTION, "Assumption failed: assumption is not true", Set.of(),
        "org.mariadb.jdbc.integration.SslTest.enabledSslCipherSuites")).as("another test").isFalse();
    assertThat(longRuns.allows(AllowedSkip.Kind.ASSUMPTION, "Assumption failed: assumption is not true", Set.of()))
        .as("no test name, no match").isFalse();
  }
}
