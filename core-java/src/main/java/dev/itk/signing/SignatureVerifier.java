package dev.itk.signing;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks the signature of a received Issuetrak request, the way a server must.
 *
 * <pre>{@code
 * SignatureVerifier verifier = SignatureVerifier.builder()
 *     .key(ApiKey.of(apiKeyText))
 *     .window(Duration.ofMinutes(5))
 *     .build();
 * VerificationResult r = verifier.verify(receivedRequest);
 * }</pre>
 *
 * <p>Checks, in order: the request line (method and path), each header's presence, then the forms
 * of the request ID, the timestamp and the signature, then that the canonical message can be built,
 * the timestamp against the window, the signature (in constant time, against every configured key),
 * and last the request ID against those accepted within the window. The first failing check is
 * reported with a stable code; the expected signature is never revealed. Thread-safe. Rule: {@code
 * docs/scheme.md#verification}.
 */
public interface SignatureVerifier {
  /** A builder; at least one key is required. */
  static Builder builder() {
    return new Builder();
  }

  /** Verifies one request and, when it is valid, remembers its request ID. */
  VerificationResult verify(ReceivedRequest request);

  /** Forgets every remembered request ID (for test servers that rewind their clock). */
  void forgetRequestIds();

  /** The number of request IDs remembered now. */
  int rememberedRequestIds();

  /** Configures a {@link SignatureVerifier}. */
  final class Builder {
    /** The default clock-skew window: requests within five minutes either side are accepted. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    /**
     * The longest window: any timestamp (years 0001-9999) plus it is still an {@link
     * java.time.Instant}.
     */
    public static final Duration MAX_WINDOW = Duration.ofDays(3_652_500);

    /** The default bound on remembered request IDs. */
    public static final int DEFAULT_REPLAY_CAPACITY = 100_000;

    private final List<ApiKey> keys = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Duration window = DEFAULT_WINDOW;
    private boolean replayProtection = true;
    private int replayCapacity = DEFAULT_REPLAY_CAPACITY;
    private boolean strictForms = false;

    private Builder() {}

    /** Accepts signatures made with this key; call again to accept several keys. */
    public Builder key(ApiKey key) {
      keys.add(Objects.requireNonNull(key, "key"));
      return this;
    }

    /** The verifier's clock; the system UTC clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How far the timestamp may be from the clock, either way, edges included; {@link
     * #DEFAULT_WINDOW} by default, at most {@link #MAX_WINDOW}. Issuetrak's own window is not
     * publicly documented.
     */
    public Builder window(Duration window) {
      if (window == null || window.isNegative()) {
        throw new IllegalArgumentException("window must be zero or positive; got " + window);
      }
      if (window.compareTo(MAX_WINDOW) > 0) {
        throw new IllegalArgumentException(
            "window must be at most "
                + MAX_WINDOW.toDays()
                + " days (10 000 years); got "
                + window);
      }
      this.window = window;
      return this;
    }

    /** Whether a request ID is refused the second time within the window; on by default. */
    public Builder replayProtection(boolean enabled) {
      this.replayProtection = enabled;
      return this;
    }

    /**
     * The most request IDs remembered at once ({@link #DEFAULT_REPLAY_CAPACITY} by default). When
     * full, new requests are refused with {@code replay-cache-full} rather than forgetting IDs
     * early, so a replay is never wrongly accepted.
     */
    public Builder replayCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("replay capacity must be at least 1; got " + capacity);
      }
      this.replayCapacity = capacity;
      return this;
    }

    /**
     * When true, only the canonical forms are accepted: a lowercase request ID and a timestamp with
     * exactly seven fractional digits and {@code Z}. Off by default, since Issuetrak's own
     * strictness is not publicly documented and clients in the wild send the variants.
     */
    public Builder strictForms(boolean strict) {
      this.strictForms = strict;
      return this;
    }

    /** The verifier. */
    public SignatureVerifier build() {
      if (keys.isEmpty()) {
        throw new IllegalStateException("a verifier needs at least one API key; call key(...)");
      }
      return new HmacSignatureVerifier(
          keys,
          clock,
          window,
          replayProtection ? new ReplayCache(replayCapacity) : null,
          strictForms);
    }
  }
}
