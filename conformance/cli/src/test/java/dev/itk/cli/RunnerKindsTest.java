package dev.itk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.itk.runner.ProcessRunner;
import dev.itk.runner.ProcessRunnerFactory;
import dev.itk.runner.RunnerFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CLI compiles against no runner but the process one: the kinds come from {@code
 * META-INF/services} of the jars on its classpath.
 */
class RunnerKindsTest {
  @Test
  void theClasspathProvidesTheThreeKinds_eachFromItsOwnModule() {
    List<RunnerFactory> found = RunnerFactory.all();

    assertThat(found)
        .extracting(RunnerFactory::kind)
        .containsExactlyInAnyOrder("process", "container", "embedded");
    assertThat(found)
        .extracting(f -> f.getClass().getName())
        .containsExactlyInAnyOrder(
            "dev.itk.runner.ProcessRunnerFactory",
            "dev.itk.runner.container.ContainerRunnerFactory",
            "dev.itk.runner.embedded.EmbeddedRunnerFactory");
  }

  @Test
  void aKindWhoseJarIsMissing_isBadInputNamingTheJar() {
    ImplementationOptions.Runners onlyProcess =
        new ImplementationOptions.Runners(
            RunnerFactory.Sinks.NONE, List.of(new ProcessRunnerFactory()));

    assertThat(onlyProcess.get("process")).isInstanceOf(ProcessRunner.class);
    assertThat(onlyProcess.has("embedded")).isFalse();
    assertThat(onlyProcess.readiness("container").available()).isFalse();
    assertThat(onlyProcess.readiness("container").detail())
        .isEqualTo(
            "no container runner on the classpath (runners here: process); add the"
                + " itk-runner-container jar");
    assertThatThrownBy(() -> onlyProcess.get("embedded"))
        .isInstanceOf(BadInputException.class)
        .hasMessage(
            "--runner embedded: no embedded runner on the classpath (runners here: process); add"
                + " the itk-runner-embedded jar and GraalVM's jars (in the release archive:"
                + " lib/embedded/README.md)");
  }

  @Test
  void eachRunnerIsMadeOnce() {
    ImplementationOptions.Runners runners =
        new ImplementationOptions.Runners(
            RunnerFactory.Sinks.NONE, List.of(new ProcessRunnerFactory()));

    assertThat(runners.get("process")).isSameAs(runners.get("process"));
  }
}
