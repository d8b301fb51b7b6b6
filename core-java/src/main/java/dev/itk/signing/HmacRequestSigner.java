package dev.itk.signing;

import java.time.Clock;
import java.util.Base64;

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
    return sign(
        CanonicalMessage.builder()
            .method(method)
            .requestId(requestIds.nextRequestId())
            .timestamp(IssuetrakTimestamp.format(clock.instant()))
            .path(path)
            .query(query)
            .body(body)
            .build());
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
