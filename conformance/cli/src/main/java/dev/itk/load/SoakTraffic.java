package dev.itk.load;

import dev.itk.signing.VerificationError;
import java.util.Locale;
import java.util.Objects;

/**
 * What a {@link StubSoak} sends, and what the stub must answer to it: the signed kinds of {@link
 * StubLoad.Kind}, bodies over the limit, stalled bodies, and calls to the admin routes ({@code
 * docs/stub.md#admin-routes}), hostile ones included.
 */
public enum SoakTraffic {
  /** A signed GET of an issue. */
  VALID_GET(StubLoad.Kind.VALID_GET),
  /** A signed POST of a note with a non-ASCII JSON body. */
  VALID_POST(StubLoad.Kind.VALID_POST),
  /** Signed with a key the stub does not accept. */
  WRONG_KEY(StubLoad.Kind.WRONG_KEY),
  /** A path other than the one signed. */
  TAMPERED_PATH(StubLoad.Kind.TAMPERED_PATH),
  /** One body byte changed after signing. */
  TAMPERED_BODY(StubLoad.Kind.TAMPERED_BODY),
  /** Signed ten minutes ago. */
  STALE_TIMESTAMP(StubLoad.Kind.STALE_TIMESTAMP),
  /** The exact bytes of a request accepted in the last 10 s, sent again. */
  REPLAY(StubLoad.Kind.REPLAY),
  /** The authorization header left out. */
  MISSING_HEADER(StubLoad.Kind.MISSING_HEADER),
  /** A signature that is not base64. */
  MALFORMED_SIGNATURE(StubLoad.Kind.MALFORMED_SIGNATURE),
  /** A {@code Content-Length} one byte over the stub's largest body, and no body sent. */
  BODY_OVER_LIMIT(413, "body-too-large"),
  /** A body of 1 to 4 MiB signed with another key: its 401 must carry the diagnosis object. */
  LARGE_BODY_BAD_SIGNATURE(401, VerificationError.BAD_SIGNATURE.code()),
  /**
   * A head declaring a 1 MB body, then one byte and nothing more: 408, or the connection closed.
   */
  STALLED_BODY(408, "request-timeout"),
  /** {@code GET /__itk/health}. */
  ADMIN_HEALTH(200, null),
  /** {@code GET /__itk/requests}: the whole record kept in memory. */
  ADMIN_RECORD(200, null),
  /** A call that changes the stub, without the admin token. */
  ADMIN_WITHOUT_TOKEN(401, "admin-token-required"),
  /** A call that changes the stub, with a token that is not the stub's. */
  ADMIN_WRONG_TOKEN(403, "admin-token-wrong"),
  /** An admin call whose {@code Host} is not a loopback name (DNS rebinding), token or not. */
  ADMIN_FOREIGN_HOST(403, "forbidden-host"),
  /** A clock shift of thousands of centuries, with the token: refused, the clock unchanged. */
  ADMIN_HOSTILE_CLOCK_SHIFT(400, "invalid-argument");

  private final int status;
  private final String code;
  private final StubLoad.Kind signed;

  SoakTraffic(StubLoad.Kind signed) {
    this.status = signed.status();
    this.code = signed.code();
    this.signed = signed;
  }

  SoakTraffic(int status, String code) {
    this.status = status;
    this.code = code;
    this.signed = null;
  }

  /** The status the stub must answer. */
  public int status() {
    return status;
  }

  /** The error code the stub must answer, or null for a 200. */
  public String code() {
    return code;
  }

  /** Whether it goes to an admin route, which the stub does not record. */
  public boolean admin() {
    return name().startsWith("ADMIN_");
  }

  /** The name as the figures show it, e.g. {@code valid_get}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether an answer with {@code status} and {@code code} is the one expected. */
  boolean expects(int status, String code) {
    return this.status == status && Objects.equals(this.code, code);
  }

  /** The soak traffic that sends a signed request of {@code kind}. */
  static SoakTraffic of(StubLoad.Kind kind) {
    for (SoakTraffic t : values()) {
      if (t.signed == kind) {
        return t;
      }
    }
    throw new IllegalArgumentException("no soak traffic sends " + kind);
  }
}
