package dev.itk.conformance;

import dev.itk.conformance.vectors.Vector;
import dev.itk.conformance.vectors.VectorExpected;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares what an implementation produced for a valid or acceptable vector with the vector's
 * expectation, stage by stage, and explains each difference.
 *
 * <pre>{@code
 * List<Mismatch> problems = VectorCheck.compare(vector, outcome);
 * }</pre>
 */
public final class VectorCheck {
  private VectorCheck() {}

  /** Every stage that differs; empty when the outcome matches the vector exactly. */
  public static List<Mismatch> compare(Vector vector, SigningOutcome actual) {
    if (!vector.hasSigningExpectation()) {
      throw new IllegalArgumentException(
          "vector "
              + vector.id()
              + " is invalid; only valid and acceptable vectors have signing expectations");
    }
    VectorExpected expected = vector.expected();
    List<Mismatch> out = new ArrayList<>();
    byte[] expectedMessage = expected.messageBytes();
    if (MessageDiff.firstDifference(expectedMessage, actual.message()) >= 0) {
      out.add(new Mismatch("message", MessageDiff.explain(expectedMessage, actual.message())));
    }
    if (!expected.signature().equals(actual.signature())) {
      out.add(
          new Mismatch(
              "signature",
              "expected "
                  + expected.signature()
                  + ", actual "
                  + actual.signature()
                  + (out.isEmpty()
                      ? " (the message is right, so the key or the HMAC/base64 step differs)"
                      : "")));
    }
    Map<String, String> want = caseInsensitive(expected.headers());
    Map<String, String> got = caseInsensitive(actual.headers());
    for (Map.Entry<String, String> e : want.entrySet()) {
      String value = got.get(e.getKey());
      if (value == null) {
        out.add(new Mismatch("headers", e.getKey() + " is missing"));
      } else if (!value.equals(e.getValue())) {
        out.add(
            new Mismatch(
                "headers",
                e.getKey() + ": expected \"" + e.getValue() + "\", actual \"" + value + "\""));
      }
    }
    return out;
  }

  private static Map<String, String> caseInsensitive(Map<String, String> headers) {
    Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    out.putAll(headers);
    return out;
  }
}
