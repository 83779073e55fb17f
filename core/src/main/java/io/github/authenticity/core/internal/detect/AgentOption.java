package io.github.authenticity.core.internal.detect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apiguardian.api.API;

/**
 * The agent's {@code -javaagent} option in a test JVM's command line ({@code argLine}): one owner for how it is
 * written, quoted and composed with what the line already holds, so that the Maven goal and the Gradle recipe
 * say the same.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class AgentOption {

  private AgentOption() {
  }

  /** {@code -javaagent:/path/authenticity-agent.jar}, quoted when the path has a space or a quote. */
  public static String of(Path jar) {
    String path = jar.toAbsolutePath().toString();
    if (path.indexOf(' ') >= 0 || path.indexOf('"') >= 0 || path.indexOf('\'') >= 0) {
      return "\"-javaagent:" + path.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    return "-javaagent:" + path;
  }

  /**
   * {@code line} with the agent option first: an earlier Authenticity agent option in it (a second run of the
   * goal, another version) is removed, everything else (JaCoCo's and Mockito's agents, memory settings, a
   * late-replaced {@code @{...}}) is kept in its order.
   */
  public static String prepend(Path jar, String line) {
    List<String> kept = new ArrayList<>();
    if (line != null) {
      for (String argument : split(line)) {
        String plain = argument.startsWith("\"") && argument.endsWith("\"") && argument.length() > 1
            ? argument.substring(1, argument.length() - 1) : argument;
        if (plain.startsWith("-javaagent:") && plain.contains("authenticity-agent")) {
          continue;
        }
        kept.add(argument);
      }
    }
    StringBuilder result = new StringBuilder(of(jar));
    for (String argument : kept) {
      result.append(' ').append(argument);
    }
    return result.toString();
  }

  /** Splits a command line at white space outside double quotes, keeping the quotes. */
  static List<String> split(String line) {
    List<String> result = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && quoted && i + 1 < line.length()) {
        current.append(c).append(line.charAt(++i));
      } else if (c == '"') {
        quoted = !quoted;
        current.append(c);
      } else if (Character.isWhitespace(c) && !quoted) {
        if (current.length() > 0) {
          result.add(current.toString());
          current.setLength(0);
        }
      } else {
        current.append(c);
      }
    }
    if (current.length() > 0) {
      result.add(current.toString());
    }
    return result;
  }
}
