package dev.itk.runner.container;

import dev.itk.conformance.run.CrossLanguageSuite;
import dev.itk.runner.Runner;

/**
 * The cross-language checks with every sample in its own container, the image built from its
 * Dockerfile (or reused). In CI ({@code CI=true}) a missing engine fails every language.
 */
class ContainerConformanceTest extends CrossLanguageSuite {
  private final ContainerRunner runner = new ContainerRunner(line -> {}, line -> {});

  @Override
  protected Runner runner() {
    return runner;
  }
}
