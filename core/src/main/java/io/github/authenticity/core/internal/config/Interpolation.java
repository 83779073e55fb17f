package io.github.authenticity.core.internal.config;

import java.util.Map;
import java.util.Optional;

/**
 * Resolves {@code ${NAME}}, {@code ${NAME:-default}} (environment variables; {@code env:NAME} also works),
 * {@code ${sys:name}} and {@code ${sys:name:-default}} (configuration parameters, then system properties);
 * <code>$${</code> is a literal <code>${</code>. A default is used when the variable is unset or empty.
 */
final class Interpolation {

  private final Map<String, String> environmentVariables;
  private final ConfigParameters parameters;

  Interpolation(Map<String, String> environmentVariables, ConfigParameters parameters) {
    this.environmentVariables = environmentVariables;
    this.parameters = parameters;
  }

  /** {@code text} with every placeholder resolved; {@code shown} is how to show {@code text} in messages. */
  String resolve(String text, String shown) {
    if (text == null || text.indexOf('$') < 0) {
      return text;
    }
    StringBuilder result = new StringBuilder(text.length());
    int index = 0;
    while (index < text.length()) {
      if (text.startsWith("$${", index)) {
        result.append("${");
        index += 3;
      } else if (text.startsWith("${", index)) {
        int close = text.indexOf('}', index + 2);
        if (close < 0) {
          throw new Problem(ConfigMessages.unclosedPlaceholder(shown));
        }
        result.append(lookup(text.substring(index + 2, close), shown));
        index = close + 1;
      } else {
        result.append(text.charAt(index));
        index++;
      }
    }
    return result.toString();
  }

  private String lookup(String expression, String shown) {
    String name = expression;
    String fallback = null;
    int separator = expression.indexOf(":-");
    if (separator >= 0) {
      name = expression.substring(0, separator);
      fallback = expression.substring(separator + 2);
    }
    name = name.strip();
    boolean system = name.startsWith("sys:");
    if (system) {
      name = name.substring(4).strip();
    } else if (name.startsWith("env:")) {
      name = name.substring(4).strip();
    }
    if (name.isEmpty()) {
      throw new Problem(ConfigMessages.emptyPlaceholder(shown));
    }
    String value;
    if (system) {
      String property = name;
      value = parameters.get(property).or(() -> Optional.ofNullable(System.getProperty(property))).orElse(null);
    } else {
      value = environmentVariables.get(name);
    }
    if (fallback != null && (value == null || value.isEmpty())) {
      return fallback;
    }
    if (value == null) {
      throw new Problem(system ? ConfigMessages.unsetSystemProperty(name) : ConfigMessages.unsetEnvironmentVariable(name),
          true, null);
    }
    return value;
  }
}
