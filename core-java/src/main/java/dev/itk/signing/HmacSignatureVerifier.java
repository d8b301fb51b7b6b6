package dev.itk.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The reference {@link SignatureVerifier}. */
final class HmacSignatureVerifier implements SignatureVerifier {
  /** Base64 of a 64-byte HMAC-SHA512: 86 characters of data and two of padding. */
  private static final int SIGNATURE_LENGTH = 88;

  /** The signature headers, in the order their absence or repetition is reported. */
  private static final String[] NAMES = {
    SignatureHeaders.REQUEST_ID, SignatureHeaders.TIMESTAMP, SignatureHeaders.AUTHORIZATION
  };

  /** Which ASCII characters the standard base64 alphabet holds (padding excluded). */
  private static final boolean[] BASE64_ALPHABET = new boolean[128];

  /** The 6-bit value of each base64 alphabet character, by Latin-1 code; -1 for the others. */
  private static final byte[] SEXTETS = new byte[256];

  static {
    Arrays.fill(SEXTETS, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      BASE64_ALPHABET[alphabet.charAt(i)] = true;
      SEXTETS[alphabet.charAt(i)] = (byte) i;
    }
  }

  private final List<HmacSha512> hmacs;
  private final List<String> fingerprints;
  private final Clock clock;
  private final Duration window;
  private final ReplayCache replayCache;
  private final boolean strictForms;

  HmacSignatureVerifier(
      List<ApiKey> keys, Clock clock, Duration window, ReplayCache replayCache, boolean strict) {
    this.hmacs = keys.stream().map(HmacSha512::new).toList();
    this.fingerprints = keys.stream().map(ApiKey::fingerprint).toList();
    this.clock = clock;
    this.window = window;
    this.replayCache = replayCache;
    this.strictForms = strict;
  }

