package dev.itk.signing;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link SignatureVerifier} concluded about one request.
 *
 * <pre>{@code
 * VerificationResult r = verifier.verify(request);
 * if (!r.isValid()) {
 *   r.error().get().code(); // "stale-timestamp"
 *   r.detail();             // "timestamp is 7m12s behind the verifier's clock ..."
 *   r.message();            // the canonical message the verifier computed, when it got that far
 * }
 * }</pre>
 *
 * <p>It never holds the signature the verifier expected.
 */
public final class VerificationResult {
  private final VerificationError error;
  private final String detail;
  private final String header;
  private final CanonicalMessage message;
  private final IssuetrakTimestamp.Parsed timestamp;
  private final Duration clockOffset;
  private final String keyFingerprint;

  private VerificationResult(
      VerificationError error,
      String detail,
      String header,
      CanonicalMessage message,
      IssuetrakTimestamp.Parsed timestamp,
      Duration clockOffset,
      String keyFingerprint) {
    this.error = error;
    this.detail = Objects.requireNonNull(detail);
    this.header = header;
    this.message = message;
    this.timestamp = timestamp;
    this.clockOffset = clockOffset;
    this.keyFingerprint = keyFingerprint;
  }

  static VerificationResult accepted(
      CanonicalMessage message,
      IssuetrakTimestamp.Parsed timestamp,
      Duration clockOffset,
      String keyFingerprint) {
    return new VerificationResult(
        null, "signature valid", null, message, timestamp, clockOffset, keyFingerprint);
  }

  static VerificationResult rejected(
      VerificationError error,
      String detail,
      String header,
      CanonicalMessage message,
      IssuetrakTimestamp.Parsed timestamp,
      Duration clockOffset) {
    return new VerificationResult(
        Objects.requireNonNull(error), detail, header, message, timestamp, clockOffset, null);
  }

  /** Whether the request passed every check. */
  public boolean isValid() {
    return error == null;
  }

  /** The first check that failed; empty when valid. */
  public Optional<VerificationError> error() {
    return Optional.ofNullable(error);
  }

  /** The stable code of the failed check ({@code bad-signature}), or {@code valid}. */
  public String code() {
    return error == null ? "valid" : error.code();
  }

  /** What exactly failed, naming the header and the offending value. */
  public String detail() {
    return detail;
  }

  /** The header the failure is about, when it is about one. */
  public Optional<String> header() {
    return Optional.ofNullable(header);
  }

  /** The canonical message the verifier computed, once the headers were well-formed. */
  public Optional<CanonicalMessage> message() {
    return Optional.ofNullable(message);
  }

  /** The parsed timestamp header, once it parsed. */
  public Optional<IssuetrakTimestamp.Parsed> timestamp() {
    return Optional.ofNullable(timestamp);
  }

  /** The timestamp minus the verifier's clock: positive when the client is ahead. */
  public Optional<Duration> clockOffset() {
    return Optional.ofNullable(clockOffset);
  }

  /** The fingerprint of the key that matched, when valid. */
  public Optional<String> keyFingerprint() {
    return Optional.ofNullable(keyFingerprint);
  }

  @Override
  public String toString() {
    return "VerificationResult[" + code() + ": " + detail + "]";
  }
}
