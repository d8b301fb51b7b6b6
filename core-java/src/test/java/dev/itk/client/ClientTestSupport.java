package dev.itk.client;

import dev.itk.signing.ApiKey;
import dev.itk.signing.ReceivedRequest;
import dev.itk.signing.RequestIdSource;
import dev.itk.signing.SignatureVerifier;
import dev.itk.signing.VerificationResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** The fixed key, clock and request ID the client tests sign with, and the core verifier. */
final class ClientTestSupport {
  static final String KEY_TEXT = "dUd4ZzQ3dDNvM1lrYzFoY1lHYmh3anRjQkJHb1dBWWdWTHdOd25kZm9GQQ=";
  static final ApiKey KEY = ApiKey.of(KEY_TEXT);
  static final String REQUEST_ID = "c3838d04-46f8-43d6-92fd-62b3d0b59f3e";
  static final String TIMESTAMP = "2014-09-10T17:28:08.3227351Z";
  static final Clock CLOCK = Clock.fixed(Instant.parse(TIMESTAMP), ZoneOffset.UTC);

  private ClientTestSupport() {}

  /**
   * A client for {@code server}'s {@code /NestedSite1/api/v1}, signing at the fixed time and ID.
   */
  static IssuetrakClient client(CapturingServer server) {
    return builder(server).build();
  }

  static IssuetrakClient.Builder builder(CapturingServer server) {
    return IssuetrakClient.builder()
        .baseUrl(server.url("/NestedSite1/api/v1"))
        .apiKey(KEY)
        .clock(CLOCK)
        .requestIds(RequestIdSource.fixed(REQUEST_ID));
  }

  /**
   * What the core verifier (fixed clock, fresh replay cache) says of a captured request, its query
   * field given by the test.
   */
  static VerificationResult verify(CapturingServer.Recorded r, String signedQuery) {
    SignatureVerifier verifier = SignatureVerifier.builder().key(KEY).clock(CLOCK).build();
    ReceivedRequest.Builder b =
        ReceivedRequest.builder()
            .method(r.method())
            .path(r.rawPath())
            .query(signedQuery)
            .body(r.body());
    for (Map.Entry<String, List<String>> h : r.headers().entrySet()) {
      h.getValue().forEach(v -> b.header(h.getKey(), v));
    }
    return verifier.verify(b.build());
  }

  /** {@link #verify} with the query field a RAW-form client signs: the raw query as sent. */
  static VerificationResult verifyRaw(CapturingServer.Recorded r) {
    return verify(r, r.rawQuery() == null ? "" : r.rawQuery());
  }
}
