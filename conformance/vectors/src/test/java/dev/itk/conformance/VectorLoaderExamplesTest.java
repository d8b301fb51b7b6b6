package dev.itk.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.conformance.vectors.VectorSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docs/vectors.md shows each loader of docs/examples/vectors/ verbatim, so the docs cannot drift
 * from the files VectorLoaderExamplesIT runs.
 */
class VectorLoaderExamplesTest {
  private static final Path EXAMPLES = VectorSet.repositoryRoot().resolve("docs/examples/vectors");

  @Test
  void examples_areOneLoaderPerLanguage() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("load.go", "load.rs", "load.py", "load.js");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"load.go, go", "load.rs, rust", "load.py, python", "load.js, js"})
  void docs_showTheExampleVerbatim(String example, String fence) throws IOException {
    String code = Files.readString(EXAMPLES.resolve(example), StandardCharsets.UTF_8);
    String docs =
        Files.readString(
            VectorSet.repositoryRoot().resolve("docs/vectors.md"), StandardCharsets.UTF_8);

    assertThat(docs)
        .as("docs/vectors.md shows docs/examples/vectors/%s in a ```%s block", example, fence)
        .contains("```" + fence + "\n" + code + "```\n");
  }
}
