package io.github.authenticity.maven;

import java.io.File;
import java.util.Map;
import java.util.Properties;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import io.github.authenticity.core.internal.detect.AgentOption;

/**
 * Puts the Authenticity agent ({@code -javaagent}) into the property that Surefire and Failsafe read their test
 * JVM's arguments from ({@code argLine} by default), as JaCoCo's {@code prepare-agent} does: what the property
 * already holds is kept (a user's own options, JaCoCo's or Mockito's agent), the agent option goes first, and a
 * second run replaces its own option instead of adding another. Without the agent, guarded tests run unproven.
 *
 * <p>Two ways to keep your own test JVM options:
 * <ul>
 *   <li>set them in the property, {@code <argLine>-Xmx1g</argLine>} under {@code <properties>}: the goal prepends
 *   the agent to it;</li>
 *   <li>or write {@code <argLine>@{argLine} -Xmx1g</argLine>} in Surefire's configuration: Surefire replaces
 *   {@code @{argLine}} late, with what this goal set.</li>
 * </ul>
 * For Failsafe with its own options, set {@code propertyName} to e.g. {@code failsafeArgLine} and use
 * {@code <argLine>@{failsafeArgLine}</argLine>} in Failsafe's configuration.
 */
@Mojo(name = "prepare-agent", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true)
public class PrepareAgentMojo extends AbstractAuthenticityMojo {

  /** The agent's coordinates among this plugin's dependencies. */
  static final String AGENT = "io.github.authenticity:authenticity-agent";

  /**
   * The property to put the agent option into: Surefire's and Failsafe's {@code argLine} by default; another
   * name (e.g. {@code failsafeArgLine}) when a test plugin reads it with {@code @{...}}.
   */
  @Parameter(property = "authenticity.propertyName", defaultValue = "argLine")
  String propertyName;

  /** This plugin's dependencies, the agent among them. */
  @Parameter(defaultValue = "${plugin.artifactMap}", readonly = true, required = true)
  Map<String, Artifact> pluginArtifactMap;

  @Override
  String goal() {
    return "prepare-agent";
  }

  @Override
  void run() throws MojoExecutionException {
    Artifact agent = pluginArtifactMap.get(AGENT);
    File jar = agent == null ? null : agent.getFile();
    if (jar == null || !jar.isFile()) {
      throw new MojoExecutionException("The Authenticity agent jar (" + AGENT + ") is not among the plugin's "
          + "resolved dependencies" + (jar == null ? "" : " (" + jar + " is not a file)") + "; check that the "
          + "repository that served the plugin also serves " + AGENT + ".");
    }
    Properties target = target();
    String before = target.getProperty(propertyName);
    String after = AgentOption.prepend(jar.toPath(), before);
    target.setProperty(propertyName, after);
    getLog().info(propertyName + " set to " + after);
  }

  /** Where Surefire will read the property from: a {@code -D} of the build wins over the project's. */
  private Properties target() {
    Properties user = session.getUserProperties();
    return user.containsKey(propertyName) ? user : project.getProperties();
  }

  @Override
  void skipped() {
    // keep @{argLine} resolvable in the test plugins' configuration when the goal is skipped
    Properties target = target();
    if (target.getProperty(propertyName) == null) {
      target.setProperty(propertyName, "");
    }
  }
}
