package io.github.authenticity.core.internal.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.config.ConfigurationKeys;

/**
 * The services of an environment: as configured, with the {@code authenticity.services.*} overrides applied,
 * then resolved and checked against the probe type's keys ({@link ServiceSchema}) into {@link ServiceDefinition}s.
 *
 * <p>Over 300 lines because it is the whole path of a configured service (read, overridden, resolved, checked, its
 * {@code via} and container links), each step a short method; split, a service's reading would be in several places.
 */
final class ServiceReader {

  private static final Pattern SERVICE_NAME = Pattern.compile("[^.\\s]+");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private final ConfigValues values;
  private final ServiceSchema schema;
  /** Where the configuration was read from, for messages. */
  private final String source;

  ServiceReader(ConfigValues values, ServiceSchema schema, String source) {
    this.values = values;
    this.schema = schema;
    this.source = source;
  }

  /** A service as configured, before its values are resolved and checked. */
  static final class RawService {
    final String name;
    final String where;
    final String source;
    final Map<String, Setting> settings = new LinkedHashMap<>();
    final Map<String, Setting> headers = new LinkedHashMap<>();
    Setting headersKey;

    RawService(String name, String where, String source) {
      this.name = name;
      this.where = where;
      this.source = source;
    }
  }

  /** The services of one environment's {@code services} section, as configured. */
  Map<String, RawService> rawServices(NodeTuple servicesTuple, String path) {
    Map<String, RawService> result = new LinkedHashMap<>();
    if (servicesTuple == null) {
      return result;
    }
    for (Map.Entry<String, NodeTuple> entry : values.mapping(servicesTuple.getValueNode(), path, null).entrySet()) {
      String name = entry.getKey();
      String servicePath = path + "." + name;
      Node keyNode = entry.getValue().getKeyNode();
      if (!SERVICE_NAME.matcher(name).matches()) {
        throw new ConfigurationException(ConfigMessages.withWhere(ConfigMessages.at(values.display, keyNode, servicePath),
            ConfigMessages.badServiceName(name)));
      }
      RawService service = new RawService(name, ConfigMessages.at(values.display, keyNode, servicePath),
          values.display + ":" + (keyNode.getStartMark().getLine() + 1));
      for (Map.Entry<String, NodeTuple> setting : values.mapping(entry.getValue().getValueNode(), servicePath, null)
          .entrySet()) {
        String key = setting.getKey();
        NodeTuple tuple = setting.getValue();
        String settingPath = servicePath + "." + key;
        if (key.equals("headers")) {
          service.headersKey = Setting.ofNode(key, tuple.getKeyNode(), tuple.getValueNode(), values.display, settingPath);
          for (Map.Entry<String, NodeTuple> header : values.mapping(tuple.getValueNode(), settingPath, null).entrySet()) {
            service.headers.put(header.getKey(), Setting.ofNode(header.getKey(), header.getValue().getKeyNode(),
                header.getValue().getValueNode(), values.display, settingPath + "." + header.getKey()));
          }
        } else {
          service.settings.put(key, Setting.ofNode(key, tuple.getKeyNode(), tuple.getValueNode(), values.display,
              settingPath));
        }
      }
      result.put(name, service);
    }
    return result;
  }

  /** Applies the {@code authenticity.services.<name>.<key>} parameters (a service may be defined by them alone). */
  void applyServiceOverrides(Map<String, RawService> services, String environment) {
    Set<String> defined = new TreeSet<>(services.keySet());
    Map<String, String> createdBy = new LinkedHashMap<>();
    for (String key : new TreeSet<>(values.parameters.keys())) {
      if (!key.startsWith(ConfigurationKeys.SERVICE_OVERRIDE_PREFIX)) {
        continue;
      }
      String value = values.parameters.get(key).orElse("");
      String rest = key.substring(ConfigurationKeys.SERVICE_OVERRIDE_PREFIX.length());
      int dot = rest.indexOf('.');
      if (dot <= 0 || dot == rest.length() - 1) {
        throw new ConfigurationException(ConfigMessages.withWhere(ConfigMessages.parameter(key), ConfigMessages.badOverrideKey()));
      }
      String name = rest.substring(0, dot);
      String setting = rest.substring(dot + 1);
      RawService service = services.get(name);
      if (service == null) {
        service = new RawService(name, ConfigMessages.parameter(key), ConfigMessages.parameter(key));
        services.put(name, service);
        createdBy.put(name, key);
      }
      if (setting.equals("headers")) {
        throw new ConfigurationException(ConfigMessages.withWhere(ConfigMessages.parameter(key),
            ConfigMessages.wholeHeadersOverride(name)));
      } else if (setting.startsWith("headers.")) {
        String header = setting.substring("headers.".length());
        if (service.headersKey == null) {
          service.headersKey = Setting.ofParameter("headers", key, value);
        }
        service.headers.put(header, Setting.ofParameter(header, key, value));
      } else {
        service.settings.put(setting, Setting.ofParameter(setting, key, value));
      }
    }
    for (Map.Entry<String, String> created : createdBy.entrySet()) {
      RawService service = services.get(created.getKey());
      if (!service.settings.containsKey("probe")) {
        throw new ConfigurationException(ConfigMessages.withWhere(ConfigMessages.parameter(created.getValue()),
            ConfigMessages.overrideForUnknownService(created.getKey(), environment, source, defined)));
      }
      String probeKey = ConfigurationKeys.SERVICE_OVERRIDE_PREFIX + created.getKey() + ".probe";
      RawService complete = new RawService(service.name, ConfigMessages.parameter(probeKey), ConfigMessages.parameter(probeKey));
      complete.settings.putAll(service.settings);
      complete.headers.putAll(service.headers);
      complete.headersKey = service.headersKey;
      services.put(created.getKey(), complete);
    }
  }

