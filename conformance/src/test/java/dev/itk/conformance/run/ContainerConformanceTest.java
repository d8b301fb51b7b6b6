package dev.itk.conformance.run;

import dev.itk.runner.ContainerRunner;
import dev.itk.runner.Runner;

/**
 * The cross-language checks with every sample in its own container, the image built from its
 * Dockerfile (or reused). In CI ({@code CI=true}) a missing engine fails every language.
 */
class ContainerConformanceTest extends CrossLanguageSuite {
  private final ContainerRunner runner = new ContainerRunner(line -> {}, line -> {});

  @Override
  Runner runner() {
    return runner;
  }
}
