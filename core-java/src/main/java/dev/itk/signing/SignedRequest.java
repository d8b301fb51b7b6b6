package dev.itk.signing;

/**
 * The result of signing: every stage as a value.
 *
 * <pre>{@code
 * SignedRequest s = signer.sign("GET", "/api/v1/notes/5", "", new byte[0]);
 * s.message().render(); // what was signed
 * s.signature();        // base64 HMAC-SHA512, 88 characters
 * s.headers().asMap();  // the three headers to send
 * }</pre>
 *
 * @param message the canonical message that was signed
 * @param signature standard base64, with padding, of HMAC-SHA512(key, message)
 * @param headers the headers to send with the request
 */
public record SignedRequest(CanonicalMessage message, String signature, SignatureHeaders headers) {}
