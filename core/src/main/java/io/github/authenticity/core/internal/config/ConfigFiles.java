package io.github.authenticity.core.internal.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
import io.github.authenticity.core.config.ConfigurationKeys;

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

  /**
   * The largest configuration file read, checked before parsing: a configuration is a few KB, and SnakeYAML's
   * scanner takes time that grows with the square of a long scalar's length (a 6 MB scalar: 8.5 s of CPU), so an
   * over-large file would cost every test JVM seconds to minutes before any limit of the parser tripped.
   */
  static final int MAX_BYTES = 256 * 1024;

  /** How many aliases of collections a file may use (SnakeYAML's default is 50). */
  static final int MAX_ALIASES = 50;

  private ConfigFiles() {
  }

  /** The configuration file named by {@code authenticity.config}, else the class path's, composed; no file: a null root. */
  static Composed locate(ConfigParameters parameters, ClassLoader classLoader) {
    Optional<String> explicit = parameters.get(ConfigurationKeys.CONFIG).map(String::strip)
        .filter(value -> !value.isEmpty());
    if (explicit.isPresent()) {
      String name = explicit.get();
      Path path;
      try {
        path = Path.of(name);
      } catch (InvalidPathException ex) {
        throw new ConfigurationException(ConfigMessages.badConfigPath(name, ex.getMessage()), ex);
      }
      if (!Files.exists(path)) {
        throw new ConfigurationException(ConfigMessages.missingFile(name, Path.of("").toAbsolutePath().toString()));
      }
      if (!Files.isRegularFile(path)) {
        throw new ConfigurationException(ConfigMessages.notAFile(name));
      }
      String text;
      try {
        long size = Files.size(path);
        if (size > MAX_BYTES) {
          throw new ConfigurationException(ConfigMessages.tooLarge(name, size, false, MAX_BYTES));
        }
        try (InputStream in = Files.newInputStream(path)) {
          text = bounded(in, size, name);
        }
      } catch (IOException ex) {
        throw new ConfigurationException(ConfigMessages.unreadable(name, ex), ex);
      }
      return new Composed(compose(new StringReader(text), name, name), name, name);
    }
    URL yaml = classLoader.getResource("authenticity.yaml");
    URL yml = classLoader.getResource("authenticity.yml");
    if (yaml != null && yml != null) {
      throw new ConfigurationException(ConfigMessages.bothFiles(yaml.toString(), yml.toString()));
    }
    URL url = yaml != null ? yaml : yml;
    if (url == null) {
      return new Composed(null, AuthenticityConfig.NO_SOURCE, AuthenticityConfig.NO_SOURCE);
    }
    String display = yaml != null ? "authenticity.yaml" : "authenticity.yml";
    String source = "classpath:" + display;
    String text;
    try {
      URLConnection connection = url.openConnection();
      connection.setUseCaches(false);
      // not getContentLengthLong(): for a file: URL it loads the JDK's MIME table, about 60 ms of a cold JVM's start
      // (the bench profile); the bounded read below finds a file too large as surely, and says how large
      try (InputStream in = connection.getInputStream()) {
        text = bounded(in, -1, url.toString());
      }
    } catch (IOException ex) {
      throw new ConfigurationException(ConfigMessages.unreadable(url.toString(), ex), ex);
    }
    return new Composed(compose(new StringReader(text), display, source), display, source);
  }

  /**
   * At most {@link #MAX_BYTES} bytes of {@code in} as UTF-8 text; a longer stream (one that grew since its size was
   * read, or whose size was unknown) is an error that says how large it is, without decoding or parsing it.
   */
  private static String bounded(InputStream in, long knownSize, String display) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      long size = bytes.length + in.transferTo(OutputStream.nullOutputStream());
      throw new ConfigurationException(ConfigMessages.tooLarge(display, Math.max(size, knownSize), false, MAX_BYTES));
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException ex) {
      throw new ConfigurationException(ConfigMessages.unreadable(display, ex), ex);
    }
  }

  private static Node compose(Reader reader, String display, String source) {
    try {
      LoaderOptions options = new LoaderOptions();
      options.setCodePointLimit(MAX_BYTES);
      options.setMaxAliasesForCollections(MAX_ALIASES);
      options.setAllowRecursiveKeys(false);
      Node node = new Yaml(options).compose(reader);
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
        throw new ConfigurationException(ConfigMessages.malformedYaml(display, problem), ex);
      }
      throw new ConfigurationException(ConfigMessages.malformedYaml(display, mark.getLine() + 1, mark.getColumn() + 1,
          problem), ex);
    } catch (YAMLException ex) {
      if (ex.getCause() instanceof IOException io) {
        throw new ConfigurationException(ConfigMessages.unreadable(source, io), ex);
      }
      throw new ConfigurationException(ConfigMessages.malformedYaml(display, String.valueOf(ex.getMessage())), ex);
    }
  }
}
