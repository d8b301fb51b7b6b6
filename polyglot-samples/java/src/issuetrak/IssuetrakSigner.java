package issuetrak;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs Issuetrak API v1 requests with HMAC-SHA512 (docs/scheme.md), JDK only.
 *
 * <p>Pure: no network, no clock, no randomness. The request ID and the timestamp are inputs; {@link
 * #formatTimestamp(Instant)} turns a clock reading into the timestamp header. Each stage is a
 * value:
 *
 * <pre>{@code
 * SignedRequest s = IssuetrakSigner.sign(key, "GET", "c3838d04-46f8-43d6-92fd-62b3d0b59f3e",
 *     "2014-09-10T17:28:08.3227351Z", "/NestedSite1/api/v1/issues/false/1", "", new byte[0]);
 * s.canonicalPath();  // "/nestedsite1/api/v1/issues/false/1"
 * s.message();        // the exact bytes signed: "GET\nc3838d04-...\n2014-...Z\n/nestedsite1/...\n\n"
 * s.signature();      // 88 characters of standard base64
 * s.headers();        // Request-ID, Timestamp, Authorization, in the order they are sent
 * }</pre>
 */
public final class IssuetrakSigner {
  public static final String REQUEST_ID_HEADER = "X-Issuetrak-API-Request-ID";
  public static final String TIMESTAMP_HEADER = "X-Issuetrak-API-Timestamp";
  public static final String AUTHORIZATION_HEADER = "X-Issuetrak-API-Authorization";

  private static final String HMAC = "HmacSHA512";
  // RFC 9110 token characters.
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  // The canonical form and the variants the kit's verifier accepts (docs/scheme.md#timestamp).
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})"
              + "(?:\\.[0-9]{1,7})?(?:Z|[+-]([0-9]{2}):([0-9]{2}))");

  private static final Pattern INSTANT =
      Pattern.compile(
          "([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.([0-9]{1,9}))?Z");

  private IssuetrakSigner() {}

  /** Every stage of signing one request. Holds no key. */
  public record SignedRequest(
      String canonicalPath, byte[] message, String signature, Map<String, String> headers) {
    public SignedRequest {
      message = message.clone();
      headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** The exact bytes signed (a copy). */
    @Override
    public byte[] message() {
      return message.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SignedRequest s
          && canonicalPath.equals(s.canonicalPath)
          && Arrays.equals(message, s.message)
          && signature.equals(s.signature)
          && headers.equals(s.headers);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(message) + signature.hashCode();
    }

    @Override
    public String toString() {
      return "SignedRequest[canonicalPath="
          + canonicalPath
          + ", message="
          + message.length
          + " bytes, signature="
          + signature
          + "]";
    }
  }

  /**
   * Signs one request. {@code rawPath} is the path as sent (lowercased here), {@code query} the raw
   * query without {@code ?} (signed verbatim, {@code ""} for none), {@code body} the exact bytes
   * sent ({@code new byte[0]} for none).
   */
  public static SignedRequest sign(
      String apiKey,
      String method,
      String requestId,
      String timestamp,
      String rawPath,
      String query,
      byte[] body) {
    byte[] message = canonicalMessage(method, requestId, timestamp, rawPath, query, body);
    String signature = signature(apiKey, message);
    return new SignedRequest(
        canonicalPath(rawPath), message, signature, headers(requestId, timestamp, signature));
  }

  /**
   * The path as signed: lowercased with {@link Locale#ROOT}, whatever the default locale ({@code
   * /NestedSite1/API} becomes {@code /nestedsite1/api}; a Turkish locale would otherwise turn
   * {@code I} into a dotless {@code ı}).
   *
   * @throws IllegalArgumentException for a raw non-ASCII character: how the server lowercases it is
   *     unknown, and Java's own {@code toLowerCase} is not Unicode's for a capital sigma ({@code
   *     "/M6Σ"} gives a final {@code ς}); percent-encode such characters first
   */
  public static String canonicalPath(String rawPath) {
    for (int i = 0; i < rawPath.length(); i++) {
      char c = rawPath.charAt(i);
      if (c > 0x7F) {
        throw new IllegalArgumentException(
            "path \""
                + rawPath
                + "\" has the raw non-ASCII character '"
                + c
                + "' at index "
                + i
                + "; percent-encode non-ASCII path characters as UTF-8 before signing and sending:"
                + " how the server lowercases them is unknown (docs/scheme.md)");
      }
    }
    return rawPath.toLowerCase(Locale.ROOT);
  }

  /**
   * The bytes to sign: {@code UTF-8(method LF requestId LF timestamp LF lower(path) LF query LF)}
   * followed by the body bytes, appended as they are (never decoded, so a body that is not UTF-8
   * signs correctly).
   *
   * @throws IllegalArgumentException naming the field, the rule and the value, for a field that
   *     would make the message ambiguous or that no HTTP server would hand over
   */
  public static byte[] canonicalMessage(
      String method,
      String requestId,
      String timestamp,
      String rawPath,
      String query,
      byte[] body) {
    require("method", method);
    if (!TOKEN.matcher(method).matches()) {
      throw new IllegalArgumentException(
          "method "
              + quote(method)
              + " is not an HTTP token (RFC 9110: letters, digits and"
              + " !#$%&'*+-.^_`|~, at least one); send and sign e.g. \"GET\"");
    }
    require("request ID", requestId);
    if (!UUID.matcher(requestId).matches()) {
      throw new IllegalArgumentException(
          "request ID "
              + quote(requestId)
              + " is not a UUID (8-4-4-4-12 hex digits,"
              + " e.g. c3838d04-46f8-43d6-92fd-62b3d0b59f3e)");
    }
    checkTimestamp(timestamp);
    require("path", rawPath);
    if (!rawPath.startsWith("/")) {
      throw new IllegalArgumentException(
          "path " + quote(rawPath) + " does not start with '/'; sign the URL's path as sent");
    }
    for (int i = 0; i < rawPath.length(); i++) {
      char c = rawPath.charAt(i);
      if (c == '?' || c == '#' || c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException(
            "path "
                + quote(rawPath)
                + " contains "
                + quote(String.valueOf(c))
                + " at index "
                + i
                + "; a path has no '?', '#' or control character (the query is its own field)");
      }
    }
    if (query == null) {
      throw new IllegalArgumentException("query is null; give \"\" when there is none");
    }
    if (query.indexOf('\r') >= 0 || query.indexOf('\n') >= 0) {
      throw new IllegalArgumentException(
          "query " + quote(query) + " contains CR or LF, which would make the message ambiguous");
    }
    if (body == null) {
      throw new IllegalArgumentException("body is null; give new byte[0] when there is none");
    }
    String head =
        method
            + "\n"
            + requestId
            + "\n"
            + timestamp
            + "\n"
            + canonicalPath(rawPath)
            + "\n"
            + query
            + "\n";
    checkWellFormed("the message's text fields", head, true);
    byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
    byte[] message = Arrays.copyOf(headBytes, headBytes.length + body.length);
    System.arraycopy(body, 0, message, headBytes.length, body.length);
    return message;
  }

  /**
   * Standard base64 (padded, 88 characters) of HMAC-SHA512 over {@code message}, keyed with the
   * UTF-8 bytes of the key text exactly as issued: never base64-decoded, never trimmed. No error
   * message shows the key.
   */
  public static String signature(String apiKey, byte[] message) {
    if (apiKey == null || apiKey.isEmpty()) {
      throw new IllegalArgumentException(
          "the API key is empty; give the key text exactly as Issuetrak issued it");
    }
    checkWellFormed("the API key", apiKey, false);
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(apiKey.getBytes(StandardCharsets.UTF_8), HMAC));
      return Base64.getEncoder().encodeToString(mac.doFinal(message));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("this JDK cannot compute " + HMAC, e);
    }
  }

  /** The three signing headers, in the order the sample sends them. */
  public static Map<String, String> headers(String requestId, String timestamp, String signature) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(REQUEST_ID_HEADER, requestId);
    headers.put(TIMESTAMP_HEADER, timestamp);
    headers.put(AUTHORIZATION_HEADER, signature);
    return Collections.unmodifiableMap(headers);
  }

  /**
   * The timestamp header for an instant: UTC, {@code yyyy-MM-ddTHH:mm:ss.fffffffZ}, exactly 7
   * fractional digits, truncated to 100 ns, never rounded ({@code 2014-09-10T17:28:08.322735199Z}
   * becomes {@code 2014-09-10T17:28:08.3227351Z}).
   */
  public static String formatTimestamp(Instant instant) {
    LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    if (t.getYear() < 1 || t.getYear() > 9999) {
      throw new IllegalArgumentException(
          "instant "
              + instant
              + " is outside years 0001-9999, which the timestamp form cannot"
              + " write");
    }
    return String.format(
        Locale.ROOT,
        "%04d-%02d-%02dT%02d:%02d:%02d.%07dZ",
        t.getYear(),
        t.getMonthValue(),
        t.getDayOfMonth(),
        t.getHour(),
        t.getMinute(),
        t.getSecond(),
        t.getNano() / 100);
  }

  /**
   * Reads an ISO-8601 UTC instant with up to 9 fractional digits, the input of {@link
   * #formatTimestamp}: {@code 2014-09-10T17:28:08.322735199Z}.
   */
  public static Instant parseInstant(String text) {
    Matcher m = text == null ? null : INSTANT.matcher(text);
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException(
          "instant "
              + (text == null ? "null" : quote(text))
              + " is not an ISO-8601 UTC instant"
              + " (yyyy-MM-ddTHH:mm:ss, optionally '.' and 1 to 9 digits, then 'Z';"
              + " e.g. 2014-09-10T17:28:08.322735199Z)");
    }
    try {
      LocalDateTime t =
          LocalDateTime.of(
              Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
      String fraction = m.group(7) == null ? "" : m.group(7);
      int nanos = Integer.parseInt((fraction + "000000000").substring(0, 9));
      return t.toInstant(ZoneOffset.UTC).plusNanos(nanos);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "instant " + quote(text) + " is not a date and time that exists: " + e.getMessage());
    }
  }

  private static void checkTimestamp(String timestamp) {
    require("timestamp", timestamp);
    Matcher m = TIMESTAMP.matcher(timestamp);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "timestamp "
              + quote(timestamp)
              + " is not yyyy-MM-ddTHH:mm:ss.fffffffZ (or a variant:"
              + " 0 to 7 fractional digits, 'Z' or an offset +HH:MM);"
              + " e.g. 2014-09-10T17:28:08.3227351Z");
    }
    int year = Integer.parseInt(m.group(1));
    try {
      if (year < 1) {
        throw new DateTimeException("year 0000 does not exist");
      }
      LocalDateTime.of(
          year,
          Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)),
          Integer.parseInt(m.group(4)),
          Integer.parseInt(m.group(5)),
          Integer.parseInt(m.group(6)));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "timestamp "
              + quote(timestamp)
              + " is not a date and time that exists: "
              + e.getMessage());
    }
    if (m.group(7) != null
        && (Integer.parseInt(m.group(7)) > 14 || Integer.parseInt(m.group(8)) > 59)) {
      throw new IllegalArgumentException(
          "timestamp "
              + quote(timestamp)
              + " has an offset beyond +/-14:59 (hours at most 14,"
              + " minutes at most 59)");
    }
  }

  private static void require(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(field + " is empty");
    }
  }

  /** Refuses an unpaired surrogate, which String.getBytes would silently turn into '?'. */
  static void checkWellFormed(String what, String text, boolean showValue) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            what
                + (showValue ? " " + quote(text) : "")
                + " has an unpaired surrogate at index "
                + i
                + ", which has no UTF-8 encoding");
      }
    }
  }

  /** The value in double quotes, with control characters written as escapes. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        b.append(String.format(Locale.ROOT, "\\x%02X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
