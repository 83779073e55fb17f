package io.github.authenticity.core.internal.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

import io.github.authenticity.core.config.ConfigurationKeys;
import io.github.authenticity.core.config.ServiceDefinition;

/**
 * One reading of the configuration: the file located and composed ({@link ConfigFiles}), the active environment
 * selected, the top-level settings read here, the {@code detection} section by {@link DetectionReader}, every
 * environment's services by {@link ServiceReader}; all values through {@link ConfigValues}. No side effects: the
 * secrets are registered from the model afterwards ({@code Redactor.registerSettings}).
 */
final class ConfigReader {

  private static final List<String> TOP_KEYS = List.of("detection", "environment", "environments", "history",
      "historyBaseline",
      "mode", "outputDirectory", "requireEnvironment");
  private static final List<String> ENVIRONMENT_KEYS = List.of("services", "staging");

  private final ConfigParameters parameters;
  private final Map<String, String> environmentVariables;
  private final ClassLoader classLoader;
  private final Interpolation interpolation;
  private final ServiceSchema schema;
  private ConfigValues values;
  private ServiceReader services;

  ConfigReader(ConfigParameters parameters, Map<String, String> environmentVariables, ClassLoader classLoader) {
    this.parameters = parameters;
    this.environmentVariables = environmentVariables;
    this.classLoader = classLoader;
    this.interpolation = new Interpolation(environmentVariables, parameters);
    this.schema = new ServiceSchema(classLoader);
  }

  AuthenticityConfig read() {
    ConfigFiles.Composed composed = ConfigFiles.locate(parameters, classLoader);
    values = new ConfigValues(parameters, interpolation, composed.display());
    services = new ServiceReader(values, schema, composed.source());
    Node root = composed.root();
    Map<String, NodeTuple> top = root == null ? new LinkedHashMap<>() : values.mapping(root, null, TOP_KEYS);
    Selected environment = selectEnvironment(top);
    ActiveEnvironment active = readEnvironments(top, environment);

    Boolean staging = active.staging();
    Optional<String> stagingOverride = values.parameter(ConfigurationKeys.STAGING);
    if (stagingOverride.isPresent()) {
      Setting setting = Setting.ofParameter("staging", ConfigurationKeys.STAGING, stagingOverride.get());
      String value = values.interpolated(setting, stagingOverride.get(), true);
      staging = ConfigValues.convert(setting, () -> ServiceSchema.bool(value.strip(), value));
    }
    boolean isStaging = staging != null ? staging : environment.name().equalsIgnoreCase("staging");

    Map<String, ServiceReader.RawService> raw = active.services();
    services.applyServiceOverrides(raw, environment.name());
    Map<String, ServiceDefinition> definitions = new TreeMap<>();
    for (ServiceReader.RawService service : raw.values()) {
      definitions.put(service.name, services.build(service, environment.name(), true));
    }
    services.checkVia(raw, definitions);

    Detection detection = new DetectionReader(values).read(top);
    Mode mode = mode(top);
    Setting requireSetting = values.topSetting(top, "requireEnvironment", ConfigurationKeys.REQUIRE_ENVIRONMENT);
    Optional<String> requireEnvironment = Optional.ofNullable(requireSetting == null ? null : values.text(requireSetting, true))
        .map(String::strip).filter(value -> !value.isEmpty());
    Path outputDirectory = values.path(values.topSetting(top, "outputDirectory", ConfigurationKeys.OUTPUT_DIRECTORY))
        .orElse(Path.of(AuthenticityConfig.DEFAULT_OUTPUT_DIRECTORY));
    Path history = values.path(values.topSetting(top, "history", ConfigurationKeys.HISTORY))
        .orElse(Path.of(AuthenticityConfig.DEFAULT_HISTORY_FILE));
    Setting baselineSetting = values.topSetting(top, "historyBaseline", ConfigurationKeys.HISTORY_BASELINE);
    String historyBaseline = baselineSetting == null ? null : values.text(baselineSetting, true);
    return new AuthenticityConfig(environment.name(), isStaging, definitions, detection, mode, requireEnvironment,
        outputDirectory, history, historyBaseline, composed.source());
  }

