package dev.itk.cli;

import static dev.itk.cli.ItkRun.itk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.conformance.vectors.VectorSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** {@code itk --version}: the kit's version, the vectors' version and their manifest digest. */
class VersionOptionTest {

  @Test
  void version_printsTheBuildsKitVersionAndTheVectorsVersionAndManifestDigest() throws IOException {
    // From the build (surefire sets it from ${project.version}) and from the checkout's files.
    String kitVersion = System.getProperty("itk.test.kit-version");
    assertThat(kitVersion).as("system property itk.test.kit-version, set by the pom").isNotBlank();
    Path vectors = VectorSet.defaultDirectory();
    String content =
        Files.readString(vectors.resolve("VERSION"), StandardCharsets.US_ASCII).strip();
    String manifest = sha256(Files.readAllBytes(vectors.resolve("SHA256SUMS")));

    ItkRun run = itk("--version");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(run.out().lines())
        .containsExactly(
            "itk " + kitVersion,
            "vectors " + content + " (format 2)",
            "vectors manifest sha256:" + manifest);
    assertThat(run.err()).isEmpty();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
