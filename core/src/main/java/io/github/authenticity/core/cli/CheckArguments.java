package io.github.authenticity.core.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * {@link AuthenticityCheck}'s command line, parsed and checked: its parameters (arguments win over system properties,
 * which win over the plugin's defaults) and its results folders by shard name.
 */
record CheckArguments(Map<String, String> parameters, Map<String, Path> folders, boolean help) {

  private static final String PROPERTY_PREFIX = "authenticity.";
  private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  static {
    DEFAULTS.put("reportsDirectory", "authenticity-report");
    DEFAULTS.put("failOnMasked", "true");
    DEFAULTS.put("failOnNotRun", "true");
    DEFAULTS.put("failOnDisabled", "false");
    DEFAULTS.put("failOnIncomplete", "true");
    DEFAULTS.put("minExecuted", "1");
    DEFAULTS.put("requireEnvironment", "");
    DEFAULTS.put("reportOnly", "false");
    DEFAULTS.put("skip", "false");
  }

  /** Parses and checks {@code args}: an {@link IllegalArgumentException} says what is wrong. */
  static CheckArguments parse(String[] args, Properties systemProperties) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String key : DEFAULTS.keySet()) {
      String fromSystem = systemProperties.getProperty(PROPERTY_PREFIX + key);
      parameters.put(key, fromSystem != null ? fromSystem : DEFAULTS.get(key));
    }
    Map<String, Path> folders = new LinkedHashMap<>();
    boolean help = false;
    for (String arg : args) {
      if (arg.equals("-h") || arg.equals("--help")) {
        help = true;
      } else if (arg.startsWith("-D")) {
        int equals = arg.indexOf('=');
        String key = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
        if (!key.startsWith(PROPERTY_PREFIX) || !DEFAULTS.containsKey(key.substring(PROPERTY_PREFIX.length()))) {
          throw new IllegalArgumentException("Unknown parameter [" + key + "]; known: "
              + DEFAULTS.keySet().stream().map(k -> PROPERTY_PREFIX + k).toList());
        }
        parameters.put(key.substring(PROPERTY_PREFIX.length()), equals < 0 ? "true" : arg.substring(equals + 1));
      } else if (arg.startsWith("-")) {
        throw new IllegalArgumentException("Unknown option [" + arg + "]: parameters are given as"
            + " -Dauthenticity.<parameter>=<value>");
      } else {
        addFolder(folders, arg);
      }
    }
    CheckArguments arguments = new CheckArguments(parameters, folders, help);
    if (!help) {
      if (folders.isEmpty()) {
        throw new IllegalArgumentException("No results folder given: name at least one folder with the events"
            + " files (the listener's authenticity.outputDirectory, e.g. build/authenticity or target/authenticity)");
      }
      for (String flag : List.of("failOnMasked", "failOnNotRun", "failOnDisabled", "failOnIncomplete",
          "reportOnly", "skip")) {
        arguments.flag(flag);
      }
      if (arguments.number("minExecuted") < 0) {
        throw new IllegalArgumentException("authenticity.minExecuted must be 0 or more, but was ["
            + parameters.get("minExecuted") + "]");
      }
      arguments.path("reportsDirectory");
    }
    return arguments;
  }

  private static void addFolder(Map<String, Path> folders, String arg) {
    String name;
    String location;
    int equals = arg.indexOf('=');
    if (equals > 0 && !Files.exists(Path.of(arg)) && arg.substring(0, equals).matches("[^/\\\\]+")) {
      name = arg.substring(0, equals);
      location = arg.substring(equals + 1);
    } else {
      name = null;
      location = arg;
    }
    Path folder;
    try {
      folder = Path.of(location).toAbsolutePath().normalize();
    } catch (InvalidPathException ex) {
      throw new IllegalArgumentException("The results folder [" + location + "] is not a path: " + ex.getReason(),
          ex);
    }
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new IllegalArgumentException("The results folder [" + folder + "] is a file, not a folder: name the"
          + " folder that holds the events files (e.g. target/authenticity)");
    }
    if (name == null) {
      name = folder.getFileName() == null ? folder.toString() : folder.getFileName().toString();
    }
    if (folders.containsKey(name)) {
      throw new IllegalArgumentException("Two results folders are named [" + name + "] (" + folders.get(name)
          + " and " + folder + "): name each shard, e.g. linux-1=" + location);
    }
    folders.put(name, folder);
  }

  boolean flag(String key) {
    String value = parameters.get(key).strip().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "true", "" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("authenticity." + key + " must be true or false, but was ["
          + parameters.get(key) + "]");
    };
  }

  int number(String key) {
    try {
      return Integer.parseInt(parameters.get(key).strip());
    } catch (NumberFormatException ex) {
      throw new IllegalArgumentException("authenticity." + key + " must be a whole number, but was ["
          + parameters.get(key) + "]", ex);
    }
  }

  String value(String key) {
    String value = parameters.get(key);
    return value == null || value.isBlank() ? null : value.strip();
  }

  Path path(String key) {
    try {
      return Path.of(parameters.get(key).strip()).toAbsolutePath().normalize();
    } catch (InvalidPathException ex) {
      throw new IllegalArgumentException("authenticity." + key + " [" + parameters.get(key) + "] is not a path: "
          + ex.getReason(), ex);
    }
  }
}