  /** The active environment's name and what selected it, for messages. */
  private record Selected(String name, String from) {
  }

  /** The active environment's services as configured, and its {@code staging} flag when set. */
  private record ActiveEnvironment(Map<String, ServiceReader.RawService> services, Boolean staging) {
  }

  private Selected selectEnvironment(Map<String, NodeTuple> top) {
    Optional<String> fromParameter = values.parameter(ConfigurationKeys.ENVIRONMENT);
    if (fromParameter.isPresent()) {
      return new Selected(fromParameter.get(), ConfigMessages.environmentFromParameter());
    }
    String fromVariable = Optional.ofNullable(environmentVariables.get(ConfigurationKeys.ENVIRONMENT_VARIABLE))
        .map(String::strip).orElse("");
    if (!fromVariable.isEmpty()) {
      return new Selected(fromVariable, ConfigMessages.environmentFromVariable());
    }
    Setting fromFile = values.fileSetting(top, "environment", null);
    String name = fromFile == null ? null : values.text(fromFile, true);
    if (name != null && !name.isBlank()) {
      int line = top.get("environment").getValueNode().getStartMark().getLine() + 1;
      return new Selected(name.strip(), ConfigMessages.environmentFromFile(line));
    }
    return new Selected("local", "the default");
  }

  /** Checks every environment (the inactive ones tolerate unset variables) and returns the active one. */
  private ActiveEnvironment readEnvironments(Map<String, NodeTuple> top, Selected environment) {
    NodeTuple environmentsTuple = top.get("environments");
    if (environmentsTuple == null) {
      return new ActiveEnvironment(new LinkedHashMap<>(), null);
    }
    Map<String, NodeTuple> environments = values.mapping(environmentsTuple.getValueNode(), "environments", null);
    if (!environments.containsKey(environment.name())) {
      throw new ConfigurationException(ConfigMessages.withWhere(ConfigMessages.at(values.display, environmentsTuple.getKeyNode(),
          "environments"), ConfigMessages.undefinedEnvironment(environment.name(), environment.from(),
          environments.keySet())));
    }
    ActiveEnvironment active = null;
    for (Map.Entry<String, NodeTuple> entry : environments.entrySet()) {
      String name = entry.getKey();
      boolean isActive = name.equals(environment.name());
      String path = "environments." + name;
      Map<String, NodeTuple> body = values.mapping(entry.getValue().getValueNode(), path, ENVIRONMENT_KEYS);
      Setting stagingSetting = values.fileSetting(body, "staging", path);
      String stagingText = stagingSetting == null ? null : values.text(stagingSetting, isActive);
      Boolean staging = null;
      if (stagingText != null && stagingText != ConfigValues.UNRESOLVED) {
        staging = ConfigValues.convert(stagingSetting, () -> ServiceSchema.bool(stagingText.strip(),
            ConfigMessages.shown("staging", stagingText)));
      }
      Map<String, ServiceReader.RawService> raw = services.rawServices(body.get("services"), path + ".services");
      if (isActive) {
        active = new ActiveEnvironment(raw, staging);
      } else {
        for (ServiceReader.RawService service : raw.values()) {
          services.build(service, name, false);
        }
      }
    }
    return active;
  }

  private Mode mode(Map<String, NodeTuple> top) {
    Setting setting = values.topSetting(top, "mode", ConfigurationKeys.MODE);
    String text = setting == null ? null : values.text(setting, true);
    if (text == null) {
      return Mode.FAIL;
    }
    return ConfigValues.convert(setting, () -> switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "fail" -> Mode.FAIL;
      case "report" -> Mode.REPORT;
      default -> throw new Problem(ConfigMessages.badMode(text));
    });
  }
}
