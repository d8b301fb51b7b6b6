package dev.itk.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.conformance.vectors.Vector;
import java.util.ArrayList;
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

  /** Every eighth valid or acceptable vector, and every vector whose message is not UTF-8. */
  static Stream<Vector> sample() {
    List<Vector> valid = Vectors.all().filter(Vector::hasSigningExpectation).toList();
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
    assertThat(
            ExternalTools.opensslHmacSha512(vector.input().key(), vector.expected().messageBytes()))
        .as("openssl's HMAC-SHA512 of the expected message")
        .isEqualTo(vector.expected().signature());
  }
}
