package dev.itk.signing;

/**
 * Why a {@link SignatureVerifier} refused a request. Each has a stable code, for scripts and
 * reports, and the rule it enforces, in the order the verifier checks them.
 *
 * <p>Rule: {@code docs/scheme.md#verification}.
 */
public enum VerificationError {
  /** The method is not an HTTP token or the path does not start with {@code /}. */
  MALFORMED_REQUEST(
      "malformed-request", "the method must be an HTTP token and the path must start with /"),
  /** One of the three signature headers is absent. */
  MISSING_HEADER(
      "missing-header",
      "the request must carry X-Issuetrak-API-Request-ID, X-Issuetrak-API-Timestamp and"
          + " X-Issuetrak-API-Authorization"),
  /** One of the three signature headers is sent more than once. */
  DUPLICATE_HEADER("duplicate-header", "each signature header must be sent exactly once"),
  /** The request ID is not a UUID. */
  MALFORMED_REQUEST_ID(
      "malformed-request-id",
      "X-Issuetrak-API-Request-ID must be a UUID: 8-4-4-4-12 hex digits (lowercase when strict)"),
  /** The timestamp is not in the canonical form or an accepted variant. */
  MALFORMED_TIMESTAMP(
      "malformed-timestamp",
      "X-Issuetrak-API-Timestamp must be "
          + IssuetrakTimestamp.PATTERN
          + " (UTC); also accepted unless strict: 0 to 6 fraction digits, an offset like +02:00"),
  /** The authorization header is not base64 of a 64-byte HMAC-SHA512. */
  MALFORMED_SIGNATURE(
      "malformed-signature",
      "X-Issuetrak-API-Authorization must be standard base64, with padding, of the 64-byte"
          + " HMAC-SHA512 (88 characters)"),
  /** The timestamp is further from the verifier's clock than the window allows. */
  STALE_TIMESTAMP(
      "stale-timestamp", "X-Issuetrak-API-Timestamp must be within the window around server time"),
  /** The signature does not match the message the verifier computed. */
  BAD_SIGNATURE(
      "bad-signature",
      "X-Issuetrak-API-Authorization must be base64(HMAC-SHA512(key, canonical message))"),
  /** The request ID was already accepted within the window. */
  REPLAYED_REQUEST_ID("replayed-request-id", "each request ID may be used once within the window"),
  /** The verifier remembers as many request IDs as it may and cannot check this one. */
  REPLAY_CACHE_FULL(
      "replay-cache-full",
      "the verifier can remember only a bounded number of request IDs per window");

  private final String code;
  private final String rule;

  VerificationError(String code, String rule) {
    this.code = code;
    this.rule = rule;
  }

  /** The stable code, e.g. {@code bad-signature}. */
  public String code() {
    return code;
  }

  /** The rule this error enforces, in one sentence. */
  public String rule() {
    return rule;
  }

  /** The error with the given code. */
  public static VerificationError fromCode(String code) {
    for (VerificationError e : values()) {
      if (e.code.equals(code)) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown verification error code \"" + code + "\"");
  }

  @Override
  public String toString() {
    return code;
  }
}
