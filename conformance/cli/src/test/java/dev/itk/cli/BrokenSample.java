package dev.itk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.conformance.vectors.VectorSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A copy of the Node sample whose signer stops lowercasing the path: a known failing client. */
final class BrokenSample {
  private BrokenSample() {}

  /** Writes {@code dir/node}, the broken copy, and returns {@code dir} (a samples folder). */
  static Path nodeWithoutLowercasing(Path dir) throws IOException {
    copy(VectorSet.repositoryRoot().resolve("polyglot-samples/node"), dir.resolve("node"));
    Path canonical = dir.resolve("node/lib/canonical.js");
    String code = Files.readString(canonical);
    assertThat(code).as("the line this breaks").contains("return path.toLowerCase();");
    Files.writeString(canonical, code.replace("return path.toLowerCase();", "return path;"));
    return dir;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.sorted(Comparator.naturalOrder()).toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
