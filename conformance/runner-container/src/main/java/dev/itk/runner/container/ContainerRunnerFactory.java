package dev.itk.runner.container;

import dev.itk.runner.Availability;
import dev.itk.runner.Runner;
import dev.itk.runner.RunnerFactory;

/** The {@code container} kind: each sample's image built and its adapter run in a container. */
public final class ContainerRunnerFactory implements RunnerFactory {
  @Override
  public String kind() {
    return "container";
  }

  /** Whether a Docker-API engine answers. */
  @Override
  public Availability readiness() {
    return ContainerRunner.engine();
  }

  @Override
  public Runner create(Sinks sinks) {
    return new ContainerRunner(sinks.transcript(), sinks.progress());
  }
}