  /** Resolves and checks one service; in an environment that is not active ({@code strict} false) unset variables are skipped. */
  ServiceDefinition build(RawService raw, String environment, boolean strict) {
    Setting probeSetting = raw.settings.get("probe");
    String probe = probeSetting == null ? null : values.text(probeSetting, strict);
    if (probe == ConfigValues.UNRESOLVED) {
      return null;
    }
    if (probe == null) {
      throw new ConfigurationException(ConfigMessages.withWhere(raw.where, ConfigMessages.missingProbe(schema.probeTypes())));
    }
    String type = probe.strip();
    Map<String, ServiceSchema.Type> keys = schema.keys(type).orElseThrow(() -> new ConfigurationException(
        ConfigMessages.withWhere(probeSetting.where(), ConfigMessages.unknownProbe(type, schema.probeTypes()))));
    Set<String> allowed = new TreeSet<>(keys.keySet());
    allowed.add("probe");
    for (Setting setting : raw.settings.values()) {
      if (!allowed.contains(setting.key)) {
        throw new ConfigurationException(ConfigMessages.withWhere(setting.keyWhere(),
            ConfigMessages.unknownServiceKey(setting.key, type, allowed)));
      }
    }
    if (raw.headersKey != null && !allowed.contains("headers")) {
      throw new ConfigurationException(ConfigMessages.withWhere(raw.headersKey.keyWhere(),
          ConfigMessages.unknownServiceKey("headers", type, allowed)));
    }

    Map<String, Object> resolved = new LinkedHashMap<>();
    Set<String> unresolved = new TreeSet<>();
    for (Setting setting : raw.settings.values()) {
      if (setting.key.equals("probe")) {
        continue;
      }
      Object value = value(setting, keys.get(setting.key), type, strict);
      if (value == ConfigValues.UNRESOLVED) {
        unresolved.add(setting.key);
      } else if (value != null) {
        resolved.put(setting.key, value);
      }
    }
    if (keys.containsKey("headers")) {
      Map<String, String> headers = new LinkedHashMap<>();
      for (Map.Entry<String, Setting> header : raw.headers.entrySet()) {
        Setting setting = header.getValue();
        if (!HEADER_NAME.matcher(header.getKey()).matches()) {
          throw new ConfigurationException(ConfigMessages.withWhere(setting.keyWhere(),
              ConfigMessages.badHeaderName(header.getKey())));
        }
        String value = values.text(setting, strict);
        if (value != null && value != ConfigValues.UNRESOLVED) {
          headers.put(header.getKey(), value);
        }
      }
      if (!headers.isEmpty()) {
        resolved.put("headers", Collections.unmodifiableMap(headers));
      }
    }
    boolean fromContainer = Boolean.TRUE.equals(resolved.get(ContainerBinding.KEY))
        || unresolved.contains(ContainerBinding.KEY);
    checkContainer(raw, resolved, fromContainer);
    for (String required : ServiceSchema.required(type)) {
      if (!fromContainer && !resolved.containsKey(required) && !unresolved.contains(required)) {
        throw new ConfigurationException(ConfigMessages.withWhere(raw.where,
            ConfigMessages.missingKey(type, required, ServiceSchema.example(type, required))));
      }
    }
    if (resolved.containsKey("expectValue") && !resolved.containsKey("jsonPointer")
        && !unresolved.contains("jsonPointer")) {
      throw new ConfigurationException(ConfigMessages.withWhere(raw.settings.get("expectValue").where(),
          ConfigMessages.expectValueWithoutPointer()));
    }
    Duration timeout = (Duration) resolved.getOrDefault("timeout", ServiceDefinition.DEFAULT_TIMEOUT);
    Duration maxLatency = (Duration) resolved.get("maxLatency");
    return new ServiceDefinition(raw.name, type, resolved, timeout, maxLatency, raw.source);
  }

