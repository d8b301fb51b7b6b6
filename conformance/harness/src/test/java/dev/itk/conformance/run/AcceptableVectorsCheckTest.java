package dev.itk.conformance.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itk.conformance.vectors.Vector;
import dev.itk.conformance.vectors.VectorFile;
import dev.itk.conformance.vectors.VectorSet;
import dev.itk.runner.AdapterSession;
import dev.itk.runner.Answer;
import dev.itk.runner.BenchSettings;
import dev.itk.runner.StartInfo;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * How {@link ImplementationCheck#vectors} judges an acceptable vector: signed as expected or
 * refused with a message passes; signed any other way, or refused without a message, fails; a
 * refused valid vector fails. The fake sessions answer from the vector file's own expectations.
 */
class AcceptableVectorsCheckTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final VectorFile PATHS =
      VectorSet.load(VectorSet.defaultDirectory().resolve("paths.json"));
  private static final String REFUSAL = "percent-encode non-ASCII path characters";

  /** An adapter session whose {@code sign} answers what {@code answer} gives for the vector. */
  private record FakeSession(Function<Vector, Answer> answer) implements AdapterSession {
    @Override
    public StartInfo info() {
      throw new UnsupportedOperationException("not used by the vector checks");
    }

    @Override
    public String environment() {
      return "in the test";
    }

    @Override
    public Set<String> signParts() {
      return ALL_SIGN_PARTS;
    }

    @Override
    public String scope() {
      return "";
    }

    @Override
    public Answer sign(String vectorId, JsonNode input) {
      return answer.apply(VectorSet.find(java.util.List.of(PATHS), vectorId).orElseThrow());
    }

    @Override
    public Answer bench(JsonNode input, BenchSettings settings) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Answer scenario(ObjectNode command) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String stderr() {
      return "";
    }

    @Override
    public void close() {}
  }

  /** The answer of a signer that reproduces the vector, from the vector file's expectations. */
  private static Answer signedAsExpected(Vector v) {
    return signed(v.expected().messageBytes(), v.expected().signature(), v);
  }

  private static Answer signed(byte[] message, String signature, Vector v) {
    ObjectNode r = JSON.createObjectNode();
    r.put("messageBase64", Base64.getEncoder().encodeToString(message));
    r.put("signature", signature);
    ObjectNode headers = r.putObject("headers");
    for (Map.Entry<String, String> h : v.expected().headers().entrySet()) {
      headers.put(h.getKey(), h.getValue());
    }
    if (v.input().instant() != null) {
      r.put("formattedTimestamp", v.input().timestamp());
    }
    return new Answer.Result(r);
  }

  private static CheckResult check(Function<Vector, Answer> answer) {
    return new ImplementationCheck(new FakeSession(answer), "Fake").vectors(PATHS);
  }

  private static long acceptableInPaths() {
    return PATHS.vectors().stream().filter(Vector::isAcceptable).count();
  }

  @Test
  void refusingExactlyTheAcceptableVectors_passes_andSaysHowManyWereRefused() {
    CheckResult r =
        check(v -> v.isAcceptable() ? new Answer.Errored(REFUSAL, "") : signedAsExpected(v));

    assertThat(acceptableInPaths()).as("acceptable vectors in paths.json").isPositive();
    assertThat(r.status()).as(r.summary() + "\n" + r.findings()).isEqualTo(Status.PASSED);
    assertThat(r.passed()).isEqualTo(r.total());
    assertThat(r.acceptable()).isEqualTo(acceptableInPaths());
    assertThat(r.refusals()).hasSize((int) acceptableInPaths());
    assertThat(r.refusals())
        .allSatisfy(
            f -> assertThat(f.detail()).startsWith(REFUSAL).contains("unknown rule: path-"));
    assertThat(r.summary())
        .isEqualTo(
            r.total() + "/" + r.total() + " (" + acceptableInPaths() + " refused, acceptable)");
  }

  @Test
  void signingEveryVectorAsExpected_passes_withNoRefusals() {
    CheckResult r = check(AcceptableVectorsCheckTest::signedAsExpected);

    assertThat(r.status()).isEqualTo(Status.PASSED);
    assertThat(r.refusals()).isEmpty();
    assertThat(r.acceptableSigned()).isEqualTo(acceptableInPaths());
    assertThat(r.summary()).isEqualTo(r.total() + "/" + r.total());
  }

  @Test
  void refusingAValidVector_fails() {
    Vector firstValid = PATHS.vectors().stream().filter(Vector::isValid).findFirst().orElseThrow();

    CheckResult r =
        check(
            v ->
                v.isAcceptable() || v == firstValid
                    ? new Answer.Errored(REFUSAL, "")
                    : signedAsExpected(v));

    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.findings())
        .singleElement()
        .satisfies(f -> assertThat(f.subject()).isEqualTo(firstValid.id()))
        .satisfies(f -> assertThat(f.part()).isEqualTo("errored"));
  }

  @Test
  void signingAnAcceptableVectorDifferently_fails() {
    // What a signer that lowercases ASCII only would sign for the raw non-ASCII paths.
    Vector sigma =
        VectorSet.find(java.util.List.of(PATHS), "paths-034-greek-final-sigma-at-end")
            .orElseThrow();
    assertThat(sigma.isAcceptable()).isTrue();
    String text = sigma.expected().message();
    String asciiLowered =
        text.replace(sigma.expected().path(), asciiLowercase(sigma.input().path()));
    assertThat(asciiLowered).as("a different message").isNotEqualTo(text);

    CheckResult r =
        check(
            v ->
                v == sigma
                    ? signed(
                        asciiLowered.getBytes(StandardCharsets.UTF_8), v.expected().signature(), v)
                    : signedAsExpected(v));

    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.refusals()).isEmpty();
    assertThat(r.findings()).extracting(Finding::subject).containsOnly(sigma.id());
  }

  @Test
  void refusingAnAcceptableVectorWithoutAMessage_fails() {
    CheckResult r =
        check(v -> v.isAcceptable() ? new Answer.Errored(" ", "") : signedAsExpected(v));

    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.refusals()).isEmpty();
    assertThat(r.findings()).hasSize((int) acceptableInPaths());
    assertThat(r.findings().get(0).detail()).contains("without a message");
  }

  @Test
  void skippingAnAcceptableVector_isNotARefusal() {
    CheckResult r =
        check(v -> v.isAcceptable() ? new Answer.Skipped("not supported") : signedAsExpected(v));

    assertThat(r.refusals()).isEmpty();
    assertThat(r.passed()).isEqualTo(r.total() - (int) acceptableInPaths());
    assertThat(r.summary()).contains("(" + acceptableInPaths() + " skipped)");
  }

  private static String asciiLowercase(String s) {
    StringBuilder out = new StringBuilder();
    s.chars().forEach(c -> out.append((char) (c >= 'A' && c <= 'Z' ? c + 32 : c)));
    return out.toString();
  }
}
