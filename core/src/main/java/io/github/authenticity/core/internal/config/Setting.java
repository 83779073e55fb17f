package io.github.authenticity.core.internal.config;

import org.yaml.snakeyaml.nodes.Node;

/** One configured value and where it came from: a YAML node, or a configuration parameter. */
final class Setting {

  /** The last segment of the key, e.g. {@code timeout} or the header name. */
  final String key;
  /** The YAML value node, or {@code null} for a parameter. */
  final Node node;
  /** The parameter's value, or {@code null} for a YAML node. */
  final String parameterValue;
  private final String where;
  private final String keyWhere;

  private Setting(String key, Node node, String parameterValue, String where, String keyWhere) {
    this.key = key;
    this.node = node;
    this.parameterValue = parameterValue;
    this.where = where;
    this.keyWhere = keyWhere;
  }

  static Setting ofNode(String key, Node keyNode, Node valueNode, String display, String path) {
    return new Setting(key, valueNode, null, ConfigMessages.at(display, valueNode, path),
        ConfigMessages.at(display, keyNode == null ? valueNode : keyNode, path));
  }

  static Setting ofParameter(String key, String parameter, String value) {
    String where = ConfigMessages.parameter(parameter);
    return new Setting(key, null, value, where, where);
  }

  boolean fromParameter() {
    return node == null;
  }

  /** Message prefix pointing at the value. */
  String where() {
    return where;
  }

  /** Message prefix pointing at the key. */
  String keyWhere() {
    return keyWhere;
  }
}