  @Override
  public VerificationResult verify(ReceivedRequest request) {
    Instant now = clock.instant();

    String requestLineProblem = requestLineProblem(request);
    if (requestLineProblem != null) {
      return reject(VerificationError.MALFORMED_REQUEST, requestLineProblem, null);
    }

    // One pass over the headers finds all three; each name is checked in the order of NAMES.
    String[] values = new String[NAMES.length];
    int[] counts = new int[NAMES.length];
    List<HeaderLine> headers = request.headers();
    for (int h = 0; h < headers.size(); h++) {
      HeaderLine header = headers.get(h);
      for (int i = 0; i < NAMES.length; i++) {
        String name = header.name();
        // Exact equality (an intrinsic) first: clients almost always send the documented case.
        if (name.equals(NAMES[i]) || HeaderLine.sameName(name, NAMES[i])) {
          if (counts[i]++ == 0) {
            values[i] = header.value();
          }
          break;
        }
      }
    }
    for (int i = 0; i < NAMES.length; i++) {
      if (counts[i] == 0) {
        return reject(VerificationError.MISSING_HEADER, NAMES[i] + " is missing", NAMES[i]);
      }
      if (counts[i] > 1) {
        return reject(
            VerificationError.DUPLICATE_HEADER,
            NAMES[i] + " is sent " + counts[i] + " times; send it once",
            NAMES[i]);
      }
    }
    String requestId = values[0];
    String timestampText = values[1];
    String authorization = values[2];

    if (!CanonicalMessage.isUuid(requestId)
        || (strictForms && !requestId.equals(requestId.toLowerCase(Locale.ROOT)))) {
      return reject(
          VerificationError.MALFORMED_REQUEST_ID,
          SignatureHeaders.REQUEST_ID
              + " \""
              + requestId
              + "\" is not a "
              + (CanonicalMessage.isUuid(requestId) ? "lowercase UUID" : "UUID")
              + " (8-4-4-4-12 hex digits, e.g. c3838d04-46f8-43d6-92fd-62b3d0b59f3e)",
          SignatureHeaders.REQUEST_ID);
    }

    IssuetrakTimestamp.Parsed timestamp;
    try {
      timestamp = IssuetrakTimestamp.parse(timestampText);
    } catch (MalformedTimestampException e) {
      return reject(
          VerificationError.MALFORMED_TIMESTAMP, e.getMessage(), SignatureHeaders.TIMESTAMP);
    }
    if (strictForms && !timestamp.isCanonical()) {
      return reject(
          VerificationError.MALFORMED_TIMESTAMP,
          "timestamp \""
              + timestampText
              + "\" is a "
              + timestamp.form()
              + " variant; this verifier accepts only "
              + IssuetrakTimestamp.PATTERN,
          SignatureHeaders.TIMESTAMP);
    }

    // One pass both checks the form and decodes; only a malformed value is looked at again, to
    // say what is wrong with it.
    byte[] received = decodeSignature(authorization);
    if (received == null) {
      return reject(
          VerificationError.MALFORMED_SIGNATURE,
          signatureFormProblem(authorization),
          SignatureHeaders.AUTHORIZATION);
    }

    CanonicalMessage message;
    try {
      // ReceivedRequest never modifies or hands out its body array, so the message may share it.
      // requestLineProblem and isUuid above made the factory's method and request ID checks.
      message =
          CanonicalMessage.ofCheckedMethodAndRequestId(
              request.method(),
              requestId,
              timestamp,
              request.path(),
              request.query(),
              request.bodyBytes());
    } catch (IllegalArgumentException e) {
      return reject(VerificationError.MALFORMED_REQUEST, e.getMessage(), null);
    }

    Duration offset = Duration.between(now, timestamp.instant());
    if (offset.abs().compareTo(window) > 0) {
      return VerificationResult.rejected(
          VerificationError.STALE_TIMESTAMP,
          "timestamp "
              + timestampText
              + " is "
              + human(offset.abs())
              + (offset.isNegative() ? " behind" : " ahead of")
              + " the verifier's clock ("
              + IssuetrakTimestamp.format(now)
              + "); the window is +/-"
              + human(window),
          SignatureHeaders.TIMESTAMP,
          message,
          timestamp,
          offset);
    }

    // The signature passed signatureFormProblem: 86 base64 characters and "==". The standard
    // encoder writes a 64-byte digest as exactly such a string with the 86th character's four
    // unused low bits (86 * 6 - 512 = 4) zero, and that map is one to one. So
    // "base64(expected) equals the header" holds exactly when the header decodes to the expected
    // digest and those four bits are zero; a non-canonical encoding of the right digest stays a
    // bad signature. Decoding the received value (public) once replaces encoding every expected
    // digest (secret) to text, and the comparison of digests stays constant-time.
    // (received was decoded with the form check above.)
    boolean canonical = (SEXTETS[authorization.charAt(85)] & 0x0F) == 0;
    String matched = null;
    for (int i = 0; i < hmacs.size(); i++) {
      byte[] expected = hmacs.get(i).digest(message);
      // Every key is tried, so the time taken does not tell which key (if any) matched.
      if (MessageDigest.isEqual(expected, received) && canonical && matched == null) {
        matched = fingerprints.get(i);
      }
    }
    if (matched == null) {
      return VerificationResult.rejected(
          VerificationError.BAD_SIGNATURE,
          "the signature does not match the canonical message this verifier computed for the"
              + " request"
              + (hmacs.size() > 1 ? " with any of its " + hmacs.size() + " keys" : "")
              + "; compare that message with the one your client signed",
          SignatureHeaders.AUTHORIZATION,
          message,
          timestamp,
          offset);
    }

    if (replayCache != null) {
      ReplayCache.Outcome outcome =
          replayCache.record(
              requestId.toLowerCase(Locale.ROOT), timestamp.instant().plus(window), now);
      if (outcome == ReplayCache.Outcome.SEEN) {
        return VerificationResult.rejected(
            VerificationError.REPLAYED_REQUEST_ID,
            "request ID "
                + requestId
                + " was already accepted within the last "
                + human(window)
                + "; make a new request ID for every request",
            SignatureHeaders.REQUEST_ID,
            message,
            timestamp,
            offset);
      }
      if (outcome == ReplayCache.Outcome.FORGOTTEN) {
        // Inside this request's window by its clock reading, but not by the latest reading of a
        // concurrent request (or of the clock before it was moved back): request IDs with this
        // timestamp may already have been forgotten, so a replay could not be told apart.
        return VerificationResult.rejected(
            VerificationError.STALE_TIMESTAMP,
            "timestamp "
                + timestampText
                + " is too old for the replay check: request IDs accepted with timestamps up to "
                + IssuetrakTimestamp.format(replayCache.frontier().minus(window))
                + " have already been forgotten (the clock reached "
                + "them plus the window), so a replay of such a request could not be recognised;"
                + " sign the current time (a verifier whose clock was moved back keeps refusing"
                + " these until its request IDs are cleared)",
            SignatureHeaders.TIMESTAMP,
            message,
            timestamp,
            offset);
      }
      if (outcome == ReplayCache.Outcome.FULL) {
        return VerificationResult.rejected(
            VerificationError.REPLAY_CACHE_FULL,
            "the verifier already remembers "
                + replayCache.size()
                + " request IDs within the window and refuses more rather than risk accepting a"
                + " replay",
            SignatureHeaders.REQUEST_ID,
            message,
            timestamp,
            offset);
      }
    }
    return VerificationResult.accepted(message, timestamp, offset, matched);
  }

