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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reference signer and verifier against every vector of every family, the vector id as display
 * name. A valid or acceptable vector is signed (for an acceptable one the reference makes the kit's
 * choice, which is the vector's expectation) and every stage that differs from the vector file is
 * listed, each with expected and actual (the stages {@link VectorCheck} compares, and the ones only
 * the reference has: the URL split, the timestamp, the canonical path, the rendering, the header
 * names as spelled, the verifier accepting it). An invalid vector must be refused with its stated
 * code.
 */
class VectorConformanceTest {

  /** Every valid and acceptable vector with its family (the file its expectations come from). */
  static Stream<Arguments> validVectors() {
    return withFamily(true);
  }

  /** Every invalid vector with its family (whose file gives the verifier's window). */
  static Stream<Arguments> invalidVectors() {
    return withFamily(false);
  }

  private static Stream<Arguments> withFamily(boolean valid) {
    return Vectors.FAMILIES.stream()
        .flatMap(
            f ->
                Vectors.of(f)
                    .filter(v -> v.hasSigningExpectation() == valid)
                    .map(v -> Arguments.of(v, f)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validVectors")
  void signer_reproducesEveryStageOfTheVector(Vector vector, String family) {
    List<Mismatch> differences = differences(vector);

    assertThat(differences).withFailMessage(() -> explain(vector, family, differences)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidVectors")
  void verifier_refusesWithTheVectorsCode(Vector vector, String family) {
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
            "%s: the verifier's verdict on this copy of %s with %s changed: %s",
            vector.id(), vector.derivedFrom(), vector.changed(), result.detail())
        .isEqualTo(vector.expected().error());
  }

  /** Every stage of signing {@code vector} that differs from what its file says, in order. */
  private static List<Mismatch> differences(Vector vector) {
    VectorInput in = vector.input();
    VectorExpected expected = vector.expected();
    List<Mismatch> out = new ArrayList<>();

    if (in.url() != null) {
      RequestTarget want = new RequestTarget(in.path(), in.query());
      RequestTarget got = attempt(out, "target", () -> RequestTarget.fromUrl(in.url()));
      compare(out, "target", want, got, "split from " + in.url());
    }
    if (in.instant() != null) {
      String got =
          attempt(
              out,
              "formattedTimestamp",
              () -> IssuetrakTimestamp.format(Instant.parse(in.instant())));
      compare(out, "formattedTimestamp", in.timestamp(), got);
    }
    Instant instant =
        attempt(out, "timestampInstant", () -> IssuetrakTimestamp.parse(in.timestamp()).instant());
    compare(
        out,
        "timestampInstant",
        Instant.parse(expected.timestampInstant()),
        instant,
        "the instant " + in.timestamp() + " denotes");

    CanonicalMessage message = attempt(out, "message", in::toCanonicalMessage);
    if (message != null) {
      compare(out, "path", expected.path(), message.path());
      SignedRequest signed =
          attempt(out, "signature", () -> RequestSigner.create(ApiKey.of(in.key())).sign(message));
      if (signed != null) {
        SigningOutcome outcome =
            new SigningOutcome(
                signed.message().toBytes(), signed.signature(), signed.headers().asMap());
        out.addAll(VectorCheck.compare(vector, outcome));
        // VectorCheck reads header names as HTTP does (any case); the reference must spell them,
        // and order them, exactly as the vector does.
        compare(
            out,
            "headerNames",
            List.copyOf(expected.headers().keySet()),
            List.copyOf(outcome.headers().keySet()));
      }
      compare(out, "rendered", expected.rendered(), message.render());
    }

    VerificationResult verdict =
        attempt(
            out,
            "verifier",
            () ->
                SignatureVerifier.builder()
                    .key(ApiKey.of(in.key()))
                    .clock(Clock.fixed(Instant.parse(expected.timestampInstant()), ZoneOffset.UTC))
                    .build()
                    .verify(in.toReceivedRequest(expected.signature())));
    if (verdict != null && !verdict.isValid()) {
      out.add(
          new Mismatch(
              "verifier",
              "expected it to accept the vector's signature, it refused: "
                  + verdict.code()
                  + ": "
                  + verdict.detail()));
    }
    return out;
  }

  /** Runs one stage; a stage that throws is a difference too, and the others still run. */
  private static <T> T attempt(List<Mismatch> out, String stage, Callable<T> step) {
    try {
      return step.call();
    } catch (Exception e) {
      out.add(new Mismatch(stage, "threw " + e));
      return null;
    }
  }

  private static void compare(List<Mismatch> out, String stage, Object expected, Object actual) {
    compare(out, stage, expected, actual, "");
  }

  /** Adds a mismatch when {@code actual} differs, unless the stage already threw. */
  private static void compare(
      List<Mismatch> out, String stage, Object expected, Object actual, String what) {
    if (out.stream().anyMatch(m -> m.stage().equals(stage))) {
      return;
    }
    if (!Objects.equals(expected, actual)) {
      out.add(
          new Mismatch(
              stage,
              (what.isEmpty() ? "" : what + ": ")
                  + "expected "
                  + quote(expected)
                  + ", actual "
                  + quote(actual)));
    }
  }

  /** A string as a Java literal, so that a stray newline or backslash shows. */
  private static String quote(Object value) {
    if (!(value instanceof String s)) {
      return String.valueOf(value);
    }
    return "\""
        + s.replace("\\", "\\\\")
            .replace("\"", "\\\"")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\t", "\\t")
        + "\"";
  }

  /** One line per differing stage, the explanations aligned after the stage names. */
  private static String explain(Vector vector, String family, List<Mismatch> differences) {
    int width = differences.stream().mapToInt(m -> m.stage().length()).max().orElse(0);
    StringBuilder out = new StringBuilder();
    out.append(vector.id())
        .append(": ")
        .append(differences.size())
        .append(differences.size() == 1 ? " stage differs" : " stages differ")
        .append(" from fixtures/vectors/")
        .append(family)
        .append(".json (expectations from ")
        .append(vector.source())
        .append(")\n");
    String continuation = "\n" + " ".repeat(width + 4);
    for (Mismatch m : differences) {
      out.append("  ")
          .append(String.format("%-" + width + "s", m.stage()))
          .append("  ")
          .append(m.explanation().replace("\n", continuation))
          .append('\n');
    }
    return out.toString();
  }
}
