package dev.itk.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.conformance.vectors.Vector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A second, independent HMAC implementation (OpenSSL) confirms a sample of the generator's
 * signatures, so the vectors do not rest on Python's hmac alone.
 */
class OpensslCrossCheckTest {

  /** Every eighth valid vector, and every vector whose message is not UTF-8. */
  static Stream<Vector> sample() {
    List<Vector> valid = Vectors.all().filter(Vector::isValid).toList();
    List<Vector> picked = new ArrayList<>();
    for (int i = 0; i < valid.size(); i++) {
      Vector v = valid.get(i);
      if (i % 8 == 0 || v.expected().messageBase64() != null) {
        picked.add(v);
      }
    }
    return picked.stream();
  }

  @Test
  void sampleIsLargeEnough() {
    assertThat(sample().count()).isGreaterThanOrEqualTo(20);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sample")
  void opensslComputesTheSameSignature(Vector vector) {
    ExternalTools.require("openssl", "to recompute HMAC-SHA512 independently");
    String hexKey = HexFormat.of().formatHex(vector.input().key().getBytes(StandardCharsets.UTF_8));

    ProcessResult r =
        ProcessResult.run(
            List.of(
                "openssl",
                "dgst",
                "-sha512",
                "-mac",
                "HMAC",
                "-macopt",
                "hexkey:" + hexKey,
                "-binary"),
            Vectors.directory(),
            vector.expected().messageBytes(),
            30);

    assertThat(r.exitCode()).as("openssl exit code; stderr: %s", r.stderr()).isZero();
    assertThat(Base64.getEncoder().encodeToString(r.stdout()))
        .as("openssl's HMAC-SHA512 of the expected message")
        .isEqualTo(vector.expected().signature());
  }
}