  /** The resolved, checked value of one service setting; null when empty, {@link #ConfigValues.UNRESOLVED} when unresolvable. */
  private Object value(Setting setting, ServiceSchema.Type type, String probe, boolean strict) {
    if (type == ServiceSchema.Type.ANY) {
      if (setting.fromParameter()) {
        String text = values.text(setting, strict);
        if (text == null || text == ConfigValues.UNRESOLVED) {
          return text;
        }
        return typed(text, true);
      }
      return generic(setting.node, ConfigValues.pathOf(setting), setting.key, strict);
    }
    if (type == ServiceSchema.Type.ENDPOINTS) {
      List<String> endpoints = new ArrayList<>();
      for (Setting item : values.items(setting, Pattern.compile(","))) {
        String text = values.text(item, strict);
        if (text == ConfigValues.UNRESOLVED) {
          return ConfigValues.UNRESOLVED;
        }
        if (text != null) {
          endpoints.add(ConfigValues.convert(item, () -> ServiceSchema.endpoint(text, ConfigMessages.shown(item.key, text))));
        }
      }
      return endpoints.isEmpty() ? null : List.copyOf(endpoints);
    }
    String text = values.text(setting, strict);
    if (text == null || text == ConfigValues.UNRESOLVED) {
      return text;
    }
    return ConfigValues.convert(setting, () -> ServiceSchema.convert(type, setting.key, text, probe));
  }

  /** A node of a custom probe's setting as plain Java values, with every scalar interpolated. */
  private Object generic(Node node, String path, String key, boolean strict) {
    if (node instanceof ScalarNode scalar) {
      if (scalar.getTag().equals(Tag.NULL)) {
        return null;
      }
      Setting setting = Setting.ofNode(key, node, node, values.display, path);
      String text = values.interpolated(setting, scalar.getValue(), strict);
      if (text == ConfigValues.UNRESOLVED || text.isEmpty()) {
        return text == ConfigValues.UNRESOLVED ? ConfigValues.UNRESOLVED : null;
      }
      boolean plain = scalar.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN;
      return typed(text, plain);
    }
    if (node instanceof SequenceNode sequence) {
      List<Object> result = new ArrayList<>();
      List<Node> items = sequence.getValue();
      for (int index = 0; index < items.size(); index++) {
        Object value = generic(items.get(index), path + "[" + index + "]", key, strict);
        if (value == ConfigValues.UNRESOLVED) {
          return ConfigValues.UNRESOLVED;
        }
        if (value != null) {
          result.add(value);
        }
      }
      return List.copyOf(result);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    for (Map.Entry<String, NodeTuple> entry : values.mapping(node, path, null).entrySet()) {
      Object value = generic(entry.getValue().getValueNode(), path + "." + entry.getKey(), entry.getKey(), strict);
      if (value == ConfigValues.UNRESOLVED) {
        return ConfigValues.UNRESOLVED;
      }
      if (value != null) {
        result.put(entry.getKey(), value);
      }
    }
    return Collections.unmodifiableMap(result);
  }

  /** {@code text} as YAML would type a plain scalar: Integer or Long, Double, Boolean, else String. */
  private static Object typed(String text, boolean plain) {
    if (!plain) {
      return text;
    }
    Tag tag = new Resolver().resolve(NodeId.scalar, text, true);
    try {
      if (tag.equals(Tag.INT)) {
        long value = Long.parseLong(text.replace("_", ""));
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? (Object) (int) value : (Object) value;
      }
      if (tag.equals(Tag.FLOAT)) {
        return Double.valueOf(text.replace("_", ""));
      }
    } catch (NumberFormatException ex) {
      return text;
    }
    if (tag.equals(Tag.BOOL)) {
      return ServiceSchema.bool(text.strip(), text);
    }
    return text;
  }

  /** {@code container: true} takes the address from a container: no url, host or port; {@code path} only with it. */
  private static void checkContainer(RawService raw, Map<String, Object> values, boolean fromContainer) {
    if (fromContainer) {
      for (String key : ContainerBinding.ADDRESS_KEYS) {
        if (values.containsKey(key)) {
          throw new ConfigurationException(ConfigMessages.withWhere(raw.settings.get(key).keyWhere(),
              ConfigMessages.addressWithContainer(key)));
        }
      }
    } else if (values.containsKey(ContainerBinding.PATH)) {
      throw new ConfigurationException(ConfigMessages.withWhere(raw.settings.get(ContainerBinding.PATH).keyWhere(),
          ConfigMessages.pathWithoutContainer()));
    }
  }

  /** Every {@code via} names a defined service, and no chain of them comes back to where it started. */
  void checkVia(Map<String, RawService> raw, Map<String, ServiceDefinition> definitions) {
    for (ServiceDefinition definition : definitions.values()) {
      if (definition == null || definition.via().isEmpty()) {
        continue;
      }
      Setting setting = raw.get(definition.name()).settings.get("via");
      String where = setting == null ? definition.source() : setting.where();
      List<String> chain = new ArrayList<>(List.of(definition.name()));
      ServiceDefinition current = definition;
      while (current != null && current.via().isPresent()) {
        String carrier = current.via().get();
        if (!definitions.containsKey(carrier)) {
          throw new ConfigurationException(ConfigMessages.withWhere(where, ConfigMessages.unknownVia(current.name(), carrier,
              definitions.keySet())));
        }
        if (chain.contains(carrier)) {
          chain.add(carrier);
          throw new ConfigurationException(ConfigMessages.withWhere(where, ConfigMessages.viaLoop(chain)));
        }
        chain.add(carrier);
        current = definitions.get(carrier);
      }
    }
  }
}
