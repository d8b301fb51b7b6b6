package dev.itk.diagnose;

import java.util.List;

/**
 * What the diagnosis found, and whether it looked everywhere: a diagnosis cut short by its {@link
 * DiagnosisBudget} may have missed the cause, e.g. {@code complete=false, limit="cut short after 4
 * of 37 variants: ..."}.
 *
 * @param valid whether the server accepts the request
 * @param code the verifier's code ({@link dev.itk.signing.VerificationResult#code()}): {@code
 *     valid}, or the refusal's {@link dev.itk.signing.VerificationError#code()}, e.g. {@code
 *     bad-signature}
 * @param causes the mistakes that explain a refused signature (empty when none matched: compare
 *     {@code serverMessage} with the client's field by field)
 * @param serverMessage the canonical message the server computes for the request, rendered (null
 *     when the request lacks what it needs)
 * @param complete whether the search found a cause or tried every variant it plans for the request
 *     (false when the budget stopped it first)
 * @param limit one line saying where and why the search was cut short, null when it is complete
 * @param hashedBytes the bytes the diagnosis hashed: its own check of the received signature and
 *     every variant tried (the verifier's check before them is not counted)
 * @param clientMessage the message the client must have signed, rendered like {@code
 *     serverMessage}, when a variant of the catalogue reproduced the received signature (the causes
 *     are its mistakes); null otherwise. Compare it with {@code serverMessage} to see the bytes
 *     that differ. A mistake of the key or of the signature's encoding alone leaves it equal to
 *     {@code serverMessage}
 */
public record Diagnosis(
    boolean valid,
    String code,
    List<Cause> causes,
    String serverMessage,
    boolean complete,
    String limit,
    long hashedBytes,
    String clientMessage) {
  public Diagnosis {
    causes = List.copyOf(causes);
    if (complete != (limit == null)) {
      throw new IllegalArgumentException(
          "limit must be given exactly when the diagnosis is not complete; got complete="
              + complete
              + ", limit="
              + limit);
    }
    if (hashedBytes < 0) {
      throw new IllegalArgumentException("hashedBytes must be at least 0; got " + hashedBytes);
    }
  }

  /** A diagnosis that does not know the client's message ({@code clientMessage} null). */
  public Diagnosis(
      boolean valid,
      String code,
      List<Cause> causes,
      String serverMessage,
      boolean complete,
      String limit,
      long hashedBytes) {
    this(valid, code, causes, serverMessage, complete, limit, hashedBytes, null);
  }
}
