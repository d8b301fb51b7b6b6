package dev.itk.conformance.vectors;

import dev.itk.signing.CanonicalMessage;
import dev.itk.signing.ReceivedRequest;
import dev.itk.signing.SignatureHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A vector's inputs. Exactly one of {@code body} and {@code bodyBase64} is set; {@code url}, {@code
 * instant} and {@code signature} only where {@code docs/vectors.md} says.
 *
 * @param key the API key text
 * @param method the HTTP method as sent
 * @param requestId the request ID header as sent
 * @param timestamp the timestamp header as sent
 * @param url the absolute URL the path and query came from, when the vector starts from one
 * @param path the raw path as sent
 * @param query the query field, verbatim
 * @param body the body as UTF-8 text
 * @param bodyBase64 the body bytes in base64, when they are not UTF-8
 * @param instant the instant the timestamp was formatted from (timestamps family)
 * @param signature the authorization header of an invalid vector
 */
public record VectorInput(
    String key,
    String method,
    String requestId,
    String timestamp,
    String url,
    String path,
    String query,
    String body,
    String bodyBase64,
    String instant,
    String signature) {

  /** The body bytes exactly as sent. */
  public byte[] bodyBytes() {
    if (bodyBase64 != null) {
      return Base64.getDecoder().decode(bodyBase64);
    }
    return body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
  }

  /** The canonical message these inputs describe (the path is lowercased on build). */
  public CanonicalMessage toCanonicalMessage() {
    return CanonicalMessage.builder()
        .method(method)
        .requestId(requestId)
        .timestamp(timestamp)
        .path(path)
        .query(query)
        .body(bodyBytes())
        .build();
  }

  /** The request a server receives: these inputs with the three headers, signed {@code sig}. */
  public ReceivedRequest toReceivedRequest(String sig) {
    return ReceivedRequest.builder()
        .method(method)
        .path(path)
        .query(query)
        .body(bodyBytes())
        .header(SignatureHeaders.REQUEST_ID, requestId)
        .header(SignatureHeaders.TIMESTAMP, timestamp)
        .header(SignatureHeaders.AUTHORIZATION, sig)
        .build();
  }
}
