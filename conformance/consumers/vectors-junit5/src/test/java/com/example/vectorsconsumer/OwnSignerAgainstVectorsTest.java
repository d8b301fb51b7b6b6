package com.example.vectorsconsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.itk.conformance.Mismatch;
import dev.itk.conformance.SigningOutcome;
import dev.itk.conformance.VectorCheck;
import dev.itk.conformance.vectors.Vector;
import dev.itk.conformance.vectors.VectorInput;
import dev.itk.conformance.vectors.VectorSet;
import dev.itk.signing.ApiKey;
import dev.itk.signing.RequestSigner;
import dev.itk.signing.SignedRequest;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a team writes when its only dependency on the kit is {@code itk-vectors}: every valid vector
 * bundled in the jar, through the team's own signer (here the kit's reference signer stands in for
 * it), compared stage by stage; every acceptable vector either reproduced the same way or refused
 * by the signer with an error saying why.
 */
class OwnSignerAgainstVectorsTest {
  static List<Vector> validVectors() {
    return VectorSet.valid(VectorSet.bundled());
  }

  static List<Vector> acceptableVectors() {
    return VectorSet.acceptable(VectorSet.bundled());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptableVectors")
  void ourSignerReproducesOrRefusesTheAcceptableVector(Vector vector) {
    SigningOutcome ours;
    try {
      ours = ourSigner(vector.input());
    } catch (IllegalArgumentException refused) {
      // Allowed: the expectation rests on an unknown rule (vector.unknownRule()).
      assertFalse(refused.getMessage().isBlank(), "a refusal says what to do instead");
      return;
    }

    List<Mismatch> differences = VectorCheck.compare(vector, ours);

    assertTrue(
        differences.isEmpty(),
        () -> differences.stream().map(Mismatch::toString).collect(Collectors.joining("\n")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validVectors")
  void ourSignerReproducesTheVector(Vector vector) {
    SigningOutcome ours = ourSigner(vector.input());

    List<Mismatch> differences = VectorCheck.compare(vector, ours);

    assertTrue(
        differences.isEmpty(),
        () -> differences.stream().map(Mismatch::toString).collect(Collectors.joining("\n")));
  }

  @Test
  void theJarCarriesEveryFamily() {
    // fuzz (the regressions itk fuzz found) is there once it has a vector.
    assertEquals(
        List.of("bodies", "keys", "mixed", "paths", "queries", "seed", "timestamps", "verbs"),
        VectorSet.bundled().stream().map(f -> f.family()).filter(f -> !f.equals("fuzz")).toList());
  }

  /** The project's own signer would go here; the reference signer stands in for it. */
  private static SigningOutcome ourSigner(VectorInput in) {
    SignedRequest signed = RequestSigner.create(ApiKey.of(in.key())).sign(in.toCanonicalMessage());
    return new SigningOutcome(
        signed.message().toBytes(), signed.signature(), signed.headers().asMap());
  }
}
