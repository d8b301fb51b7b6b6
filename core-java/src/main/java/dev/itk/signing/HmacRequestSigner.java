package dev.itk.signing;

import java.time.Clock;
import java.util.Base64;
import java.util.Objects;

/** The reference {@link RequestSigner}. */
final class HmacRequestSigner implements RequestSigner {
  private final HmacSha512 hmac;
  private final Clock clock;
  private final RequestIdSource requestIds;

  HmacRequestSigner(ApiKey key, Clock clock, RequestIdSource requestIds) {
    this.hmac = new HmacSha512(key);
    this.clock = clock;
    this.requestIds = requestIds;
  }

  @Override
  public SignedRequest sign(String method, String path, String query, byte[] body) {
    // What CanonicalMessage.builder() would do, in its order, without parsing back the timestamp
    // just formatted. The body is copied once, so the signed message cannot change afterwards.
    String requestId = requestIds.nextRequestId();
    IssuetrakTimestamp.Parsed timestamp = IssuetrakTimestamp.canonical(clock.instant());
    Objects.requireNonNull(query, "query (use \"\" for none)");
    byte[] bodyCopy = Objects.requireNonNull(body, "body (use an empty array for none)").clone();
    return sign(CanonicalMessage.of(method, requestId, timestamp, path, query, bodyCopy));
  }

  @Override
  public SignedRequest sign(CanonicalMessage message) {
    String signature = Base64.getEncoder().encodeToString(hmac.digest(message));
    return new SignedRequest(
        message,
        signature,
        new SignatureHeaders(message.requestId(), message.timestamp(), signature));
  }

  @Override
  public String toString() {
    return "RequestSigner[clock=" + clock + "]";
  }
}
