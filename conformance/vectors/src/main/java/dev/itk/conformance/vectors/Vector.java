package dev.itk.conformance.vectors;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One test vector, as stored in {@code fixtures/vectors/<family>.json}. The format is specified in
 * {@code docs/vectors.md}.
 *
 * @param id unique across all files, e.g. {@code paths-007-nested-site-folders}
 * @param comment what the vector tests, for people
 * @param result {@code valid}, {@code acceptable} or {@code invalid} (docs/vectors.md)
 * @param unknownRule for an acceptable vector, the id of the unknown rule of docs/scheme.md its
 *     expectation rests on, e.g. {@code path-raw-non-ascii}; null otherwise
 * @param flags short tags, e.g. {@code nested-site}
 * @param derivedFrom for an invalid vector, the id of the valid vector it copies
 * @param changed for an invalid vector, the one field that differs from the original
 * @param input the request's inputs
 * @param verifyAt for an invalid vector, the verifier's clock
 * @param expected what a correct signer or verifier produces
 * @param source where the expectation came from
 * @param found for a vector of the {@code fuzz} family, the run of {@code itk fuzz} that found its
 *     input; null otherwise
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record Vector(
    String id,
    String comment,
    String result,
    String unknownRule,
    List<String> flags,
    String derivedFrom,
    String changed,
    VectorInput input,
    String verifyAt,
    VectorExpected expected,
    String source,
    Found found) {

  /**
   * Where a {@code fuzz} vector's input comes from (docs/vectors.md#the-fuzz-family).
   *
   * @param by always {@code itk fuzz}
   * @param seed the run's seed, e.g. {@code 1733230000}
   * @param caseIndex the input's index in the run (JSON {@code case})
   * @param languages the implementations that differed, e.g. {@code process:php}
   * @param difference the first difference, as {@code itk fuzz} rendered it
   */
  public record Found(
      String by,
      String seed,
      @JsonProperty("case") int caseIndex,
      List<String> languages,
      String difference) {}

  /** Whether every signer must reproduce this vector exactly. */
  public boolean isValid() {
    return "valid".equals(result);
  }

  /**
   * Whether a signer may reproduce this vector exactly or refuse it: its expectation is the kit's
   * choice for the unknown rule {@link #unknownRule()}. Signing it any other way is wrong.
   */
  public boolean isAcceptable() {
    return "acceptable".equals(result);
  }

  /** Whether a verifier must refuse this vector with {@code expected.error}. */
  public boolean isInvalid() {
    return "invalid".equals(result);
  }

  /**
   * Whether the vector has a signing expectation ({@code expected.signature} and the stages before
   * it): a valid or an acceptable vector.
   */
  public boolean hasSigningExpectation() {
    return isValid() || isAcceptable();
  }

  /** The id: parameterized tests show it as the display name. */
  @Override
  public String toString() {
    return id;
  }
}
