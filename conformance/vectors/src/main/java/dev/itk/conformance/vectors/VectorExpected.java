package dev.itk.conformance.vectors;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * What a correct implementation produces for a vector. For valid vectors everything but {@code
 * error}; for invalid vectors only {@code error}.
 *
 * @param path the canonical path
 * @param timestampInstant the instant the timestamp denotes, canonical form
 * @param message the message as text, when it is UTF-8
 * @param messageBase64 the message bytes in base64, when it is not
 * @param rendered the human rendering of the message
 * @param signature the base64 signature
 * @param headers the three headers, in order
 * @param error the verifier's error code, for invalid vectors
 */
public record VectorExpected(
    String path,
    String timestampInstant,
    String message,
    String messageBase64,
    String rendered,
    String signature,
    Map<String, String> headers,
    String error) {

  /** The exact message bytes. */
  public byte[] messageBytes() {
    return messageBase64 != null
        ? Base64.getDecoder().decode(messageBase64)
        : message.getBytes(StandardCharsets.UTF_8);
  }
}
