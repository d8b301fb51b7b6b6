package dev.itk.signing;

import java.util.UUID;

/**
 * Where a signer gets request IDs; injected so tests and reproducible runs can fix them.
 *
 * <pre>{@code
 * RequestSigner.create(key, clock, RequestIdSource.fixed("c3838d04-46f8-43d6-92fd-62b3d0b59f3e"));
 * }</pre>
 *
 * <p>Rule: {@code docs/scheme.md#request-id}: a UUID (8-4-4-4-12 hex digits), new for every
 * request; signers write it lowercase, verifiers accept either case unless strict.
 */
@FunctionalInterface
public interface RequestIdSource {
  /** The next request ID. */
  String nextRequestId();

  /** Random version-4 UUIDs, lowercase: what production clients use. */
  static RequestIdSource randomUuids() {
    return () -> UUID.randomUUID().toString();
  }

  /**
   * Always the same ID, for reproducible runs. A server with replay protection accepts it once.
   *
   * @throws IllegalArgumentException if {@code requestId} is not a UUID
   */
  static RequestIdSource fixed(String requestId) {
    if (!CanonicalMessage.isUuid(requestId)) {
      throw new IllegalArgumentException(
          "request ID \"" + requestId + "\" is not a UUID (8-4-4-4-12 hex digits)");
    }
    return () -> requestId;
  }
}
