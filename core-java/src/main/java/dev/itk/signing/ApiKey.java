package dev.itk.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * An Issuetrak API key: the key TEXT, whose UTF-8 bytes are the HMAC-SHA512 key.
 *
 * <p>The text is used exactly as given: it is never base64-decoded (even though issued keys look
 * like base64) and never trimmed. The key never appears in {@link #toString()}, in exception
 * messages or in logs; use {@link #fingerprint()} to tell keys apart.
 *
 * <pre>{@code
 * ApiKey key = ApiKey.of("dUd4ZzQ3dDNvM1lrYzFoY1lHYmh3anRjQkJHb1dBWWdWTHdOd25kZm9GQQ=");
 * key.toString(); // "ApiKey[sha256:5b0e...]" — never the key itself
 * }</pre>
 *
 * <p>Rule: {@code docs/scheme.md#key}.
 */
public final class ApiKey {
  static final String HMAC_ALGORITHM = "HmacSHA512";

  private final byte[] utf8;
  private final String fingerprint;

  private ApiKey(byte[] utf8) {
    this.utf8 = utf8;
    this.fingerprint = "sha256:" + HexFormat.of().formatHex(sha256(utf8), 0, 8);
  }

  /**
   * The key for the given text, used verbatim.
   *
   * @throws IllegalArgumentException if the text is empty or is not well-formed Unicode (an
   *     unpaired surrogate has no UTF-8 encoding); the message never contains the key
   */
  public static ApiKey of(String text) {
    if (text == null) {
      throw new IllegalArgumentException("API key is missing (null)");
    }
    if (text.isEmpty()) {
      throw new IllegalArgumentException(
          "API key is empty; it must be the key text issued by Issuetrak (HMAC needs a non-empty"
              + " key)");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            "API key has an unpaired surrogate at index "
                + i
                + "; a key must be well-formed text so that its UTF-8 bytes are defined");
      }
    }
    return new ApiKey(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A short, safe-to-print identifier of this key: {@code sha256:} and the first 16 hex digits of
   * the SHA-256 of the key's UTF-8 bytes. Example: {@code sha256:3f1c0e9a7b2d4c55}.
   */
  public String fingerprint() {
    return fingerprint;
  }

  /** The number of bytes of the key's UTF-8 encoding, which HMAC uses. */
  public int byteLength() {
    return utf8.length;
  }

  /**
   * This key as a JCA {@link SecretKey} for {@code HmacSHA512}, for code that computes the HMAC
   * itself. Treat the result as the secret it is.
   */
  public SecretKey asSecretKey() {
    return new SecretKeySpec(utf8, HMAC_ALGORITHM);
  }

  /** Compares the key bytes in constant time. */
  @Override
  public boolean equals(Object other) {
    return other instanceof ApiKey that && MessageDigest.isEqual(utf8, that.utf8);
  }

  @Override
  public int hashCode() {
    return fingerprint.hashCode();
  }

  /** {@code ApiKey[<fingerprint>]}; never the key. */
  @Override
  public String toString() {
    return "ApiKey[" + fingerprint + "]";
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  // Package-private: lets the signer and verifier key their Mac without exposing the bytes.
  byte[] bytesForMac() {
    return Arrays.copyOf(utf8, utf8.length);
  }
}
