package dev.itk.signing;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA512 keyed once. Each thread gets its own {@link Mac}, cloned from a keyed prototype, so
 * per-call work is only the hashing itself: no key schedule, no provider lookup.
 */
final class HmacSha512 {
  private final Mac prototype;
  private final ThreadLocal<Mac> perThread;

  HmacSha512(ApiKey key) {
    byte[] bytes = key.bytesForMac();
    try {
      prototype = Mac.getInstance(ApiKey.HMAC_ALGORITHM);
      prototype.init(new SecretKeySpec(bytes, ApiKey.HMAC_ALGORITHM));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA512 is required of every Java platform", e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
    perThread = ThreadLocal.withInitial(this::copyOfPrototype);
  }

  /** HMAC-SHA512 of the message's bytes, without copying them. */
  byte[] digest(CanonicalMessage message) {
    Mac mac = perThread.get();
    mac.update(message.prefixBytes());
    mac.update(message.bodyBytes());
    return mac.doFinal();
  }

  private Mac copyOfPrototype() {
    synchronized (prototype) {
      try {
        return (Mac) prototype.clone();
      } catch (CloneNotSupportedException e) {
        throw new IllegalStateException(
            "the HmacSHA512 provider " + prototype.getProvider() + " cannot clone a keyed Mac", e);
      }
    }
  }
}
