package io.github.authenticity.core.config;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/** One reading of the configuration: locate, compose, validate, apply overrides, resolve. */
final class ConfigReader {

  static final String NO_SOURCE = AuthenticityConfig.NO_SOURCE;
  static final String DETECTION_PREFIX = "authenticity.detection.";
  static final String FALLBACK_PATTERNS_KEY = ConfigLoader.FALLBACK_PATTERNS_KEY;
  static final String INTERACTION_KEY = ConfigLoader.INTERACTION_KEY;
  static final String TOO_FAST_FACTOR_KEY = ConfigLoader.TOO_FAST_FACTOR_KEY;
  static final String TOO_FAST_MIN_RUNS_KEY = ConfigLoader.TOO_FAST_MIN_RUNS_KEY;
  static final String STAGING_KEY = ConfigLoader.STAGING_KEY;

  private static final List<String> TOP_KEYS = List.of("detection", "environment", "environments", "history",
      "historyBaseline", "mode", "outputDirectory", "requireEnvironment");
  private static final List<String> ENVIRONMENT_KEYS = List.of("services", "staging");
  private static final List<String> DETECTION_KEYS = List.of("fallbackPatterns", "interaction", "tooFast");
  private static final List<String> TOO_FAST_KEYS = List.of("factor", "minRuns");
  private static final List<String> DETECTION_PARAMETERS = List.of(FALLBACK_PATTERNS_KEY, INTERACTION_KEY,
      TOO_FAST_FACTOR_KEY, TOO_FAST_MIN_RUNS_KEY);
  private static final Pattern PATTERN_SEPARATOR = Pattern.compile("\\R|\\|\\|");
  private static final Pattern SERVICE_NAME = Pattern.compile("[^.\\s]+");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  /** Marks a value that could not be resolved in an environment that is not active. */
  private static final String UNRESOLVED = new String("(unresolved)");

  private final ConfigParameters parameters;
  private final Map<String, String> environmentVariables;
  private final ClassLoader classLoader;
  private final Interpolation interpolation;
  private final ServiceSchema schema;
  /** Secret values of the active environment, registered with {@link Secrets} once all are known. */
  private final Set<String> secrets = new LinkedHashSet<>();
  private String display = NO_SOURCE;
  private String source = NO_SOURCE;

  ConfigReader(ConfigParameters parameters, Map<String, String> environmentVariables, ClassLoader classLoader) {
    this.parameters = parameters;
    this.environmentVariables = environmentVariables;
    this.classLoader = classLoader;
    this.interpolation = new Interpolation(environmentVariables, parameters);
    this.schema = new ServiceSchema(classLoader);
  }

  AuthenticityConfig read() {
    Node root = locateAndCompose();
    Map<String, NodeTuple> top = root == null ? new LinkedHashMap<>() : mapping(root, null, TOP_KEYS);
    Selected environment = selectEnvironment(top);
    ActiveEnvironment active = readEnvironments(top, environment);

    Boolean staging = active.staging();
    Optional<String> stagingOverride = parameter(STAGING_KEY);
    if (stagingOverride.isPresent()) {
      Setting setting = Setting.ofParameter("staging", STAGING_KEY, stagingOverride.get());
      String value = interpolated(setting, stagingOverride.get(), true);
      staging = convert(setting, () -> ServiceSchema.bool(value.strip(), value));
    }
    boolean isStaging = staging != null ? staging : environment.name().equalsIgnoreCase("staging");

    Map<String, RawService> services = active.services();
    applyServiceOverrides(services, environment.name());
    Map<String, ServiceDefinition> definitions = new TreeMap<>();
    for (RawService service : services.values()) {
      definitions.put(service.name, build(service, environment.name(), true));
    }

    Detection detection = detection(top);
    Mode mode = mode(top);
    Setting requireSetting = topSetting(top, "requireEnvironment", ConfigLoader.REQUIRE_ENVIRONMENT_KEY);
    Optional<String> requireEnvironment = Optional.ofNullable(requireSetting == null ? null : text(requireSetting, true))
        .map(String::strip).filter(value -> !value.isEmpty());
    Path outputDirectory = path(topSetting(top, "outputDirectory", ConfigLoader.OUTPUT_DIRECTORY_KEY))
        .orElse(Path.of(AuthenticityConfig.DEFAULT_OUTPUT_DIRECTORY));
    Path history = path(topSetting(top, "history", ConfigLoader.HISTORY_KEY))
        .orElse(Path.of(AuthenticityConfig.DEFAULT_HISTORY_FILE));
    Setting baselineSetting = topSetting(top, "historyBaseline", ConfigLoader.HISTORY_BASELINE_KEY);
    String historyBaseline = baselineSetting == null ? null : text(baselineSetting, true);
    registerSecrets(definitions, environment.name());
    return new AuthenticityConfig(environment.name(), isStaging, definitions, detection, mode, requireEnvironment,
        outputDirectory, history, historyBaseline, source);
  }