  @Override
  public void forgetRequestIds() {
    if (replayCache != null) {
      replayCache.clear();
    }
  }

  @Override
  public int rememberedRequestIds() {
    return replayCache == null ? 0 : replayCache.size();
  }

  private static VerificationResult reject(VerificationError error, String detail, String header) {
    return VerificationResult.rejected(error, detail, header, null, null, null);
  }

  private static String requestLineProblem(ReceivedRequest request) {
    String method = request.method();
    if (!HttpToken.is(method)) {
      return "method \"" + method + "\" is not an HTTP token";
    }
    if (!request.path().startsWith("/")) {
      return "path \"" + request.path() + "\" does not start with /";
    }
    return null;
  }

  /** Why {@code value} cannot be base64 of a 64-byte digest, or null if it can. */
  static String signatureFormProblem(String value) {
    if (value.length() != SIGNATURE_LENGTH) {
      String hint =
          value.length() == 128 && value.chars().allMatch(c -> Character.digit(c, 16) >= 0)
              ? " (it looks like hex; the signature must be base64)"
              : value.length() == 86 ? " (the == padding is missing)" : "";
      return "signature is "
          + value.length()
          + " characters long; base64 of a 64-byte HMAC-SHA512 is 88"
          + hint;
    }
    for (int i = 0; i < 86; i++) {
      char c = value.charAt(i);
      if (c >= BASE64_ALPHABET.length || !BASE64_ALPHABET[c]) {
        String hint =
            c == '-' || c == '_' ? " (base64url; the standard alphabet uses + and /)" : "";
        return "signature has '" + c + "' at index " + i + ", outside the base64 alphabet" + hint;
      }
    }
    if (value.charAt(86) != '=' || value.charAt(87) != '=') {
      return "signature must end with the padding \"==\"";
    }
    return null;
  }

  /**
   * The 64 bytes {@code value} encodes, or null exactly when {@link #signatureFormProblem} finds a
   * problem with it (88 characters: 86 of the standard alphabet, then {@code ==}).
   */
  static byte[] decodeSignature(String value) {
    if (value.length() != SIGNATURE_LENGTH) {
      return null;
    }
    // A plain copy for a Latin-1 string; a loop over an array avoids a bounds and coder check per
    // charAt. A char above U+00FF becomes '?', outside the alphabet, as it is, and a surrogate
    // pair one '?', shortening the array: either way the value is malformed.
    byte[] text = value.getBytes(StandardCharsets.ISO_8859_1);
    if (text.length != SIGNATURE_LENGTH || text[86] != '=' || text[87] != '=') {
      return null;
    }
    byte[] out = new byte[64];
    int bad = 0;
    int o = 0;
    int i = 0;
    for (; i < 84; i += 4) {
      int a = SEXTETS[text[i] & 0xFF];
      int b = SEXTETS[text[i + 1] & 0xFF];
      int c = SEXTETS[text[i + 2] & 0xFF];
      int d = SEXTETS[text[i + 3] & 0xFF];
      bad |= a | b | c | d;
      int bits = a << 18 | b << 12 | c << 6 | d;
      out[o++] = (byte) (bits >> 16);
      out[o++] = (byte) (bits >> 8);
      out[o++] = (byte) bits;
    }
    int a = SEXTETS[text[i] & 0xFF];
    int b = SEXTETS[text[i + 1] & 0xFF];
    bad |= a | b;
    out[o] = (byte) (a << 2 | b >> 4);
    return bad < 0 ? null : out;
  }

  /** A duration as people read it: {@code 7m12.5s}, {@code 300ms}, {@code 1h}. */
  static String human(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    long hours = d.toHours();
    int minutes = d.toMinutesPart();
    int seconds = d.toSecondsPart();
    int nanos = d.toNanosPart();
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (minutes > 0) {
      out.append(minutes).append('m');
    }
    if (seconds > 0 || nanos > 0) {
      if (hours == 0 && minutes == 0 && seconds == 0) {
        return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + "ms" : nanos + "ns";
      }
      out.append(seconds);
      if (nanos > 0) {
        String fraction = String.format(Locale.ROOT, "%09d", nanos).replaceAll("0+$", "");
        out.append('.').append(fraction);
      }
      out.append('s');
    }
    return out.toString();
  }
}
