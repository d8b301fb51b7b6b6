package dev.itk.signing;

import java.time.Clock;
import java.util.Objects;

/**
 * Signs Issuetrak API v1 requests with HMAC-SHA512.
 *
 * <pre>{@code
 * RequestSigner signer = RequestSigner.create(ApiKey.of(apiKeyText));
 * SignedRequest s = signer.sign("GET", "/api/v1/issues/false/1", "", new byte[0]);
 * s.headers().asMap(); // X-Issuetrak-API-Request-ID, -Timestamp, -Authorization
 * }</pre>
 *
 * <p>Implementations are thread-safe and key their HMAC once, at creation. The clock and the
 * request-ID source are injected and read only by {@link #sign(String, String, String, byte[])}.
 * Rule: {@code docs/scheme.md}.
 */
public interface RequestSigner {
  /** A signer using the system UTC clock and random lowercase UUIDs. */
  static RequestSigner create(ApiKey key) {
    return create(key, Clock.systemUTC(), RequestIdSource.randomUuids());
  }

  /** A signer with the given clock and request-ID source. */
  static RequestSigner create(ApiKey key, Clock clock, RequestIdSource requestIds) {
    return new HmacRequestSigner(
        Objects.requireNonNull(key, "key"),
        Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(requestIds, "requestIds"));
  }

  /**
   * Signs a request with a fresh request ID and the clock's current time.
   *
   * @param method the HTTP method as it will be sent, e.g. {@code GET}
   * @param path the raw URL path as it will be sent, e.g. {@code /api/v1/issues/false/1}
   * @param query the query field to sign, usually the raw query without {@code ?}; {@code ""} if
   *     none
   * @param body the exact body bytes that will be sent; empty if none
   * @throws IllegalArgumentException naming the input that breaks a rule of the scheme
   */
  SignedRequest sign(String method, String path, String query, byte[] body);

  /** Signs a message whose request ID and timestamp are already chosen. */
  SignedRequest sign(CanonicalMessage message);
}
