package dev.itk.perf;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one bench measured: {@code operations} signatures in {@code elapsedNanos} nanoseconds of the
 * implementation's own monotonic clock, and the last signature it made.
 *
 * @param operations at least 1
 * @param elapsedNanos at least 1
 * @param signature the last signature, standard base64, checked against the expectation
 */
public record Measurement(long operations, long elapsedNanos, String signature) {
  public Measurement {
    if (operations < 1 || elapsedNanos < 1) {
      throw new IllegalArgumentException(
          "a bench measures at least 1 signature over at least 1 ns; got "
              + operations
              + " signatures in "
              + elapsedNanos
              + " ns");
    }
  }

  /** Signatures per second. */
  public double perSecond() {
    return operations * 1e9 / elapsedNanos;
  }

  /**
   * A {@code bench} result: {@code {"operations", "elapsedNanos", "signature"}}.
   *
   * @throws IllegalArgumentException naming the field that is missing or not what the protocol says
   */
  public static Measurement fromResult(JsonNode result) {
    JsonNode operations = result.path("operations");
    JsonNode elapsed = result.path("elapsedNanos");
    JsonNode signature = result.path("signature");
    if (!operations.canConvertToLong() || !operations.isIntegralNumber()) {
      throw new IllegalArgumentException(
          "the bench result's operations is " + operations + ", not an integer");
    }
    if (!elapsed.canConvertToLong() || !elapsed.isIntegralNumber()) {
      throw new IllegalArgumentException(
          "the bench result's elapsedNanos is " + elapsed + ", not an integer");
    }
    if (!signature.isTextual()) {
      throw new IllegalArgumentException(
          "the bench result's signature is " + signature + ", not a string");
    }
    return new Measurement(operations.asLong(), elapsed.asLong(), signature.asText());
  }
}
