package io.github.authenticity.core;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The package structure of {@code core} that {@code docs/architecture.md} draws, checked on the compiled main
 * classes: no cycle between packages, and every arrow points down the layers. A layer may use any layer below it,
 * never one beside it or above it. A change that needs an arrow up is a change of the design: move the class (or
 * give the lower layer an interface the upper one implements) and redraw the diagram.
 */
class ArchitectureTests {

  private static final String CORE = "io.github.authenticity.core";

  private static final JavaClasses CLASSES;

  static {
    // ArchUnit logs every class it reads at DEBUG, and Logback's default is DEBUG to the console
    ((Logger) LoggerFactory.getLogger("com.tngtech.archunit")).setLevel(Level.INFO);
    CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(CORE);
  }

  /** The layers, bottom first; the layers of one row are beside each other and may not use each other. */
  private static final List<List<Layer>> LAYERS = List.of(
      List.of(layer("model", ".internal.model.."), layer("net", ".internal.net.."),
          layer("redact", ".internal.redact.."), layer("service definition (API)", ".config..")),
      List.of(layer("probe SPI (API)", ".probe..")),
      List.of(layer("config", ".internal.config..")),
      List.of(layer("probes", ".internal.probe..")),
      List.of(layer("detect", ".internal.detect.."), layer("events", ".internal.events..")),
      List.of(layer("judge", ".internal.judge..")),
      List.of(layer("report", ".internal.report..")),
      List.of(layer("cli (API)", ".cli.."), layer("Fallbacks (API)", "")));

  private static Layer layer(String name, String packages) {
    return new Layer(name, CORE + packages);
  }

  private record Layer(String name, String packages) {
  }

  @Test
  void corePackagesAreFreeOfCycles() {
    slices().matching(CORE + ".(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void internalPackagesAreFreeOfCycles() {
    slices().matching(CORE + ".internal.(*)..").should().beFreeOfCycles()
        .check(CLASSES);
  }

  @Test
  void everyArrowPointsDownTheLayers() {
    LayeredArchitecture architecture = layeredArchitecture().consideringOnlyDependenciesInLayers();
    for (List<Layer> row : LAYERS) {
      for (Layer layer : row) {
        architecture = architecture.layer(layer.name()).definedBy(layer.packages());
      }
    }
    for (int i = 0; i < LAYERS.size(); i++) {
      List<String> above = new ArrayList<>();
      for (List<Layer> row : LAYERS.subList(i + 1, LAYERS.size())) {
        row.forEach(layer -> above.add(layer.name()));
      }
      for (Layer layer : LAYERS.get(i)) {
        architecture = above.isEmpty()
            ? architecture.whereLayer(layer.name()).mayNotBeAccessedByAnyLayer()
            : architecture.whereLayer(layer.name()).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
      }
    }
    architecture.check(CLASSES);
  }
}
