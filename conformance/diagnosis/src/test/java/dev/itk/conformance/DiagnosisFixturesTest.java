package dev.itk.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.conformance.vectors.VectorSet;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code fixtures/diagnosis/cases.json} is exactly what its independent generator writes, and
 * passes the generator's own consistency check (each mistake case verifies only with its mistakes
 * re-applied, and no other single mistake or pair explains it).
 */
class DiagnosisFixturesTest {
  private static final Path ROOT = VectorSet.repositoryRoot();

  @Test
  void generatorReproducesTheCommittedCases() {
    ExternalTools.require("python3", "to run fixtures/generate-diagnosis");

    ProcessResult r =
        ProcessResult.run(
            List.of("python3", ROOT.resolve("fixtures/generate-diagnosis").toString(), "--check"),
            ROOT,
            new byte[0],
            300);

    assertThat(r.exitCode()).as("generate-diagnosis --check; stderr:%n%s", r.stderr()).isZero();
  }

  @Test
  void casesPassTheGeneratorsConsistencyCheck() {
    ExternalTools.require("python3", "to run fixtures/check-diagnosis-cases");

    ProcessResult r =
        ProcessResult.run(
            List.of("python3", ROOT.resolve("fixtures/check-diagnosis-cases").toString()),
            ROOT,
            new byte[0],
            300);

    assertThat(r.exitCode())
        .as(
            "check-diagnosis-cases; stdout:%n%s%nstderr:%n%s",
            new String(r.stdout(), java.nio.charset.StandardCharsets.UTF_8), r.stderr())
        .isZero();
  }
}
