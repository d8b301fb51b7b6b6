package dev.itk.cli;

import static dev.itk.cli.ItkRun.itk;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code itk load --duration}: input it refuses, with exit code 2, before any stub starts. */
class LoadCommandTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--duration 25h | --duration must be 1s to 24h; got 25h",
        "--duration 0s | --duration must be 1s to 24h; got 0s",
        "--duration -10m | --duration must be 1s to 24h; got -10m",
        "--duration 500ms | --duration must be 1s to 24h; got 500ms",
        "--duration ten | --duration \"ten\" is not like 5m, 30s, 1500ms, 2h or ISO 8601",
        "--duration 10m --flood 100 | --flood is for the mixed run and the flood; --duration runs"
            + " the soak instead",
        "--duration 10m --requests 5 | --requests is for the mixed run and the flood",
        "--duration 10m --clients 0 | --clients must be 1 to 1024; got 0",
      })
  void aSoakItCannotRun_isBadInput(String args, String message) {
    ItkRun run = itk(("load " + args).split(" "));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(Itk.BAD_INPUT);
    assertThat(run.err()).startsWith("itk load: ").contains(message);
    assertThat(run.out()).doesNotContain("itk load: soak");
  }
}
