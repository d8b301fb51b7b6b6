package dev.itk.conformance;

/**
 * One way an implementation's output differs from a vector's expectation.
 *
 * @param stage {@code message}, {@code signature} or {@code headers}
 * @param explanation what differs, in words, with the first differing byte for messages
 */
public record Mismatch(String stage, String explanation) {
  @Override
  public String toString() {
    return stage + ": " + explanation;
  }
}
