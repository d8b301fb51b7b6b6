package dev.itk.benchmarks;

import dev.itk.signing.ApiKey;
import dev.itk.signing.CanonicalMessage;
import dev.itk.signing.IssuetrakTimestamp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * A realistic request whose canonical message is exactly {@code size} bytes, prefix and body
 * together: {@code POST}, a lowercase UUID, a seven-digit-fraction timestamp, the path {@code
 * /NestedSite/api/v1/issues} (signed lowercased), an empty query and a JSON body padded to length.
 *
 * <pre>{@code
 * MessageFixture f = MessageFixture.ofSize(300);
 * f.message(f.requestId()).length(); // 300
 * }</pre>
 */
record MessageFixture(int size, String method, String rawPath, String query, byte[] body) {
  /** A test key, not a secret: the benchmarks sign nothing real. */
  static final ApiKey KEY = ApiKey.of("itk-benchmark-key-not-a-secret-0123456789abcdef");

  /** The instant every message is signed at, and the verifiers' fixed clock. */
  static final Instant NOW = Instant.parse("2014-09-10T17:28:08.3227351Z");

  static final String TIMESTAMP = IssuetrakTimestamp.format(NOW);

  /** The request ID of the prepared message; verify pools derive others with {@link #id}. */
  static final String REQUEST_ID = id(0);

  private static final String BODY_START =
      "{\"IssueTypeID\":1,\"Subject\":\"Benchmark\",\"Notes\":\"";
  private static final String BODY_END = "\"}";
  private static final String FILLER = "Printer on the third floor jams on every duplex job. ";

  /**
   * The fixture whose message is {@code size} bytes.
   *
   * @throws IllegalArgumentException if {@code size} is too small for the prefix and a JSON body
   */
  static MessageFixture ofSize(int size) {
    String method = "POST";
    String rawPath = "/NestedSite/api/v1/issues";
    String query = "";
    int prefix =
        CanonicalMessage.builder()
            .method(method)
            .requestId(REQUEST_ID)
            .timestamp(TIMESTAMP)
            .path(rawPath)
            .query(query)
            .build()
            .length();
    int fill = size - prefix - BODY_START.length() - BODY_END.length();
    if (fill < 0) {
      throw new IllegalArgumentException(
          "message size "
              + size
              + " is too small; the prefix and an empty JSON body take "
              + (size - fill)
              + " bytes");
    }
    StringBuilder body = new StringBuilder(BODY_START);
    for (int i = 0; i < fill; i++) {
      body.append(FILLER.charAt(i % FILLER.length()));
    }
    body.append(BODY_END);
    return new MessageFixture(
        size, method, rawPath, query, body.toString().getBytes(StandardCharsets.US_ASCII));
  }

  /** A distinct, deterministic lowercase UUID for request number {@code n}. */
  static String id(long n) {
    return new UUID(0x6f1c_2a4b_9d3e_4c5fL, 0x8a7b_0000_0000_0000L | n).toString();
  }

  /** The canonical message with the given request ID, signed at {@link #NOW}. */
  CanonicalMessage message(String requestId) {
    return CanonicalMessage.builder()
        .method(method)
        .requestId(requestId)
        .timestamp(TIMESTAMP)
        .path(rawPath)
        .query(query)
        .body(body)
        .build();
  }
}
