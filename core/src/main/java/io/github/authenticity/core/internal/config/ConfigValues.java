package io.github.authenticity.core.internal.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The structure and the values of one composed configuration, shared by the readers of its sections: mappings
 * (duplicates and unknown keys checked), settings from the file or a parameter, interpolated text, conversions
 * whose problems name the key and the line.
 */
final class ConfigValues {

  /** Marks a value that could not be resolved in an environment that is not active. */
  static final String UNRESOLVED = new String("(unresolved)");

  final ConfigParameters parameters;
  /** How messages name the file. */
  final String display;
  private final Interpolation interpolation;

  /**
   * How many mapping entries the readings of this configuration may visit: merge keys ({@code <<: *anchor}) of
   * anchors that merge anchors expand exponentially (1 KB within SnakeYAML's alias limit cost 12 s of CPU), while a
   * real configuration has a few hundred entries.
   */
  static final int MAX_ENTRIES = 100_000;
  private int entries;

  ConfigValues(ConfigParameters parameters, Interpolation interpolation, String display) {
    this.parameters = parameters;
    this.interpolation = interpolation;
    this.display = display;
  }

  /** The entries of a mapping node (merge keys applied), checking duplicates and, when given, allowed keys. */
  Map<String, NodeTuple> mapping(Node node, String path, List<String> allowed) {
    Map<String, NodeTuple> result = new LinkedHashMap<>();
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
      return result;
    }
    if (!(node instanceof MappingNode mapping)) {
      throw new ConfigurationException(ConfigMessages.withWhere(ConfigMessages.at(display, node, path),
          ConfigMessages.expected("a mapping (key: value)", kind(node))));
    }
    List<Node> merges = new ArrayList<>();
    entries += mapping.getValue().size() + 1;
    if (entries > MAX_ENTRIES) {
      throw new ConfigurationException(ConfigMessages.expansionTooLarge(display, MAX_ENTRIES));
    }
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (keyNode instanceof ScalarNode key && key.getTag().equals(Tag.MERGE)) {
        merges.add(tuple.getValueNode());
        continue;
      }
      if (!(keyNode instanceof ScalarNode key)) {
        throw new ConfigurationException(ConfigMessages.withWhere(ConfigMessages.at(display, keyNode, path),
            ConfigMessages.expected("a plain key", kind(keyNode))));
      }
      String name = key.getValue();
      String childPath = child(path, name);
      NodeTuple previous = result.get(name);
      if (previous != null) {
        throw new ConfigurationException(ConfigMessages.withWhere(ConfigMessages.at(display, keyNode, childPath),
            ConfigMessages.duplicateKey(previous.getKeyNode().getStartMark().getLine() + 1)));
      }
      if (allowed != null && !allowed.contains(name) && !(path == null && name.startsWith("x-"))) {
        throw new ConfigurationException(ConfigMessages.withWhere(ConfigMessages.at(display, keyNode, childPath),
            ConfigMessages.unknownKey(name, allowed)));
      }
      result.put(name, tuple);
    }
    for (Node merge : merges) {
      List<Node> sources = merge instanceof SequenceNode sequence ? sequence.getValue() : List.of(merge);
      for (Node mergeSource : sources) {
        mapping(mergeSource, path, allowed).forEach(result::putIfAbsent);
      }
    }
    return result;
  }

  static String kind(Node node) {
    if (node.getNodeId() == NodeId.mapping) {
      return "a mapping";
    }
    if (node.getNodeId() == NodeId.sequence) {
      return "a list";
    }
    return node instanceof ScalarNode ? "a single value" : "a " + node.getNodeId();
  }

  static String child(String path, String key) {
    return path == null ? key : path + "." + key;
  }

  Setting fileSetting(Map<String, NodeTuple> section, String key, String path) {
    NodeTuple tuple = section.get(key);
    return tuple == null ? null
        : Setting.ofNode(key, tuple.getKeyNode(), tuple.getValueNode(), display, child(path, key));
  }

  /** The parameter {@code parameterKey} when set, else the file's {@code key} of {@code section}, else null. */
  Setting topSetting(Map<String, NodeTuple> section, String key, String parameterKey) {
    Optional<String> value = parameters.get(parameterKey);
    if (value.isPresent()) {
      return Setting.ofParameter(key, parameterKey, value.get());
    }
    String path = switch (parameterKey.substring("authenticity.".length())) {
      case "detection.interaction", "detection.fallbackPatterns", "detection.tooFast" -> "detection";
      case "detection.tooFast.factor", "detection.tooFast.minRuns" -> "detection.tooFast";
      default -> null;
    };
    return fileSetting(section, key, path);
  }

  Optional<String> parameter(String key) {
    return parameters.get(key).map(String::strip).filter(value -> !value.isEmpty());
  }

  /**
   * The interpolated text of a single-value setting; null when it is empty or null; {@link #UNRESOLVED}
   * when a variable is unset and {@code strict} is false.
   */
  String text(Setting setting, boolean strict) {
    String raw;
    if (setting.fromParameter()) {
      raw = setting.parameterValue;
    } else {
      if (!(setting.node instanceof ScalarNode scalar)) {
        throw new ConfigurationException(ConfigMessages.withWhere(setting.where(),
            ConfigMessages.expected("a single value", kind(setting.node))));
      }
      if (scalar.getTag().equals(Tag.NULL)) {
        return null;
      }
      raw = scalar.getValue();
    }
    String value = interpolated(setting, raw, strict);
    return value == null || value.isEmpty() ? null : value;
  }

  String interpolated(Setting setting, String raw, boolean strict) {
    try {
      return interpolation.resolve(raw, ConfigMessages.shown(setting.key, raw));
    } catch (Problem problem) {
      if (!strict && problem.unsetVariable) {
        return UNRESOLVED;
      }
      throw new ConfigurationException(ConfigMessages.withWhere(setting.where(), problem.getMessage()), problem.getCause());
    }
  }

  interface Conversion<T> {
    T apply();
  }

  static <T> T convert(Setting setting, Conversion<T> conversion) {
    try {
      return conversion.apply();
    } catch (Problem problem) {
      throw new ConfigurationException(ConfigMessages.withWhere(setting.where(), problem.getMessage()),
          problem.getCause());
    }
  }

  Optional<Path> path(Setting setting) {
    String value = setting == null ? null : text(setting, true);
    if (value == null) {
      return Optional.empty();
    }
    return Optional.of(convert(setting, () -> {
      try {
        return Path.of(value.strip());
      } catch (InvalidPathException ex) {
        throw new Problem(ConfigMessages.badPath(value, ex.getReason()), ex);
      }
    }));
  }

  /** The single values of a list setting; a single value counts as a list of one; parameters split with {@code separator}. */
  List<Setting> items(Setting setting, Pattern separator) {
    List<Setting> result = new ArrayList<>();
    if (setting.fromParameter()) {
      for (String part : separator.split(setting.parameterValue)) {
        if (!part.isBlank()) {
          result.add(Setting.ofParameter(setting.key, parameterOf(setting), part.strip()));
        }
      }
      return result;
    }
    if (setting.node instanceof SequenceNode sequence) {
      List<Node> values = sequence.getValue();
      for (int index = 0; index < values.size(); index++) {
        String path = pathOf(setting) + "[" + index + "]";
        result.add(Setting.ofNode(setting.key, values.get(index), values.get(index), display, path));
      }
      return result;
    }
    if (setting.node instanceof MappingNode) {
      throw new ConfigurationException(ConfigMessages.withWhere(setting.where(),
          ConfigMessages.expected("a list", kind(setting.node))));
    }
    result.add(setting);
    return result;
  }

  private static String parameterOf(Setting setting) {
    String where = setting.where();
    return where.substring(where.indexOf('[') + 1, where.lastIndexOf(']'));
  }

  static String pathOf(Setting setting) {
    String where = setting.where();
    return where.substring(where.indexOf(": ") + 2);
  }
}
