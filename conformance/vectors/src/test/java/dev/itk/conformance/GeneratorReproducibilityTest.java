package dev.itk.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.conformance.vectors.VectorSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed vectors are exactly what the generator writes: nothing edited by hand. */
class GeneratorReproducibilityTest {

  @Test
  void generatorRewritesTheCommittedFilesByteForByte(@TempDir Path out) throws IOException {
    ExternalTools.require("python3", "to run the independent vector generator fixtures/generate");
    Path root = VectorSet.repositoryRoot();

    ProcessResult r =
        ProcessResult.run(
            List.of(
                "python3", root.resolve("fixtures/generate").toString(), "--out", out.toString()),
            root,
            new byte[0],
            300);
    assertThat(r.exitCode()).as("fixtures/generate exit code; stderr:%n%s", r.stderr()).isZero();

    List<String> committed = names(Vectors.directory());
    assertThat(names(out)).as("files the generator writes").isEqualTo(committed);
    for (String name : committed) {
      assertThat(Files.readAllBytes(out.resolve(name)))
          .as("fixtures/vectors/%s as regenerated", name)
          .isEqualTo(Files.readAllBytes(Vectors.directory().resolve(name)));
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
