package io.github.authenticity.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Writes one authenticity report for several modules: merges the events files of every module and adds
 * the guarded tests compiled into each, like JaCoCo's {@code report-aggregate}.
 *
 * <p>The modules are those of this project (its {@code <modules>}, recursively) and the reactor projects
 * it depends on. Two ways to use it:
 * <ul>
 *   <li>on the command line, after the modules' tests ran: {@code mvn verify authenticity:report-aggregate}
 *       (an aggregator goal runs once, at the root, after the whole reactor went through {@code verify});</li>
 *   <li>in the lifecycle, bound in a module that depends on the tested modules (so the reactor builds it
 *       last), e.g. a {@code report} module with {@code <packaging>pom</packaging>}.</li>
 * </ul>
 * Binding it in the root {@code pom} does not work: the reactor builds the root before its modules.
 */
@Mojo(name = "report-aggregate", defaultPhase = LifecyclePhase.VERIFY, aggregator = true,
    requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class ReportAggregateMojo extends AbstractReportMojo {

  /** Where the aggregate report files are written. */
  @Parameter(property = "authenticity.aggregateReportsDirectory",
      defaultValue = "${project.build.directory}/authenticity-aggregate")
  File reportsDirectory;

  /** The name of the events directory inside each module's build directory (as {@code outputDirectory}). */
  @Parameter(property = "authenticity.moduleOutputDirectoryName", defaultValue = "authenticity")
  String moduleOutputDirectoryName;

  @Override
  String goal() {
    return "report-aggregate";
  }

  @Override
  void run() throws MojoExecutionException {
    if (skippedWithTests()) {
      return;
    }
    List<MavenProject> modules = modules();
    List<ReportAssembler.Module> inputs = new ArrayList<>();
    for (MavenProject module : modules) {
      ReportAssembler.Module input = module(module,
          new File(module.getBuild().getDirectory(), moduleOutputDirectoryName));
      if (ReportAssembler.hasInput(input)) {
        inputs.add(input);
      }
    }
    if (inputs.isEmpty()) {
      getLog().info("Skipping authenticity:report-aggregate: none of the " + modules.size()
          + " modules of [" + project.getId() + "] has events files or compiled test classes.");
      return;
    }
    getLog().info("Aggregating the authenticity report of " + inputs.size() + " modules: "
        + inputs.stream().map(ReportAssembler.Module::name).collect(Collectors.joining(", ")));
    ReportAssembler.Assembled assembled = assemble(inputs);
    if (assembled.empty()) {
      getLog().info("Skipping authenticity:report-aggregate: no events files and no guarded tests in the "
          + inputs.size() + " modules.");
      return;
    }
    write(assembled.report(), reportsDirectory);
    logSummary(assembled.report(), reportsDirectory);
  }

  /** This project's modules (recursively) and the reactor projects it depends on, each once. */
  private List<MavenProject> modules() {
    Map<String, MavenProject> result = new LinkedHashMap<>();
    List<MavenProject> collected = project.getCollectedProjects();
    if (collected != null) {
      for (MavenProject module : collected) {
        result.putIfAbsent(module.getId(), module);
      }
    }
    Set<String> dependencies = project.getDependencies().stream()
        .map(dependency -> dependency.getGroupId() + ":" + dependency.getArtifactId())
        .collect(Collectors.toSet());
    for (MavenProject reactorProject : session.getProjects()) {
      String key = reactorProject.getGroupId() + ":" + reactorProject.getArtifactId();
      if (dependencies.contains(key)) {
        result.putIfAbsent(reactorProject.getId(), reactorProject);
      }
    }
    result.remove(project.getId());
    return List.copyOf(result.values());
  }
}
