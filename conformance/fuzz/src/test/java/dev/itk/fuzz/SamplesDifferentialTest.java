package dev.itk.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.conformance.run.Status;
import dev.itk.conformance.run.Target;
import dev.itk.runner.AdapterManifest;
import dev.itk.runner.ImplementationId;
import dev.itk.runner.ProcessRunnerFactory;
import dev.itk.runner.Runner;
import dev.itk.runner.RunnerFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short fuzz run with a fixed seed over every sample, all at once, in process mode: none may
 * differ from the reference. With {@code CI=true} a missing runtime fails; otherwise it is skipped
 * (and said so).
 */
class SamplesDifferentialTest {
  private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));
  private static final Path KIT = Path.of("../..").toAbsolutePath().normalize();
  private static final long CASES = 5_000;

  @TempDir Path out;

  @Test
  void everySampleSignsEveryGeneratedInputAsTheReferenceDoes() {
    Runner runner = new ProcessRunnerFactory().create(RunnerFactory.Sinks.NONE);
    List<Target> targets = new ArrayList<>();
    for (Path folder : AdapterManifest.folders(KIT.resolve("polyglot-samples"))) {
      AdapterManifest m = AdapterManifest.load(folder);
      targets.add(new Target(new ImplementationId("process", m.language()), m, runner));
    }
    assertThat(targets).hasSize(7);
    List<String> lines = new ArrayList<>();
    FuzzResult r =
        FuzzRun.run(
            targets,
            FuzzSettings.of(20261203L, CASES, Duration.ZERO, out, KIT.resolve("fixtures/generate")),
            CI,
            line -> {
              lines.add(line);
              System.out.println(line);
            });

    assertThat(r.unsignable()).as("generated inputs the reference refused").isZero();
    for (LanguageResult l : r.languages()) {
      if (l.status() == Status.SKIPPED) {
        System.out.println("skipped (not CI): " + l.id() + ": " + l.detail());
        continue;
      }
      assertThat(l.status())
          .as(l.id() + ": " + l.kinds() + " " + l.detail())
          .isEqualTo(Status.PASSED);
      assertThat(l.tried()).as(l.id()).isEqualTo(CASES);
    }
    assertThat(r.findings()).isEmpty();
    assertThat(r.passed()).isTrue();
  }
}
