package dev.itk.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.itk.conformance.vectors.VectorSet;
import dev.itk.conformance.vectors.VectorsVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The vectors' content version: the {@code VERSION} file, what the jar reports, and the rule that a
 * changed manifest needs a new version with its own CHANGELOG.md section
 * (docs/vectors.md#versions).
 */
class VectorsVersionTest {
  private static final String HEX64 = "0123456789abcdef".repeat(4);

  @Test
  void versionFile_isOneSemanticVersionLine() throws IOException {
    String text = Files.readString(Vectors.directory().resolve("VERSION"), StandardCharsets.UTF_8);

    assertThat(text)
        .as("fixtures/vectors/VERSION, byte for byte")
        .matches("(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\n");
  }

  @Test
  void bundledVersion_isTheCheckoutsVersionFormatAndManifestDigest() throws IOException {
    Path dir = Vectors.directory();
    String content = Files.readString(dir.resolve("VERSION"), StandardCharsets.UTF_8).strip();
    String manifestDigest = sha256(Files.readAllBytes(dir.resolve("SHA256SUMS")));

    VectorsVersion bundled = VectorSet.bundledVersion();

    // Format 2: the "formatVersion" const of fixtures/schema/vectors.schema.json.
    assertThat(bundled).isEqualTo(new VectorsVersion(content, 2, manifestDigest));
  }

  /**
   * A changed vector, VERSION or set of files changes SHA256SUMS; CHANGELOG.md's section for the
   * current content version records the manifest it was cut from, so changing the vectors without a
   * new version (and a new section) fails here.
   */
  @Test
  void changelog_recordsThisManifestUnderTheCurrentContentVersion() throws IOException {
    Path root = VectorSet.repositoryRoot();
    String version =
        Files.readString(Vectors.directory().resolve("VERSION"), StandardCharsets.UTF_8).strip();
    String manifestDigest = sha256(Files.readAllBytes(Vectors.directory().resolve("SHA256SUMS")));
    String changelog = Files.readString(root.resolve("CHANGELOG.md"), StandardCharsets.UTF_8);

    Matcher section =
        Pattern.compile(
                "(?ms)^## \\[vectors " + Pattern.quote(version) + "\\][^\n]*\n(.*?)(?=^## |\\z)")
            .matcher(changelog);
    assertThat(section.find())
        .as(
            "CHANGELOG.md has a \"## [vectors %s] - DATE\" section for fixtures/vectors/VERSION;"
                + " add one saying what changed, with the line \"Manifest: `sha256:%s`\"",
            version, manifestDigest)
        .isTrue();
    Matcher recorded =
        Pattern.compile("Manifest: `sha256:([0-9a-f]{64})`").matcher(section.group(1));
    assertThat(recorded.find())
        .as(
            "the [vectors %s] section of CHANGELOG.md has a \"Manifest: `sha256:...`\" line",
            version)
        .isTrue();
    assertThat(manifestDigest)
        .as(
            "SHA-256 of fixtures/vectors/SHA256SUMS. The vectors changed since content version %s"
                + " was cut from manifest sha256:%s: raise CONTENT_VERSION in fixtures/generate"
                + " (major if an expectation changed, minor if vectors were added, patch"
                + " otherwise), run fixtures/generate, and add a CHANGELOG.md section for the new"
                + " version with its manifest digest",
            version, recorded.group(1))
        .isEqualTo(recorded.group(1));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"1.0", "1.0.0.0", "01.0.0", "1.0.0-rc1", "v1.0.0", " 1.0.0", ""})
  void constructor_rejectsAContentVersionThatIsNotMajorMinorPatch(String content) {
    assertThatThrownBy(() -> new VectorsVersion(content, 1, HEX64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid vectors content version \"" + content + "\"; must be MAJOR.MINOR.PATCH");
  }

  @Test
  void constructor_rejectsFormatZero() {
    assertThatThrownBy(() -> new VectorsVersion("1.0.0", 0, HEX64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid vectors format version 0; must be at least 1");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789", "ab"})
  void constructor_rejectsADigestThatIsNot64LowercaseHexDigits(String digest) {
    assertThatThrownBy(() -> new VectorsVersion("1.0.0", 1, digest))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid manifest digest \"" + digest + "\"; must be 64 lowercase hexadecimal digits");
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
