package dev.itk.runner.embedded;

import dev.itk.runner.AdapterManifest;
import dev.itk.runner.Runner;
import dev.itk.runner.RunnerFactory;

/** The {@code embedded} kind: the Python and JavaScript samples in the harness JVM (GraalVM). */
public final class EmbeddedRunnerFactory implements RunnerFactory {
  @Override
  public String kind() {
    return "embedded";
  }

  @Override
  public boolean supports(AdapterManifest manifest) {
    return EmbeddedRunner.supports(manifest);
  }

  @Override
  public Runner create(Sinks sinks) {
    return new EmbeddedRunner(sinks.transcript());
  }
}
