package io.github.authenticity.maven;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.internal.config.ConfigLoader;
import io.github.authenticity.core.internal.config.ConfigParameters;
import io.github.authenticity.core.internal.config.ConfigurationException;
import io.github.authenticity.core.internal.config.ContainerBinding;
import io.github.authenticity.core.internal.probe.Preflight;
import io.github.authenticity.core.probe.ProbeResult;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import io.github.authenticity.core.config.ConfigurationKeys;

/**
 * Probes every service of an environment, all in parallel, and prints their health table (service,
 * endpoint, status, latency, cause). Needs no tests: reads the project's {@code authenticity.yaml} from its
 * test resources (or the file named by {@code authenticity.config}).
 *
 * <p>Fails the build when a service is {@code DOWN}, naming each one; a {@code DEGRADED} service is a
 * warning. Overrides work as in the tests: {@code -Dauthenticity.environment=staging},
 * {@code -Dauthenticity.services.backend.url=...}. Custom probes ({@code ServiceProbe}) are found on the
 * project's test class path.
 */
@Mojo(name = "probe", requiresProject = true, requiresDependencyResolution = ResolutionScope.TEST,
    threadSafe = true)
public class ProbeMojo extends AbstractAuthenticityMojo {

  /**
   * The environment to probe, as named under {@code environments} in {@code authenticity.yaml}. Defaults to
   * the environment variable {@code AUTHENTICITY_ENVIRONMENT}, then the file's {@code environment}, then
   * {@code local}.
   */
  @Parameter(property = "authenticity.environment")
  String environment;

  /**
   * The configuration file, instead of {@code authenticity.yaml} at the root of the test resources.
   * A relative path is resolved against the project's base directory.
   */
  @Parameter(property = "authenticity.config")
  File config;

  @Override
  String goal() {
    return "probe";
  }

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    Map<String, String> overrides = new HashMap<>();
    putAll(overrides, project.getProperties());
    putAll(overrides, session.getSystemProperties());
    putAll(overrides, session.getUserProperties());
    if (environment != null && !environment.isBlank()) {
      overrides.put(ConfigurationKeys.ENVIRONMENT, environment.strip());
    }
    if (config != null) {
      File file = config.isAbsolute() ? config : new File(project.getBasedir(), config.getPath());
      overrides.put(ConfigurationKeys.CONFIG, file.getAbsolutePath());
    }
    try (URLClassLoader loader = testClassLoader()) {
      AuthenticityConfig configuration;
      try {
        configuration = new ConfigLoader(ConfigParameters.of(overrides), System.getenv(), loader).load();
      } catch (ConfigurationException ex) {
        throw new MojoExecutionException(ex.getMessage(), ex);
      }
      List<ServiceDefinition> services = new ArrayList<>();
      for (ServiceDefinition service : configuration.services().values()) {
        if (ContainerBinding.configured(service)) {
          getLog().info("Service [" + service.name() + "] " + ContainerBinding.notProbed() + ".");
        } else {
          services.add(service);
        }
      }
      if (services.isEmpty()) {
        getLog().info("No services to probe in environment [" + configuration.environment() + "] of "
            + configuration.source() + ".");
        return;
      }
      getLog().info("Probing " + services.size() + " services of environment ["
          + configuration.environment() + "] from " + configuration.source() + ":");
      Map<String, ProbeResult> results = new Preflight(loader).probeAll(services);
      for (String line : HealthTable.lines(results.values())) {
        getLog().info(line);
      }
      for (String warning : HealthTable.degradedWarnings(results.values())) {
        getLog().warn(warning);
      }
      String down = HealthTable.downSummary(configuration.environment(), results.values());
      if (down != null) {
        throw new MojoFailureException(down);
      }
    } catch (IOException ex) {
      throw new MojoExecutionException("Cannot close the class loader of the test resources: " + ex.getMessage(),
          ex);
    }
  }

  private static void putAll(Map<String, String> into, java.util.Properties properties) {
    if (properties != null) {
      for (String key : properties.stringPropertyNames()) {
        into.put(key, properties.getProperty(key));
      }
    }
  }

  /** The test resources, the compiled tests (when there are) and the test dependencies. */
  private URLClassLoader testClassLoader() throws MojoExecutionException {
    List<URL> urls = new ArrayList<>();
    for (Resource resource : project.getTestResources()) {
      addIfExists(urls, new File(resource.getDirectory()));
    }
    addIfExists(urls, new File(project.getBuild().getTestOutputDirectory()));
    for (Artifact artifact : project.getArtifacts()) {
      if (artifact.getFile() != null) {
        addIfExists(urls, artifact.getFile());
      }
    }
    return new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader());
  }

  private static void addIfExists(List<URL> urls, File file) throws MojoExecutionException {
    if (!file.exists()) {
      return;
    }
    try {
      urls.add(file.toURI().toURL());
    } catch (MalformedURLException ex) {
      throw new MojoExecutionException("Not a usable class path element [" + file + "]", ex);
    }
  }
}
