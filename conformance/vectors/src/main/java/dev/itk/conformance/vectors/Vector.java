package dev.itk.conformance.vectors;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One test vector, as stored in {@code fixtures/vectors/<family>.json}. The format is specified in
 * {@code docs/vectors.md}.
 *
 * @param id unique across all files, e.g. {@code paths-007-nested-site-folders}
 * @param comment what the vector tests, for people
 * @param result {@code valid} or {@code invalid}
 * @param flags short tags, e.g. {@code nested-site}
 * @param derivedFrom for an invalid vector, the id of the valid vector it copies
 * @param changed for an invalid vector, the one field that differs from the original
 * @param input the request's inputs
 * @param verifyAt for an invalid vector, the verifier's clock
 * @param expected what a correct signer or verifier produces
 * @param source where the expectation came from
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record Vector(
    String id,
    String comment,
    String result,
    List<String> flags,
    String derivedFrom,
    String changed,
    VectorInput input,
    String verifyAt,
    VectorExpected expected,
    String source) {

  /** Whether a signer must reproduce this vector (rather than a verifier refuse it). */
  public boolean isValid() {
    return "valid".equals(result);
  }

  /** The id: parameterized tests show it as the display name. */
  @Override
  public String toString() {
    return id;
  }
}
