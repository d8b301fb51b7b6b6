package dev.itk.conformance.vectors;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One family's file under {@code fixtures/vectors/}.
 *
 * @param schema the relative path of the JSON Schema the file declares
 * @param formatVersion the format's version; this code reads version 2
 * @param family the family name, also the file's name
 * @param description one sentence
 * @param generator what produced the expectations
 * @param verification settings invalid vectors assume
 * @param vectors the vectors, valid and invalid
 */
public record VectorFile(
    @JsonProperty("$schema") String schema,
    int formatVersion,
    String family,
    String description,
    String generator,
    Verification verification,
    List<Vector> vectors) {

  /**
   * Verifier settings the invalid vectors assume.
   *
   * @param window the clock-skew window as an ISO-8601 duration, e.g. {@code PT5M}
   */
  public record Verification(String window) {}
}
