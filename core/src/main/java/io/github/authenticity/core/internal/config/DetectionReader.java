package io.github.authenticity.core.internal.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.NodeTuple;

import io.github.authenticity.core.config.ConfigurationKeys;

/** The {@code detection} section: fallback patterns, interaction, too-fast; file values, then parameters. */
final class DetectionReader {

  static final String DETECTION_PREFIX = "authenticity.detection.";

  private static final List<String> DETECTION_KEYS = List.of("fallbackPatterns", "interaction", "tooFast",
      "allowedSkips");
  private static final List<String> ALLOWED_SKIP_KEYS = List.of("reason", "condition", "test", "because");
  /** A binary or canonical Java type name, or a simple one. */
  private static final Pattern TYPE_NAME = Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
      + "([.$][\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*");
  private static final List<String> TOO_FAST_KEYS = List.of("factor", "minRuns");
  private static final List<String> DETECTION_PARAMETERS = List.of(ConfigurationKeys.FALLBACK_PATTERNS,
      ConfigurationKeys.INTERACTION, ConfigurationKeys.TOO_FAST_FACTOR, ConfigurationKeys.TOO_FAST_MIN_RUNS);
  private static final Pattern PATTERN_SEPARATOR = Pattern.compile("\\R|\\|\\|");

  private final ConfigValues values;

  DetectionReader(ConfigValues values) {
    this.values = values;
  }

  /** The {@code detection} section of {@code top}, with its parameters applied. */
  Detection read(Map<String, NodeTuple> top) {
    for (String key : values.parameters.keys()) {
      if (key.startsWith(DETECTION_PREFIX) && !DETECTION_PARAMETERS.contains(key)) {
        throw new ConfigurationException(ConfigMessages.withWhere(ConfigMessages.parameter(key),
            ConfigMessages.unknownParameter(key, DETECTION_PARAMETERS)));
      }
    }
    NodeTuple detectionTuple = top.get("detection");
    Map<String, NodeTuple> section = detectionTuple == null ? Map.of()
        : values.mapping(detectionTuple.getValueNode(), "detection", DETECTION_KEYS);
    NodeTuple tooFastTuple = section.get("tooFast");
    Map<String, NodeTuple> tooFast = tooFastTuple == null ? Map.of()
        : values.mapping(tooFastTuple.getValueNode(), "detection.tooFast", TOO_FAST_KEYS);
    Detection defaults = Detection.defaults();

    Set<String> patterns = new LinkedHashSet<>(Detection.DEFAULT_FALLBACK_PATTERNS);
    List<Setting> configured = new ArrayList<>();
    Setting filePatterns = values.fileSetting(section, "fallbackPatterns", "detection");
    if (filePatterns != null) {
      configured.addAll(values.items(filePatterns, PATTERN_SEPARATOR));
    }
    values.parameters.get(ConfigurationKeys.FALLBACK_PATTERNS).ifPresent(value -> configured.addAll(
        values.items(Setting.ofParameter("fallbackPatterns", ConfigurationKeys.FALLBACK_PATTERNS, value), PATTERN_SEPARATOR)));
    for (Setting setting : configured) {
      String pattern = values.text(setting, true);
      if (pattern != null) {
        ConfigValues.convert(setting, () -> {
          ServiceSchema.regex(pattern, pattern);
          return pattern;
        });
        patterns.add(pattern);
      }
    }

    Detection.Interaction interaction = defaults.interaction();
    Setting interactionSetting = values.topSetting(section, "interaction", ConfigurationKeys.INTERACTION);
    String interactionText = interactionSetting == null ? null : values.text(interactionSetting, true);
    if (interactionText != null) {
      interaction = ConfigValues.convert(interactionSetting, () -> switch (interactionText.strip().toLowerCase(Locale.ROOT)) {
        case "required" -> Detection.Interaction.REQUIRED;
        case "warn" -> Detection.Interaction.WARN;
        case "off" -> Detection.Interaction.OFF;
        default -> throw new Problem(ConfigMessages.badInteraction(interactionText));
      });
    }

    double factor = defaults.tooFastFactor();
    Setting factorSetting = values.topSetting(tooFast, "factor", ConfigurationKeys.TOO_FAST_FACTOR);
    String factorText = factorSetting == null ? null : values.text(factorSetting, true);
    if (factorText != null) {
      factor = ConfigValues.convert(factorSetting, () -> {
        try {
          double value = Double.parseDouble(factorText.strip());
          if (value > 1 && Double.isFinite(value)) {
            return value;
          }
        } catch (NumberFormatException ex) {
          throw new Problem(ConfigMessages.badFactor(factorText), ex);
        }
        throw new Problem(ConfigMessages.badFactor(factorText));
      });
    }
    int minRuns = defaults.tooFastMinRuns();
    Setting minRunsSetting = values.topSetting(tooFast, "minRuns", ConfigurationKeys.TOO_FAST_MIN_RUNS);
    String minRunsText = minRunsSetting == null ? null : values.text(minRunsSetting, true);
    if (minRunsText != null) {
      minRuns = ConfigValues.convert(minRunsSetting, () -> {
        Integer value = ServiceSchema.integer(minRunsText.strip());
        if (value == null || value < 1) {
          throw new Problem(ConfigMessages.badMinRuns(minRunsText));
        }
        return value;
      });
    }
    return new Detection(patterns.stream().map(Pattern::compile).toList(), interaction, factor, minRuns,
        allowedSkips(section));
  }

  /** {@code detection.allowedSkips}: a list of {@code {reason, condition, because}} (file only). */
  private List<AllowedSkip> allowedSkips(Map<String, NodeTuple> section) {
    Setting list = values.fileSetting(section, "allowedSkips", "detection");
    if (list == null) {
      return List.of();
    }
    List<AllowedSkip> rules = new ArrayList<>();
    for (Setting item : values.items(list, PATTERN_SEPARATOR)) {
      String path = ConfigValues.pathOf(item);
      Map<String, NodeTuple> rule = values.mapping(item.node, path, ALLOWED_SKIP_KEYS);
      Setting reasonSetting = values.fileSetting(rule, "reason", path);
      Setting conditionSetting = values.fileSetting(rule, "condition", path);
      Setting becauseSetting = values.fileSetting(rule, "because", path);
      Setting testSetting = values.fileSetting(rule, "test", path);
      String test = testSetting == null ? null : values.text(testSetting, true);
      String reason = reasonSetting == null ? null : values.text(reasonSetting, true);
      String condition = conditionSetting == null ? null : values.text(conditionSetting, true);
      String because = becauseSetting == null ? null : values.text(becauseSetting, true);
      if (reason == null && condition == null && test == null) {
        throw new ConfigurationException(ConfigMessages.withWhere(item.where(), ConfigMessages.allowedSkipWithoutMatch()));
      }
      if (because == null || because.isBlank()) {
        throw new ConfigurationException(ConfigMessages.withWhere(item.where(), ConfigMessages.allowedSkipWithoutBecause()));
      }
      Pattern compiled = reason == null ? null : ConfigValues.convert(reasonSetting, () -> {
        ServiceSchema.regex(reason, reason);
        return Pattern.compile(reason);
      });
      Pattern testPattern = test == null ? null : ConfigValues.convert(testSetting, () -> {
        ServiceSchema.regex(test, test);
        return Pattern.compile(test);
      });
      if (condition != null && !TYPE_NAME.matcher(condition.strip()).matches()) {
        throw new ConfigurationException(ConfigMessages.withWhere(conditionSetting.where(),
            ConfigMessages.badConditionType(condition)));
      }
      rules.add(new AllowedSkip(compiled, condition, testPattern, because, item.where()));
    }
    return List.copyOf(rules);
  }
}
