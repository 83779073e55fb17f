package io.github.authenticity.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ConfigurationKeysTests {

  @Test
  void everyKeyIsDocumentedInTheReadme() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    List<String> undocumented = new ArrayList<>();
    for (Field field : ConfigurationKeys.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        String key = (String) field.get(null);
        if (!readme.contains(key)) {
          undocumented.add(field.getName() + " = " + key);
        }
      }
    }
    assertThat(undocumented).as("keys the README does not name").isEmpty();
  }
}
