package dev.itk.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itk.conformance.vectors.VectorSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The loaders of docs/vectors.md (docs/examples/vectors/), each run by its own runtime in a project
 * that vendored the archive into {@code testdata/itk-vectors}: each must print every valid vector
 * of {@code seed.json}, in order, as {@code ID SIGNATURE}. The Rust one needs a crate from
 * crates.io, so the build does not run it (docs/vectors.md says how it was tried).
 */
class VectorLoaderExamplesIT {
  @TempDir static Path project;

  @BeforeAll
  static void vendor() throws IOException {
    VectorsArchive.vendorInto(project);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"python3, load.py", "node, load.js", "go, load.go"})
  void loader_printsEveryValidSeedVector(String runtime, String example) throws IOException {
    ExternalTools.require(runtime, "to run the vector loader docs/examples/vectors/" + example);
    Path file = VectorSet.repositoryRoot().resolve("docs/examples/vectors").resolve(example);
    List<String> command =
        runtime.equals("go")
            ? List.of("go", "run", file.toString())
            : List.of(runtime, file.toString());

    ProcessResult r = ProcessResult.run(command, project, new byte[0], 180);

    assertThat(r.exitCode()).as("%s exit code; stderr:%n%s", command, r.stderr()).isZero();
    assertThat(new String(r.stdout(), StandardCharsets.UTF_8).lines())
        .containsExactlyElementsOf(validSeedVectors());
  }

  /** {@code ID SIGNATURE} of each valid vector of the checkout's seed.json, read with Jackson. */
  private static List<String> validSeedVectors() throws IOException {
    JsonNode family =
        new ObjectMapper().readTree(Vectors.directory().resolve("seed.json").toFile());
    List<String> lines = new ArrayList<>();
    for (JsonNode vector : family.get("vectors")) {
      if (vector.get("result").asText().equals("valid")) {
        lines.add(vector.get("id").asText() + " " + vector.at("/expected/signature").asText());
      }
    }
    assertThat(lines).as("valid vectors in seed.json").isNotEmpty();
    return lines;
  }
}
