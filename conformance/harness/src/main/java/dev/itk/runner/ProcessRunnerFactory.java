package dev.itk.runner;

/** The {@code process} kind: each adapter as a child process, with its runtime on PATH. */
public final class ProcessRunnerFactory implements RunnerFactory {
  @Override
  public String kind() {
    return "process";
  }

  @Override
  public Runner create(Sinks sinks) {
    return new ProcessRunner(sinks.transcript());
  }
}
