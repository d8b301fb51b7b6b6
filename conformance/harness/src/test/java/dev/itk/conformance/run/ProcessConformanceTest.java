package dev.itk.conformance.run;

import dev.itk.runner.ProcessRunner;
import dev.itk.runner.Runner;

/** The cross-language checks with every sample a child process, its runtime on PATH. */
class ProcessConformanceTest extends CrossLanguageSuite {
  private final ProcessRunner runner = new ProcessRunner();

  @Override
  protected Runner runner() {
    return runner;
  }
}
