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
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Locating and composing the configuration: the file named by {@code authenticity.config}, else
 * {@code authenticity.yaml} (or {@code .yml}, not both) at the root of the class path, as a YAML node tree.
 */
final class ConfigFiles {

  /**
   * The composed document.
   *
   * @param root    the root node, {@code null} when there is no file or it is empty
   * @param display how messages name the file ({@code authenticity.yaml}, or the path given)
   * @param source  where it was read from ({@code classpath:authenticity.yaml}, the path, or {@code (none)})
   */
  record Composed(Node root, String display, String source) {
  }

  private ConfigFiles() {
  }

  /** The configuration file named by {@code authenticity.config}, else the class path's, composed; no file: a null root. */
  static Composed locate(ConfigParameters parameters, ClassLoader classLoader) {
    Optional<String> explicit = parameters.get(ConfigLoader.CONFIG_KEY).map(String::strip)
        .filter(value -> !value.isEmpty());
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
      try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        return new Composed(compose(reader, name, name), name, name);
      } catch (IOException ex) {
        throw new ConfigurationException(Messages.unreadable(name, ex), ex);
      }
    }
    URL yaml = classLoader.getResource("authenticity.yaml");
    URL yml = classLoader.getResource("authenticity.yml");
    if (yaml != null && yml != null) {
      throw new ConfigurationException(Messages.bothFiles(yaml.toString(), yml.toString()));
    }
    URL url = yaml != null ? yaml : yml;
    if (url == null) {
      return new Composed(null, AuthenticityConfig.NO_SOURCE, AuthenticityConfig.NO_SOURCE);
    }
    String display = yaml != null ? "authenticity.yaml" : "authenticity.yml";
    String source = "classpath:" + display;
    try {
      URLConnection connection = url.openConnection();
      connection.setUseCaches(false);
      try (Reader reader = new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8)) {
        return new Composed(compose(reader, display, source), display, source);
      }
    } catch (IOException ex) {
      throw new ConfigurationException(Messages.unreadable(url.toString(), ex), ex);
    }
  }

  private static Node compose(Reader reader, String display, String source) {
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
}
