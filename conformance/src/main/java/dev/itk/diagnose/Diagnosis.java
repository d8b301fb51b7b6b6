package dev.itk.diagnose;

import java.util.List;

/**
 * What the diagnosis found.
 *
 * @param valid whether the server accepts the request
 * @param code the verifier's code: {@code valid}, {@code bad-signature}, {@code stale-timestamp},
 *     ...
 * @param causes the mistakes that explain a refused signature (empty when none matched: compare
 *     {@code serverMessage} with the client's field by field)
 * @param serverMessage the canonical message the server computes for the request, rendered (null
 *     when the request lacks what it needs)
 */
public record Diagnosis(boolean valid, String code, List<Cause> causes, String serverMessage) {
  public Diagnosis {
    causes = List.copyOf(causes);
  }
}
