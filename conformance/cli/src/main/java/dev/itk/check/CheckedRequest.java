package dev.itk.check;

import dev.itk.diagnose.Cause;
import java.util.List;

/**
 * One request the client sent during {@code itk check}, with the stub's verdict.
 *
 * @param seq the stub's sequence number, from 1
 * @param time when the stub received it, ISO 8601
 * @param method the method as sent
 * @param target the raw path and query as sent
 * @param status the status the stub answered
 * @param verdict {@code valid}, the verifier's error code, or {@code not-checked}
 * @param accepted whether the stub accepted the request's signature
 * @param detail the verifier's detail for a refusal; empty otherwise
 * @param causes the catalogued mistakes that reproduce the refused signature; empty when none did
 * @param diagnosis what the diagnosis did: {@code complete}, a cut-short line, or why none ran
 * @param canonicalMessage the canonical message the stub computed, rendered so every byte shows
 *     ({@code \n} ends a field); null when the request did not get that far
 */
public record CheckedRequest(
    long seq,
    String time,
    String method,
    String target,
    int status,
    String verdict,
    boolean accepted,
    String detail,
    List<Cause> causes,
    String diagnosis,
    String canonicalMessage) {
  /** Copies the causes. */
  public CheckedRequest {
    causes = List.copyOf(causes);
  }

  /** {@code GET /api/v1/issues/false/1}. */
  public String label() {
    return method + " " + target;
  }

  /**
   * One line for the terminal: {@code refused: POST /api/v1/notes: 401 bad-signature:
   * path-not-lowercased (...); fix: ...}.
   */
  public String line() {
    if (accepted) {
      return "accepted: " + label() + ": " + status;
    }
    StringBuilder b =
        new StringBuilder("refused: ").append(label()).append(": ").append(status).append(' ');
    b.append(verdict);
    if (causes.isEmpty()) {
      b.append(": no catalogued mistake reproduces the signature (")
          .append(detail.isEmpty() ? diagnosis : detail)
          .append(')');
    }
    for (Cause c : causes) {
      b.append(": ").append(c.id()).append(" (").append(c.explanation()).append("); fix: ");
      b.append(c.fix());
    }
    return b.toString();
  }
}
