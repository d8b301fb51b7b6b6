package dev.itk.signing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three headers that carry an Issuetrak signature.
 *
 * <pre>{@code
 * signed.headers().asMap().forEach(requestBuilder::header);
 * }</pre>
 *
 * <p>Header names are case-insensitive in HTTP; the vendor's samples spell them {@code
 * X-IssueTrak-API-...}. Rule: {@code docs/scheme.md#headers}.
 *
 * @param requestId the {@value #REQUEST_ID} value
 * @param timestamp the {@value #TIMESTAMP} value
 * @param authorization the {@value #AUTHORIZATION} value: the base64 signature
 */
public record SignatureHeaders(String requestId, String timestamp, String authorization) {
  /** The request ID header's name. */
  public static final String REQUEST_ID = "X-Issuetrak-API-Request-ID";

  /** The timestamp header's name. */
  public static final String TIMESTAMP = "X-Issuetrak-API-Timestamp";

  /** The signature header's name. */
  public static final String AUTHORIZATION = "X-Issuetrak-API-Authorization";

  /** The headers by name, in the order request ID, timestamp, authorization. */
  public Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put(REQUEST_ID, requestId);
    map.put(TIMESTAMP, timestamp);
    map.put(AUTHORIZATION, authorization);
    return Collections.unmodifiableMap(map);
  }
}
