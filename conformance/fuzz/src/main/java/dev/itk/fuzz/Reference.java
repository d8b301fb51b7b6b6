package dev.itk.fuzz;

import dev.itk.signing.ApiKey;
import dev.itk.signing.CanonicalMessage;
import dev.itk.signing.IssuetrakTimestamp;
import dev.itk.signing.RequestSigner;
import dev.itk.signing.SignedRequest;
import java.util.Map;

/** The kit's Java signer (core-java), the expectation every implementation is compared with. */
final class Reference {
  private Reference() {}

  /**
   * What the reference signs for an input.
   *
   * @param message the canonical message bytes
   * @param signature the base64 HMAC-SHA512
   * @param headers the three headers, by the scheme's names
   * @param signedPath the path as signed (lowercased)
   * @param instant the timestamp's instant in the canonical form
   */
  record Signed(
      byte[] message,
      String signature,
      Map<String, String> headers,
      String signedPath,
      String instant) {}

  /**
   * Signs {@code in}.
   *
   * @throws IllegalArgumentException when the reference refuses the input (the message names the
   *     rule); the fuzzer only keeps inputs the reference signs
   */
  static Signed sign(FuzzInput in) {
    CanonicalMessage m =
        CanonicalMessage.builder()
            .method(in.method())
            .requestId(in.requestId())
            .timestamp(in.timestamp())
            .path(in.path())
            .query(in.query())
            .body(in.body())
            .build();
    SignedRequest s = RequestSigner.create(ApiKey.of(in.key())).sign(m);
    return new Signed(
        m.toBytes(),
        s.signature(),
        s.headers().asMap(),
        m.path(),
        IssuetrakTimestamp.format(IssuetrakTimestamp.parse(in.timestamp()).instant()));
  }
}
