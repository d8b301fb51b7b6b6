package dev.itk.signing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The message an Issuetrak request signature covers: six fields joined by line feeds.
 *
 * <p>Its bytes are the UTF-8 of {@code method \n requestId \n timestamp \n path \n query \n}
 * followed by the body bytes exactly as sent, so binary and non-UTF-8 bodies work. The path is
 * lowercased ({@link Locale#ROOT}; percent escapes are kept, their hex lowercased with the rest);
 * method, request ID, timestamp, query and body are used verbatim.
 *
 * <pre>{@code
 * CanonicalMessage m = CanonicalMessage.builder()
 *     .method("GET")
 *     .requestId("c3838d04-46f8-43d6-92fd-62b3d0b59f3e")
 *     .timestamp("2014-09-10T17:28:08.3227351Z")
 *     .path("/NestedSite/api/v1/issues/false/1") // signed as /nestedsite/api/v1/issues/false/1
 *     .build();
 * m.render(); // one field per line, \n and invisible characters made visible
 * }</pre>
 *
 * <p>Rule: {@code docs/scheme.md#canonical-message}.
 */
public final class CanonicalMessage {
  private final String method;
  private final String requestId;
  private final String timestamp;
  private final String path;
  private final String query;
  private final byte[] body;
  private final byte[] prefix;

  // Fields already checked, in the order of the checks: method, request ID, timestamp, path, query.
  private CanonicalMessage(
      String method, String requestId, String timestamp, String path, String query, byte[] body) {
    this.method = method;
    this.requestId = requestId;
    this.timestamp = timestamp;
    this.path = path;
    this.query = query;
    this.body = body;
    this.prefix =
        (method + '\n' + requestId + '\n' + timestamp + '\n' + path + '\n' + query + '\n')
            .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The message for a timestamp already parsed and a body the caller will never modify, which is
   * used as is rather than copied: what the signer and verifier use, so that a request costs one
   * parse of its timestamp and no copy of a body that may be megabytes. Checks every other field as
   * {@link Builder#build()} does.
   */
  static CanonicalMessage of(
      String method,
      String requestId,
      IssuetrakTimestamp.Parsed timestamp,
      String rawPath,
      String query,
      byte[] unsharedBody) {
    return ofCheckedMethodAndRequestId(
        checkMethod(method), checkRequestId(requestId), timestamp, rawPath, query, unsharedBody);
  }

  /**
   * {@link #of} for the verifier, which has already refused the request unless its method is a
   * non-empty HTTP token and its request ID {@link #isUuid a UUID}: the very checks {@code of}
   * would repeat, so only the path and query are checked here.
   */
  static CanonicalMessage ofCheckedMethodAndRequestId(
      String method,
      String requestId,
      IssuetrakTimestamp.Parsed timestamp,
      String rawPath,
      String query,
      byte[] unsharedBody) {
    return new CanonicalMessage(
        method,
        requestId,
        timestamp.text(),
        canonicalPath(rawPath),
        checkQuery(query),
        unsharedBody);
  }

  /**
   * A builder; method, request ID, timestamp and path are required, query and body default to
   * empty.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The path as signed: {@code rawPath} lowercased with {@link Locale#ROOT}.
   *
   * @throws IllegalArgumentException if the path does not start with {@code /} or holds a query, a
   *     fragment, a line break or another control character
   */
  public static String canonicalPath(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      throw new IllegalArgumentException(
          "path is missing; it must be the URL's path, starting with / (e.g. /api/v1/issues/false/1)");
    }
    if (rawPath.charAt(0) != '/') {
      throw new IllegalArgumentException(
          "path \""
              + rawPath
              + "\" must start with /: sign the URL's path component, not the full URL or a"
              + " relative path");
    }
    boolean lowercaseAscii = true;
    for (int i = 0; i < rawPath.length(); i++) {
      char c = rawPath.charAt(i);
      lowercaseAscii &= c < 0x80 && (c < 'A' || c > 'Z');
      if (c == '?' || c == '#') {
        throw new IllegalArgumentException(
            "path \""
                + rawPath
                + "\" contains '"
                + c
                + "' at index "
                + i
                + ": pass the query separately (without '?'); a fragment is never sent");
      }
      if (c < 0x20 || c == 0x7F) {
        throw new IllegalArgumentException(
            "path contains control character U+"
                + String.format(Locale.ROOT, "%04X", (int) c)
                + " at index "
                + i
                + "; percent-encode it");
      }
    }
    // Lowercasing changes only A-Z among ASCII characters, so a path with none is its own
    // lowercase (toLowerCase would return it too, after a second pass).
    return lowercaseAscii ? rawPath : lowercase(rawPath);
  }

  /**
   * Unicode's full lowercase mapping (the default case conversion of Unicode chapter 3.13, no
   * locale), the path rule of {@code docs/scheme.md#path}: {@code İ} becomes {@code i̇}, and
   * capital sigma becomes final {@code ς} exactly in the Final_Sigma context (after a cased letter
   * and any case-ignorable characters, and not before case-ignorable characters then a cased
   * letter). Python's {@code str.lower}, JavaScript's {@code toLowerCase} and Rust's {@code
   * to_lowercase} do the same; Java's {@code String.toLowerCase} does not: it takes any cased
   * letter earlier in the same word ({@code "M6Σ"} gives {@code "m6ς"}, Unicode says {@code
   * "m6σ"}), which {@code itk fuzz} found.
   */
  public static String lowercase(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (cp < 0x80) {
        out.append(cp >= 'A' && cp <= 'Z' ? (char) (cp + ('a' - 'A')) : (char) cp);
      } else if (cp == CAPITAL_SIGMA) {
        out.append(isFinalSigma(text, i, next) ? FINAL_SIGMA : SMALL_SIGMA);
      } else {
        // one code point alone has no casing context: its full mapping (İ is two code points)
        out.append(text, i, next);
        int end = out.length();
        int start = end - (next - i);
        String lower = out.substring(start, end).toLowerCase(Locale.ROOT);
        out.replace(start, end, lower);
      }
      i = next;
    }
    return out.toString();
  }

  private static final int CAPITAL_SIGMA = 0x03A3;
  private static final char SMALL_SIGMA = '\u03C3';
  private static final char FINAL_SIGMA = '\u03C2';

  /** Unicode 3.13, Table 3-17: C is preceded by cased (case-ignorable)* and not followed by it. */
  private static boolean isFinalSigma(String text, int at, int after) {
    boolean casedBefore = false;
    for (int i = at; i > 0; ) {
      int cp = text.codePointBefore(i);
      i -= Character.charCount(cp);
      if (isCaseIgnorable(cp)) {
        continue;
      }
      casedBefore = isCased(cp);
      break;
    }
    if (!casedBefore) {
      return false;
    }
    for (int i = after; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (isCaseIgnorable(cp)) {
        continue;
      }
      return !isCased(cp);
    }
    return true;
  }

  /** Unicode's Cased: Lowercase, Uppercase or titlecase letters (Other_ properties included). */
  private static boolean isCased(int cp) {
    return Character.isLowerCase(cp) || Character.isUpperCase(cp) || Character.isTitleCase(cp);
  }

  /**
   * Unicode's Case_Ignorable: Mn, Me, Cf, Lm, Sk, or Word_Break MidLetter, MidNumLet or
   * Single_Quote.
   */
  private static boolean isCaseIgnorable(int cp) {
    switch (Character.getType(cp)) {
      case Character.NON_SPACING_MARK,
      Character.ENCLOSING_MARK,
      Character.FORMAT,
      Character.MODIFIER_LETTER,
      Character.MODIFIER_SYMBOL:
        return true;
      default:
        break;
    }
    return switch (cp) {
      case 0x0027,
          0x002E,
          0x003A,
          0x00B7,
          0x0387,
          0x055F,
          0x05F4,
          0x2018,
          0x2019,
          0x2024,
          0x2027,
          0xFE13,
          0xFE52,
          0xFE55,
          0xFF07,
          0xFF0E,
          0xFF1A ->
          true;
      default -> false;
    };
  }

  /** Whether {@code text} is a UUID written as 8-4-4-4-12 hex digits, in either case. */
  public static boolean isUuid(String text) {
    if (text == null
        || text.length() != 36
        || text.charAt(8) != '-'
        || text.charAt(13) != '-'
        || text.charAt(18) != '-'
        || text.charAt(23) != '-') {
      return false;
    }
    // Every character a hex digit or '-', and exactly the four dashes above: a table lookup per
    // character rather than a position test and three range tests.
    int dashes = 0;
    for (int i = 0; i < 36; i++) {
      char c = text.charAt(i);
      int kind = c < UUID_CHARS.length ? UUID_CHARS[c] : NOT_UUID;
      if (kind == NOT_UUID) {
        return false;
      }
      dashes += kind;
    }
    return dashes == 4;
  }

  // UUID_CHARS[c]: 0 for a hex digit, 1 for '-', NOT_UUID for any other ASCII character.
  private static final int NOT_UUID = 2;
  private static final byte[] UUID_CHARS = new byte[128];

  static {
    Arrays.fill(UUID_CHARS, (byte) NOT_UUID);
    for (char c : "0123456789abcdefABCDEF".toCharArray()) {
      UUID_CHARS[c] = 0;
    }
    UUID_CHARS['-'] = 1;
  }

  /** The HTTP method, exactly as sent (no case change). */
  public String method() {
    return method;
  }

  /** The request ID, exactly as in the {@code X-Issuetrak-API-Request-ID} header. */
  public String requestId() {
    return requestId;
  }

  /** The timestamp, exactly as in the {@code X-Issuetrak-API-Timestamp} header. */
  public String timestamp() {
    return timestamp;
  }

  /** The canonical (lowercased) path. */
  public String path() {
    return path;
  }

  /** The query field, verbatim (usually without the {@code ?}). */
  public String query() {
    return query;
  }

  /** A copy of the body bytes. */
  public byte[] body() {
    return body.clone();
  }

  /** The body's length in bytes. */
  public int bodyLength() {
    return body.length;
  }

  /** The number of bytes the signature covers. */
  public int length() {
    return prefix.length + body.length;
  }

  /** The exact bytes the signature covers. */
  public byte[] toBytes() {
    byte[] out = Arrays.copyOf(prefix, prefix.length + body.length);
    System.arraycopy(body, 0, out, prefix.length, body.length);
    return out;
  }

  /** The message rendered for humans, one field per line (see {@link MessageRendering}). */
  public String render() {
    return MessageRendering.render(toBytes());
  }

  // The five text fields with their line feeds, UTF-8; the HMAC is fed this and then the body.
  byte[] prefixBytes() {
    return prefix;
  }

  byte[] bodyBytes() {
    return body;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CanonicalMessage that
        && Arrays.equals(prefix, that.prefix)
        && Arrays.equals(body, that.body);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(prefix) + Arrays.hashCode(body);
  }

  /**
   * A one-line summary, e.g. {@code CanonicalMessage[GET /api/v1/issues/false/1, query="", body=0
   * bytes]}.
   */
  @Override
  public String toString() {
    return "CanonicalMessage["
        + method
        + ' '
        + path
        + ", query=\""
        + query
        + "\", body="
        + body.length
        + " bytes]";
  }

  private static String checkMethod(String method) {
    if (method == null || method.isEmpty()) {
      throw new IllegalArgumentException(
          "method is missing; it must be an HTTP method such as GET");
    }
    if (!HttpToken.is(method)) {
      throw new IllegalArgumentException(
          "method \"" + method + "\" is not an HTTP token (" + HttpToken.RULE + ")");
    }
    return method;
  }

  private static String checkRequestId(String requestId) {
    if (!isUuid(requestId)) {
      throw new IllegalArgumentException(
          "request ID "
              + (requestId == null ? "is missing" : "\"" + requestId + "\" is not a UUID")
              + "; expected 8-4-4-4-12 hex digits (signers write them lowercase), e.g."
              + " c3838d04-46f8-43d6-92fd-62b3d0b59f3e");
    }
    return requestId;
  }

  private static String checkQuery(String query) {
    Objects.requireNonNull(query, "query");
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c == '\n' || c == '\r') {
        throw new IllegalArgumentException(
            "query contains a line break at index " + i + "; percent-encode it (%0A, %0D)");
      }
    }
    return query;
  }

  /** Builds a {@link CanonicalMessage}; every setter takes the value exactly as sent. */
  public static final class Builder {
    private String method;
    private String requestId;
    private String timestamp;
    private String path;
    private String query = "";
    private byte[] body = new byte[0];

    private Builder() {}

    /** The HTTP method, e.g. {@code GET}; signed as given, no case change. */
    public Builder method(String method) {
      this.method = method;
      return this;
    }

    /** The request ID, a UUID such as {@code c3838d04-46f8-43d6-92fd-62b3d0b59f3e}. */
    public Builder requestId(String requestId) {
      this.requestId = requestId;
      return this;
    }

    /** The timestamp text, e.g. {@code 2014-09-10T17:28:08.3227351Z}; signed as given. */
    public Builder timestamp(String timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    /** The URL's raw path as sent, e.g. {@code /api/v1/issues/false/1}; lowercased on build. */
    public Builder path(String path) {
      this.path = path;
      return this;
    }

    /** The query field, verbatim; empty by default. */
    public Builder query(String query) {
      this.query = Objects.requireNonNull(query, "query (use \"\" for none)");
      return this;
    }

    /** The body bytes exactly as sent; copied. Empty by default. */
    public Builder body(byte[] body) {
      this.body = Objects.requireNonNull(body, "body (use an empty array for none)").clone();
      return this;
    }

    /** The body as text, sent and signed as UTF-8. */
    public Builder body(String body) {
      this.body = Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /**
     * The message.
     *
     * @throws IllegalArgumentException naming the field, the rule and the offending value
     */
    public CanonicalMessage build() {
      return new CanonicalMessage(
          checkMethod(method),
          checkRequestId(requestId),
          IssuetrakTimestamp.parse(timestamp).text(),
          canonicalPath(path),
          checkQuery(query),
          body);
    }
  }
}
