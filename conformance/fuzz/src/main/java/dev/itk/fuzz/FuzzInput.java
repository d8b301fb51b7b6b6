package dev.itk.fuzz;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One signing input: the {@code input} object of a valid vector ({@code docs/vectors.md}). The key
 * is a generated test key, still never shown by {@link #toString()} (only its length).
 *
 * @param key the API key text
 * @param method the HTTP method as sent
 * @param requestId the request ID header as sent
 * @param timestamp the timestamp header as sent
 * @param path the raw path as sent
 * @param query the query, verbatim, without {@code ?}
 * @param body the body bytes as sent (not copied: treat as read-only)
 */
public record FuzzInput(
    String key,
    String method,
    String requestId,
    String timestamp,
    String path,
    String query,
    byte[] body) {
  /** The unknown rule of raw non-ASCII characters in a path ({@code docs/scheme.md}). */
  public static final String PATH_RAW_NON_ASCII = "path-raw-non-ascii";

  /** The unknown rule of dot segments in a path ({@code docs/scheme.md}). */
  public static final String PATH_DOT_SEGMENTS = "path-dot-segments";

  public FuzzInput {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(body, "body");
  }

  /**
   * The unknown rules the signed message depends on, as {@code fixtures/generate} decides them: a
   * raw non-ASCII character in the path, a dot segment ({@code .}, {@code ..}, {@code %2e} escapes
   * included). An input with one is {@code acceptable}: an implementation may refuse it.
   */
  public Optional<String> unknownRule() {
    if (path.chars().anyMatch(c -> c > 0x7F)) {
      return Optional.of(PATH_RAW_NON_ASCII);
    }
    return hasDotSegment(path) ? Optional.of(PATH_DOT_SEGMENTS) : Optional.empty();
  }

  /** How many unknown rules the input rests on (a vector may rest on one at most). */
  int unknownRuleCount() {
    return (path.chars().anyMatch(c -> c > 0x7F) ? 1 : 0) + (hasDotSegment(path) ? 1 : 0);
  }

  static boolean hasDotSegment(String path) {
    for (String segment : path.split("/", -1)) {
      String s = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
      if (s.equals(".") || s.equals("..")) {
        return true;
      }
    }
    return false;
  }

  /** Whether an implementation may refuse this input ({@code acceptable} in the vector format). */
  public boolean isAcceptable() {
    return unknownRule().isPresent();
  }

  /** The body as text when it is well-formed UTF-8; empty when it is not. */
  public Optional<String> bodyText() {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /**
   * The runner protocol's {@code sign} input: {@code body} when the body is UTF-8 text, else {@code
   * bodyBase64}.
   */
  public ObjectNode toSignInput() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("key", key)
        .put("method", method)
        .put("requestId", requestId)
        .put("timestamp", timestamp)
        .put("path", path)
        .put("query", query);
    Optional<String> text = bodyText();
    if (text.isPresent()) {
      o.put("body", text.get());
    } else {
      o.put("bodyBase64", Base64.getEncoder().encodeToString(body));
    }
    return o;
  }

  FuzzInput withKey(String v) {
    return new FuzzInput(v, method, requestId, timestamp, path, query, body);
  }

  FuzzInput withMethod(String v) {
    return new FuzzInput(key, v, requestId, timestamp, path, query, body);
  }

  FuzzInput withRequestId(String v) {
    return new FuzzInput(key, method, v, timestamp, path, query, body);
  }

  FuzzInput withTimestamp(String v) {
    return new FuzzInput(key, method, requestId, v, path, query, body);
  }

  FuzzInput withPath(String v) {
    return new FuzzInput(key, method, requestId, timestamp, v, query, body);
  }

  FuzzInput withQuery(String v) {
    return new FuzzInput(key, method, requestId, timestamp, path, v, body);
  }

  FuzzInput withBody(byte[] v) {
    return new FuzzInput(key, method, requestId, timestamp, path, query, v);
  }

  /** The size of the input in bytes, roughly what it costs to send. */
  long size() {
    return (long) body.length
        + key.length()
        + method.length()
        + requestId.length()
        + timestamp.length()
        + path.length()
        + query.length();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FuzzInput f
        && key.equals(f.key)
        && method.equals(f.method)
        && requestId.equals(f.requestId)
        && timestamp.equals(f.timestamp)
        && path.equals(f.path)
        && query.equals(f.query)
        && Arrays.equals(body, f.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, method, requestId, timestamp, path, query, Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return "FuzzInput[key=("
        + key.length()
        + " chars), method="
        + method
        + ", requestId="
        + requestId
        + ", timestamp="
        + timestamp
        + ", path="
        + path
        + ", query="
        + query
        + ", body="
        + body.length
        + " bytes]";
  }
}
