package dev.itk.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.conformance.vectors.Vector;
import dev.itk.conformance.vectors.VectorExpected;
import dev.itk.conformance.vectors.VectorInput;
import dev.itk.signing.ApiKey;
import dev.itk.signing.CanonicalMessage;
import dev.itk.signing.IssuetrakTimestamp;
import dev.itk.signing.RequestSigner;
import dev.itk.signing.RequestTarget;
import dev.itk.signing.SignatureVerifier;
import dev.itk.signing.SignedRequest;
import dev.itk.signing.VerificationResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reference signer and verifier against every vector: one parameterized test per family, the
 * vector id as display name. Valid vectors: message bytes, rendering, signature and headers equal,
 * and the verifier accepts. Invalid vectors: the verifier refuses with the stated code.
 */
class VectorConformanceTest {

  static Stream<Vector> seed() {
    return Vectors.of("seed");
  }

  static Stream<Vector> paths() {
    return Vectors.of("paths");
  }

  static Stream<Vector> queries() {
    return Vectors.of("queries");
  }

  static Stream<Vector> bodies() {
    return Vectors.of("bodies");
  }

  static Stream<Vector> keys() {
    return Vectors.of("keys");
  }

  static Stream<Vector> timestamps() {
    return Vectors.of("timestamps");
  }

  static Stream<Vector> verbs() {
    return Vectors.of("verbs");
  }

  static Stream<Vector> mixed() {
    return Vectors.of("mixed");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seed")
  void seed(Vector vector) {
    check("seed", vector);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("paths")
  void paths(Vector vector) {
    check("paths", vector);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void queries(Vector vector) {
    check("queries", vector);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void bodies(Vector vector) {
    check("bodies", vector);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keys")
  void keys(Vector vector) {
    check("keys", vector);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("timestamps")
  void timestamps(Vector vector) {
    check("timestamps", vector);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("verbs")
  void verbs(Vector vector) {
    check("verbs", vector);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mixed")
  void mixed(Vector vector) {
    check("mixed", vector);
  }

  private static void check(String family, Vector vector) {
    if (vector.isValid()) {
      checkValid(vector);
    } else {
      checkInvalid(family, vector);
    }
  }

  private static void checkValid(Vector vector) {
    VectorInput in = vector.input();
    VectorExpected expected = vector.expected();

    if (in.url() != null) {
      assertThat(RequestTarget.fromUrl(in.url()))
          .as("path and query taken from the URL %s", in.url())
          .isEqualTo(new RequestTarget(in.path(), in.query()));
    }
    if (in.instant() != null) {
      assertThat(IssuetrakTimestamp.format(Instant.parse(in.instant())))
          .as("timestamp formatted from instant %s", in.instant())
          .isEqualTo(in.timestamp());
    }
    assertThat(IssuetrakTimestamp.parse(in.timestamp()).instant())
        .as("instant denoted by timestamp %s", in.timestamp())
        .isEqualTo(Instant.parse(expected.timestampInstant()));

    CanonicalMessage message = in.toCanonicalMessage();
    assertThat(message.path()).as("canonical path").isEqualTo(expected.path());

    byte[] expectedBytes = expected.messageBytes();
    byte[] actualBytes = message.toBytes();
    assertThat(actualBytes)
        .withFailMessage(
            () -> "canonical message differs\n" + MessageDiff.explain(expectedBytes, actualBytes))
        .isEqualTo(expectedBytes);
    assertThat(message.render()).as("rendered message").isEqualTo(expected.rendered());

    SignedRequest signed = RequestSigner.create(ApiKey.of(in.key())).sign(message);
    assertThat(signed.signature()).as("signature").isEqualTo(expected.signature());
    assertThat(signed.headers().asMap()).as("headers").containsExactlyEntriesOf(expected.headers());

    SignatureVerifier verifier =
        SignatureVerifier.builder()
            .key(ApiKey.of(in.key()))
            .clock(Clock.fixed(Instant.parse(expected.timestampInstant()), ZoneOffset.UTC))
            .build();
    VerificationResult result = verifier.verify(in.toReceivedRequest(expected.signature()));
    assertThat(result.isValid()).as("the verifier accepts it: %s", result).isTrue();
  }

  private static void checkInvalid(String family, Vector vector) {
    VectorInput in = vector.input();
    SignatureVerifier verifier =
        SignatureVerifier.builder()
            .key(ApiKey.of(in.key()))
            .window(Duration.parse(Vectors.file(family).verification().window()))
            .clock(Clock.fixed(Instant.parse(vector.verifyAt()), ZoneOffset.UTC))
            .build();

    VerificationResult result = verifier.verify(in.toReceivedRequest(in.signature()));

    assertThat(result.code())
        .as(
            "verifier's verdict on a copy of %s with %s changed: %s",
            vector.derivedFrom(), vector.changed(), result.detail())
        .isEqualTo(vector.expected().error());
  }
}