  /** The active environment's name and what selected it, for messages. */
  private record Selected(String name, String from) {
  }

  /** The active environment's services as configured, and its {@code staging} flag when set. */
  private record ActiveEnvironment(Map<String, RawService> services, Boolean staging) {
  }

  private Selected selectEnvironment(Map<String, NodeTuple> top) {
    Optional<String> fromParameter = parameter(ConfigLoader.ENVIRONMENT_KEY);
    if (fromParameter.isPresent()) {
      return new Selected(fromParameter.get(), Messages.environmentFromParameter());
    }
    String fromVariable = Optional.ofNullable(environmentVariables.get(ConfigLoader.ENVIRONMENT_VARIABLE))
        .map(String::strip).orElse("");
    if (!fromVariable.isEmpty()) {
      return new Selected(fromVariable, Messages.environmentFromVariable());
    }
    Setting fromFile = fileSetting(top, "environment", null);
    String name = fromFile == null ? null : text(fromFile, true);
    if (name != null && !name.isBlank()) {
      int line = top.get("environment").getValueNode().getStartMark().getLine() + 1;
      return new Selected(name.strip(), Messages.environmentFromFile(line));
    }
    return new Selected("local", "the default");
  }

  /** Checks every environment (the inactive ones tolerate unset variables) and returns the active one. */
  private ActiveEnvironment readEnvironments(Map<String, NodeTuple> top, Selected environment) {
    NodeTuple environmentsTuple = top.get("environments");
    if (environmentsTuple == null) {
      return new ActiveEnvironment(new LinkedHashMap<>(), null);
    }
    Map<String, NodeTuple> environments = mapping(environmentsTuple.getValueNode(), "environments", null);
    if (!environments.containsKey(environment.name())) {
      throw new ConfigurationException(Messages.withWhere(Messages.at(display, environmentsTuple.getKeyNode(),
          "environments"), Messages.undefinedEnvironment(environment.name(), environment.from(),
          environments.keySet())));
    }
    ActiveEnvironment active = null;
    for (Map.Entry<String, NodeTuple> entry : environments.entrySet()) {
      String name = entry.getKey();
      boolean isActive = name.equals(environment.name());
      String path = "environments." + name;
      Map<String, NodeTuple> body = mapping(entry.getValue().getValueNode(), path, ENVIRONMENT_KEYS);
      Setting stagingSetting = fileSetting(body, "staging", path);
      String stagingText = stagingSetting == null ? null : text(stagingSetting, isActive);
      Boolean staging = null;
      if (stagingText != null && stagingText != UNRESOLVED) {
        staging = convert(stagingSetting, () -> ServiceSchema.bool(stagingText.strip(),
            Messages.shown("staging", stagingText)));
      }
      Map<String, RawService> services = rawServices(body.get("services"), path + ".services");
      if (isActive) {
        active = new ActiveEnvironment(services, staging);
      } else {
        for (RawService service : services.values()) {
          build(service, name, false);
        }
      }
    }
    return active;
  }

