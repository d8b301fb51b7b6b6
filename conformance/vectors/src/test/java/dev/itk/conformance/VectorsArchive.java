package dev.itk.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.conformance.vectors.VectorSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The vectors archive this build made, {@code target/itk-vectors-<content version>.tar.gz}, and a
 * copy of it unpacked the way docs/vectors.md tells a Go, Rust, Python or Node project to vendor
 * it.
 */
final class VectorsArchive {
  private VectorsArchive() {}

  /** The content version in the checkout's {@code fixtures/vectors/VERSION}, e.g. {@code 1.0.0}. */
  static String checkoutContentVersion() throws IOException {
    return Files.readString(Vectors.directory().resolve("VERSION"), StandardCharsets.US_ASCII)
        .strip();
  }

  /** The archive's name: {@code itk-vectors-1.0.0.tar.gz} for content version 1.0.0. */
  static String fileName() throws IOException {
    return "itk-vectors-" + checkoutContentVersion() + ".tar.gz";
  }

  /** Where the build put it: the module's target directory (failsafe passes it). */
  static Path file() throws IOException {
    String target = System.getProperty("itk.build.directory");
    Path dir =
        target == null || target.isBlank()
            ? VectorSet.repositoryRoot().resolve("conformance/vectors/target")
            : Path.of(target);
    return dir.resolve(fileName());
  }

  /**
   * Unpacks the archive with the system's {@code tar} into {@code project/testdata/itk-vectors},
   * dropping its top folder, as docs/vectors.md says; returns that folder.
   */
  static Path vendorInto(Path project) throws IOException {
    ExternalTools.require("tar", "to unpack the vectors archive as a consumer would");
    Path archive = file();
    assertThat(archive).as("the archive ./mvnw package makes").isRegularFile();
    Path vendored = Files.createDirectories(project.resolve("testdata/itk-vectors"));
    ProcessResult r =
        ProcessResult.run(
            List.of(
                "tar",
                "-xzf",
                archive.toString(),
                "--strip-components=1",
                "-C",
                vendored.toString()),
            project,
            new byte[0],
            60);
    assertThat(r.exitCode()).as("tar -xzf %s; stderr: %s", archive, r.stderr()).isZero();
    return vendored;
  }
}
