package dev.itk.conformance.vectors;

import java.util.regex.Pattern;

/**
 * Which vectors a set is: a content version like {@code 1.0.0} (the {@code VERSION} file beside the
 * vector files), the format version of the files, and the SHA-256 of the {@code SHA256SUMS}
 * manifest that lists them all, {@code VERSION} included. {@code itk --version} prints it; how the
 * content version is bumped is in {@code docs/vectors.md#versions}.
 *
 * @param content the content version, {@code MAJOR.MINOR.PATCH}: major when an expectation changed,
 *     minor when vectors were added, patch when only comments or descriptions changed
 * @param format the files' {@code formatVersion}, e.g. {@code 1}
 * @param manifestSha256 the SHA-256 of the {@code SHA256SUMS} file's bytes, 64 lowercase hex digits
 */
public record VectorsVersion(String content, int format, String manifestSha256) {
  private static final Pattern SEMVER =
      Pattern.compile("(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  /**
   * @throws IllegalArgumentException naming the rule and the value when a part is malformed
   */
  public VectorsVersion {
    if (content == null || !SEMVER.matcher(content).matches()) {
      throw new IllegalArgumentException(
          "Invalid vectors content version " + quoted(content) + "; must be MAJOR.MINOR.PATCH");
    }
    if (format < 1) {
      throw new IllegalArgumentException(
          "Invalid vectors format version " + format + "; must be at least 1");
    }
    if (manifestSha256 == null || !SHA256_HEX.matcher(manifestSha256).matches()) {
      throw new IllegalArgumentException(
          "Invalid manifest digest "
              + quoted(manifestSha256)
              + "; must be 64 lowercase hexadecimal digits");
    }
  }

  private static String quoted(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }
}