  private Mode mode(Map<String, NodeTuple> top) {
    Setting setting = topSetting(top, "mode", ConfigLoader.MODE_KEY);
    String text = setting == null ? null : text(setting, true);
    if (text == null) {
      return Mode.FAIL;
    }
    return convert(setting, () -> switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "fail" -> Mode.FAIL;
      case "report" -> Mode.REPORT;
      default -> throw new Problem(Messages.badMode(text));
    });
  }

  // ---- locating and composing

  private Node locateAndCompose() {
    Optional<String> explicit = parameter(ConfigLoader.CONFIG_KEY);
    if (explicit.isPresent()) {
      String name = explicit.get();
      Path path;
      try {
        path = Path.of(name);
      } catch (InvalidPathException ex) {
        throw new ConfigurationException(Messages.badConfigPath(name, ex.getMessage()), ex);
      }
      if (!Files.exists(path)) {
        throw new ConfigurationException(Messages.missingFile(name, Path.of("").toAbsolutePath().toString()));
      }
      if (!Files.isRegularFile(path)) {
        throw new ConfigurationException(Messages.notAFile(name));
      }
      display = name;
      source = name;
      try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        return compose(reader);
      } catch (IOException ex) {
        throw new ConfigurationException(Messages.unreadable(source, ex), ex);
      }
    }
    URL yaml = classLoader.getResource("authenticity.yaml");
    URL yml = classLoader.getResource("authenticity.yml");
    if (yaml != null && yml != null) {
      throw new ConfigurationException(Messages.bothFiles(yaml.toString(), yml.toString()));
    }
    URL url = yaml != null ? yaml : yml;
    if (url == null) {
      return null;
    }
    display = yaml != null ? "authenticity.yaml" : "authenticity.yml";
    source = "classpath:" + display;
    try {
      URLConnection connection = url.openConnection();
      connection.setUseCaches(false);
      try (Reader reader = new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8)) {
        return compose(reader);
      }
    } catch (IOException ex) {
      throw new ConfigurationException(Messages.unreadable(url.toString(), ex), ex);
    }
  }

  private Node compose(Reader reader) {
    try {
      Node node = new Yaml(new LoaderOptions()).compose(reader);
      if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
        return null;
      }
      return node;
    } catch (MarkedYAMLException ex) {
      Mark mark = ex.getProblemMark() != null ? ex.getProblemMark() : ex.getContextMark();
      String problem = ex.getProblem() != null ? ex.getProblem() : ex.getMessage();
      if (ex.getContext() != null && problem.startsWith("but ")) {
        problem = ex.getContext() + ", " + problem;
      } else if (ex.getContext() != null && ex.getContextMark() != null && ex.getContextMark() != mark) {
        problem = problem + " (" + ex.getContext() + " at line " + (ex.getContextMark().getLine() + 1) + ")";
      }
      if (mark == null) {
        throw new ConfigurationException(Messages.malformedYaml(display, problem), ex);
      }
      throw new ConfigurationException(Messages.malformedYaml(display, mark.getLine() + 1, mark.getColumn() + 1,
          problem), ex);
    } catch (YAMLException ex) {
      if (ex.getCause() instanceof IOException io) {
        throw new ConfigurationException(Messages.unreadable(source, io), ex);
      }
      throw new ConfigurationException(Messages.malformedYaml(display, String.valueOf(ex.getMessage())), ex);
    }
  }

  // ---- structure

  /** The entries of a mapping node (merge keys applied), checking duplicates and, when given, allowed keys. */
  private Map<String, NodeTuple> mapping(Node node, String path, List<String> allowed) {
    Map<String, NodeTuple> result = new LinkedHashMap<>();
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
      return result;
    }
    if (!(node instanceof MappingNode mapping)) {
      throw new ConfigurationException(Messages.withWhere(Messages.at(display, node, path),
          Messages.expected("a mapping (key: value)", kind(node))));
    }
    List<Node> merges = new ArrayList<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (keyNode instanceof ScalarNode key && key.getTag().equals(Tag.MERGE)) {
        merges.add(tuple.getValueNode());
        continue;
      }
      if (!(keyNode instanceof ScalarNode key)) {
        throw new ConfigurationException(Messages.withWhere(Messages.at(display, keyNode, path),
            Messages.expected("a plain key", kind(keyNode))));
      }
      String name = key.getValue();
      String childPath = child(path, name);
      NodeTuple previous = result.get(name);
      if (previous != null) {
        throw new ConfigurationException(Messages.withWhere(Messages.at(display, keyNode, childPath),
            Messages.duplicateKey(previous.getKeyNode().getStartMark().getLine() + 1)));
      }
      if (allowed != null && !allowed.contains(name) && !(path == null && name.startsWith("x-"))) {
        throw new ConfigurationException(Messages.withWhere(Messages.at(display, keyNode, childPath),
            Messages.unknownKey(name, allowed)));
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

  private static String kind(Node node) {
    if (node.getNodeId() == NodeId.mapping) {
      return "a mapping";
    }
    if (node.getNodeId() == NodeId.sequence) {
      return "a list";
    }
    return node instanceof ScalarNode ? "a single value" : "a " + node.getNodeId();
  }

  private static String child(String path, String key) {
    return path == null ? key : path + "." + key;
  }

  private Setting fileSetting(Map<String, NodeTuple> section, String key, String path) {
    NodeTuple tuple = section.get(key);
    return tuple == null ? null
        : Setting.ofNode(key, tuple.getKeyNode(), tuple.getValueNode(), display, child(path, key));
  }

  /** The parameter {@code parameterKey} when set, else the file's {@code key} of {@code section}, else null. */
  private Setting topSetting(Map<String, NodeTuple> section, String key, String parameterKey) {
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

  private Optional<String> parameter(String key) {
    return parameters.get(key).map(String::strip).filter(value -> !value.isEmpty());
  }

  // ---- values

  /**
   * The interpolated text of a single-value setting; null when it is empty or null; {@link #UNRESOLVED}
   * when a variable is unset and {@code strict} is false.
   */
  private String text(Setting setting, boolean strict) {
    String raw;
    if (setting.fromParameter()) {
      raw = setting.parameterValue;
    } else {
      if (!(setting.node instanceof ScalarNode scalar)) {
        throw new ConfigurationException(Messages.withWhere(setting.where(),
            Messages.expected("a single value", kind(setting.node))));
      }
      if (scalar.getTag().equals(Tag.NULL)) {
        return null;
      }
      raw = scalar.getValue();
    }
    String value = interpolated(setting, raw, strict);
    return value == null || value.isEmpty() ? null : value;
  }

  private String interpolated(Setting setting, String raw, boolean strict) {
    try {
      return interpolation.resolve(raw, Messages.shown(setting.key, raw));
    } catch (Problem problem) {
      if (!strict && problem.unsetVariable) {
        return UNRESOLVED;
      }
      throw new ConfigurationException(Messages.withWhere(setting.where(), problem.getMessage()), problem.getCause());
    }
  }

  private interface Conversion<T> {
    T apply();
  }

  private static <T> T convert(Setting setting, Conversion<T> conversion) {
    try {
      return conversion.apply();
    } catch (Problem problem) {
      throw new ConfigurationException(Messages.withWhere(setting.where(), problem.getMessage()),
          problem.getCause());
    }
  }

  private Optional<Path> path(Setting setting) {
    String value = setting == null ? null : text(setting, true);
    if (value == null) {
      return Optional.empty();
    }
    return Optional.of(convert(setting, () -> {
      try {
        return Path.of(value.strip());
      } catch (InvalidPathException ex) {
        throw new Problem(Messages.badPath(value, ex.getReason()), ex);
      }
    }));
  }

  /** The single values of a list setting; a single value counts as a list of one; parameters split with {@code separator}. */
  private List<Setting> items(Setting setting, Pattern separator) {
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
      throw new ConfigurationException(Messages.withWhere(setting.where(),
          Messages.expected("a list", kind(setting.node))));
    }
    result.add(setting);
    return result;
  }

  private static String parameterOf(Setting setting) {
    String where = setting.where();
    return where.substring(where.indexOf('[') + 1, where.lastIndexOf(']'));
  }

  private static String pathOf(Setting setting) {
    String where = setting.where();
    return where.substring(where.indexOf(": ") + 2);
  }

  // ---- detection

  private Detection detection(Map<String, NodeTuple> top) {
    for (String key : parameters.keys()) {
      if (key.startsWith(DETECTION_PREFIX) && !DETECTION_PARAMETERS.contains(key)) {
        throw new ConfigurationException(Messages.withWhere(Messages.parameter(key),
            Messages.unknownParameter(key, DETECTION_PARAMETERS)));
      }
    }
    NodeTuple detectionTuple = top.get("detection");
    Map<String, NodeTuple> section = detectionTuple == null ? Map.of()
        : mapping(detectionTuple.getValueNode(), "detection", DETECTION_KEYS);
    NodeTuple tooFastTuple = section.get("tooFast");
    Map<String, NodeTuple> tooFast = tooFastTuple == null ? Map.of()
        : mapping(tooFastTuple.getValueNode(), "detection.tooFast", TOO_FAST_KEYS);
    Detection defaults = Detection.defaults();

    Set<String> patterns = new LinkedHashSet<>(Detection.DEFAULT_FALLBACK_PATTERNS);
    List<Setting> configured = new ArrayList<>();
    Setting filePatterns = fileSetting(section, "fallbackPatterns", "detection");
    if (filePatterns != null) {
      configured.addAll(items(filePatterns, PATTERN_SEPARATOR));
    }
    parameters.get(FALLBACK_PATTERNS_KEY).ifPresent(value -> configured.addAll(
        items(Setting.ofParameter("fallbackPatterns", FALLBACK_PATTERNS_KEY, value), PATTERN_SEPARATOR)));
    for (Setting setting : configured) {
      String pattern = text(setting, true);
      if (pattern != null) {
        convert(setting, () -> {
          ServiceSchema.regex(pattern, pattern);
          return pattern;
        });
        patterns.add(pattern);
      }
    }

    Detection.Interaction interaction = defaults.interaction();
    Setting interactionSetting = topSetting(section, "interaction", INTERACTION_KEY);
    String interactionText = interactionSetting == null ? null : text(interactionSetting, true);
    if (interactionText != null) {
      interaction = convert(interactionSetting, () -> switch (interactionText.strip().toLowerCase(Locale.ROOT)) {
        case "required" -> Detection.Interaction.REQUIRED;
        case "warn" -> Detection.Interaction.WARN;
        case "off" -> Detection.Interaction.OFF;
        default -> throw new Problem(Messages.badInteraction(interactionText));
      });
    }

    double factor = defaults.tooFastFactor();
    Setting factorSetting = topSetting(tooFast, "factor", TOO_FAST_FACTOR_KEY);
    String factorText = factorSetting == null ? null : text(factorSetting, true);
    if (factorText != null) {
      factor = convert(factorSetting, () -> {
        try {
          double value = Double.parseDouble(factorText.strip());
          if (value > 1 && Double.isFinite(value)) {
            return value;
          }
        } catch (NumberFormatException ex) {
          throw new Problem(Messages.badFactor(factorText), ex);
        }
        throw new Problem(Messages.badFactor(factorText));
      });
    }
    int minRuns = defaults.tooFastMinRuns();
    Setting minRunsSetting = topSetting(tooFast, "minRuns", TOO_FAST_MIN_RUNS_KEY);
    String minRunsText = minRunsSetting == null ? null : text(minRunsSetting, true);
    if (minRunsText != null) {
      minRuns = convert(minRunsSetting, () -> {
        Integer value = ServiceSchema.integer(minRunsText.strip());
        if (value == null || value < 1) {
          throw new Problem(Messages.badMinRuns(minRunsText));
        }
        return value;
      });
    }
    return new Detection(patterns.stream().map(Pattern::compile).toList(), interaction, factor, minRuns);
  }

  // ---- services

  /** A service as configured, before its values are resolved and checked. */
  private static final class RawService {
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

  private Map<String, RawService> rawServices(NodeTuple servicesTuple, String path) {
    Map<String, RawService> result = new LinkedHashMap<>();
    if (servicesTuple == null) {
      return result;
    }
    for (Map.Entry<String, NodeTuple> entry : mapping(servicesTuple.getValueNode(), path, null).entrySet()) {
      String name = entry.getKey();
      String servicePath = path + "." + name;
      Node keyNode = entry.getValue().getKeyNode();
      if (!SERVICE_NAME.matcher(name).matches()) {
        throw new ConfigurationException(Messages.withWhere(Messages.at(display, keyNode, servicePath),
            Messages.badServiceName(name)));
      }
      RawService service = new RawService(name, Messages.at(display, keyNode, servicePath),
          display + ":" + (keyNode.getStartMark().getLine() + 1));
      for (Map.Entry<String, NodeTuple> setting : mapping(entry.getValue().getValueNode(), servicePath, null)
          .entrySet()) {
        String key = setting.getKey();
        NodeTuple tuple = setting.getValue();
        String settingPath = servicePath + "." + key;
        if (key.equals("headers")) {
          service.headersKey = Setting.ofNode(key, tuple.getKeyNode(), tuple.getValueNode(), display, settingPath);
          for (Map.Entry<String, NodeTuple> header : mapping(tuple.getValueNode(), settingPath, null).entrySet()) {
            service.headers.put(header.getKey(), Setting.ofNode(header.getKey(), header.getValue().getKeyNode(),
                header.getValue().getValueNode(), display, settingPath + "." + header.getKey()));
          }
        } else {
          service.settings.put(key, Setting.ofNode(key, tuple.getKeyNode(), tuple.getValueNode(), display,
              settingPath));
        }
      }
      result.put(name, service);
    }
    return result;
  }

  private void applyServiceOverrides(Map<String, RawService> services, String environment) {
    Set<String> defined = new TreeSet<>(services.keySet());
    Map<String, String> createdBy = new LinkedHashMap<>();
    for (String key : new TreeSet<>(parameters.keys())) {
      if (!key.startsWith(ConfigLoader.SERVICE_OVERRIDE_PREFIX)) {
        continue;
      }
      String value = parameters.get(key).orElse("");
      String rest = key.substring(ConfigLoader.SERVICE_OVERRIDE_PREFIX.length());
      int dot = rest.indexOf('.');
      if (dot <= 0 || dot == rest.length() - 1) {
        throw new ConfigurationException(Messages.withWhere(Messages.parameter(key), Messages.badOverrideKey()));
      }
      String name = rest.substring(0, dot);
      String setting = rest.substring(dot + 1);
      RawService service = services.get(name);
      if (service == null) {
        service = new RawService(name, Messages.parameter(key), Messages.parameter(key));
        services.put(name, service);
        createdBy.put(name, key);
      }
      if (setting.equals("headers")) {
        throw new ConfigurationException(Messages.withWhere(Messages.parameter(key),
            Messages.wholeHeadersOverride(name)));
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
        throw new ConfigurationException(Messages.withWhere(Messages.parameter(created.getValue()),
            Messages.overrideForUnknownService(created.getKey(), environment, source, defined)));
      }
      String probeKey = ConfigLoader.SERVICE_OVERRIDE_PREFIX + created.getKey() + ".probe";
      RawService complete = new RawService(service.name, Messages.parameter(probeKey), Messages.parameter(probeKey));
      complete.settings.putAll(service.settings);
      complete.headers.putAll(service.headers);
      complete.headersKey = service.headersKey;
      services.put(created.getKey(), complete);
    }
  }

  /** Resolves and checks one service; in an environment that is not active ({@code strict} false) unset variables are skipped. */
  private ServiceDefinition build(RawService raw, String environment, boolean strict) {
    Setting probeSetting = raw.settings.get("probe");
    String probe = probeSetting == null ? null : text(probeSetting, strict);
    if (probe == UNRESOLVED) {
      return null;
    }
    if (probe == null) {
      throw new ConfigurationException(Messages.withWhere(raw.where, Messages.missingProbe(schema.probeTypes())));
    }
    String type = probe.strip();
    Map<String, ServiceSchema.Type> keys = schema.keys(type).orElseThrow(() -> new ConfigurationException(
        Messages.withWhere(probeSetting.where(), Messages.unknownProbe(type, schema.probeTypes()))));
    Set<String> allowed = new TreeSet<>(keys.keySet());
    allowed.add("probe");
    for (Setting setting : raw.settings.values()) {
      if (!allowed.contains(setting.key)) {
        throw new ConfigurationException(Messages.withWhere(setting.keyWhere(),
            Messages.unknownServiceKey(setting.key, type, allowed)));
      }
    }
    if (raw.headersKey != null && !allowed.contains("headers")) {
      throw new ConfigurationException(Messages.withWhere(raw.headersKey.keyWhere(),
          Messages.unknownServiceKey("headers", type, allowed)));
    }

    Map<String, Object> values = new LinkedHashMap<>();
    Set<String> unresolved = new TreeSet<>();
    for (Setting setting : raw.settings.values()) {
      if (setting.key.equals("probe")) {
        continue;
      }
      Object value = value(setting, keys.get(setting.key), type, strict);
      if (value == UNRESOLVED) {
        unresolved.add(setting.key);
      } else if (value != null) {
        values.put(setting.key, value);
      }
    }
    if (keys.containsKey("headers")) {
      Map<String, String> headers = new LinkedHashMap<>();
      for (Map.Entry<String, Setting> header : raw.headers.entrySet()) {
        Setting setting = header.getValue();
        if (!HEADER_NAME.matcher(header.getKey()).matches()) {
          throw new ConfigurationException(Messages.withWhere(setting.keyWhere(),
              Messages.badHeaderName(header.getKey())));
        }
        String value = text(setting, strict);
        if (value != null && value != UNRESOLVED) {
          headers.put(header.getKey(), value);
          if (strict) {
            secrets.addAll(Secrets.secretsOfHeader(header.getKey(), value));
          }
        }
      }
      if (!headers.isEmpty()) {
        values.put("headers", Collections.unmodifiableMap(headers));
      }
    }
    for (String required : ServiceSchema.required(type)) {
      if (!values.containsKey(required) && !unresolved.contains(required)) {
        throw new ConfigurationException(Messages.withWhere(raw.where,
            Messages.missingKey(type, required, ServiceSchema.example(type, required))));
      }
    }
    if (values.containsKey("expectValue") && !values.containsKey("jsonPointer")
        && !unresolved.contains("jsonPointer")) {
      throw new ConfigurationException(Messages.withWhere(raw.settings.get("expectValue").where(),
          Messages.expectValueWithoutPointer()));
    }
    Duration timeout = (Duration) values.getOrDefault("timeout", ServiceDefinition.DEFAULT_TIMEOUT);
    Duration maxLatency = (Duration) values.get("maxLatency");
    return new ServiceDefinition(raw.name, type, values, timeout, maxLatency, raw.source);
  }

  /**
   * Registers the secrets found, except values that the configuration shows openly anyway (a service name,
   * a probe type, the environment, a host, user or database): a local password such as {@code postgres} must
   * not turn every mention of the service into {@code ****}.
   */
  private void registerSecrets(Map<String, ServiceDefinition> definitions, String environment) {
    Set<String> open = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    open.add(environment);
    open.addAll(ServiceSchema.BUILT_IN_TYPES);
    for (ServiceDefinition definition : definitions.values()) {
      open.add(definition.name());
      open.add(definition.probe());
      definition.settings().forEach((key, value) -> {
        if (value instanceof String text && !Secrets.isSecretKey(key) && !key.equals("url")
            && !key.equals("endpoints")) {
          open.add(text);
        }
      });
    }
    for (String secret : secrets) {
      if (!open.contains(secret)) {
        Secrets.register(secret);
      }
    }
  }

  /** The resolved, checked value of one service setting; null when empty, {@link #UNRESOLVED} when unresolvable. */
  private Object value(Setting setting, ServiceSchema.Type type, String probe, boolean strict) {
    if (type == ServiceSchema.Type.ANY) {
      if (setting.fromParameter()) {
        String text = text(setting, strict);
        if (text == null || text == UNRESOLVED) {
          return text;
        }
        if (strict && Secrets.isSecretKey(setting.key)) {
          secrets.add(text);
        }
        return typed(text, true);
      }
      return generic(setting.node, pathOf(setting), setting.key, strict);
    }
    if (type == ServiceSchema.Type.ENDPOINTS) {
      List<String> endpoints = new ArrayList<>();
      for (Setting item : items(setting, Pattern.compile(","))) {
        String text = text(item, strict);
        if (text == UNRESOLVED) {
          return UNRESOLVED;
        }
        if (text != null) {
          endpoints.add(convert(item, () -> ServiceSchema.endpoint(text, Messages.shown(item.key, text))));
          if (strict) {
            secrets.addAll(Secrets.secretsOfUrl(text));
          }
        }
      }
      return endpoints.isEmpty() ? null : List.copyOf(endpoints);
    }
    String text = text(setting, strict);
    if (text == null || text == UNRESOLVED) {
      return text;
    }
    Object value = convert(setting, () -> ServiceSchema.convert(type, setting.key, text, probe));
    if (strict) {
      if (Secrets.isSecretKey(setting.key)) {
        secrets.add(text);
      }
      if (type == ServiceSchema.Type.URL) {
        secrets.addAll(Secrets.secretsOfUrl(text));
      }
    }
    return value;
  }

  /** A node of a custom probe's setting as plain Java values, with every scalar interpolated. */
  private Object generic(Node node, String path, String key, boolean strict) {
    if (node instanceof ScalarNode scalar) {
      if (scalar.getTag().equals(Tag.NULL)) {
        return null;
      }
      Setting setting = Setting.ofNode(key, node, node, display, path);
      String text = interpolated(setting, scalar.getValue(), strict);
      if (text == UNRESOLVED || text.isEmpty()) {
        return text == UNRESOLVED ? UNRESOLVED : null;
      }
      if (strict && Secrets.isSecretKey(key)) {
        secrets.add(text);
      }
      boolean plain = scalar.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN;
      return typed(text, plain);
    }
    if (node instanceof SequenceNode sequence) {
      List<Object> result = new ArrayList<>();
      List<Node> items = sequence.getValue();
      for (int index = 0; index < items.size(); index++) {
        Object value = generic(items.get(index), path + "[" + index + "]", key, strict);
        if (value == UNRESOLVED) {
          return UNRESOLVED;
        }
        if (value != null) {
          result.add(value);
        }
      }
      return List.copyOf(result);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    for (Map.Entry<String, NodeTuple> entry : mapping(node, path, null).entrySet()) {
      Object value = generic(entry.getValue().getValueNode(), path + "." + entry.getKey(), entry.getKey(), strict);
      if (value == UNRESOLVED) {
        return UNRESOLVED;
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
}
