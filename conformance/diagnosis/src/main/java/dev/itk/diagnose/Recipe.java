package dev.itk.diagnose;

import dev.itk.signing.CanonicalMessage;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One way to build a message and sign it: what the client may have done, e.g. the request as
 * received with its path not lowercased. Immutable; each {@code with} method returns a changed
 * copy, which shares the body and the key (immutable too). The path is kept as sent with a flag for
 * lowercasing, and the query with its prefix, so that two mistakes on the same field compose.
 *
 * @param rawPath the path before lowercasing, e.g. {@code /NestedSite1/api/v1/Issues}
 * @param lowercasePath whether the path is lowercased before it is signed, as the scheme does
 * @param queryPrefix what is signed before the query: empty, as the scheme does, or {@code ?}
 * @param separator what joins the fields: a line feed, as the scheme does, or CRLF
 * @param order for each place in the message, the index of the field there in the scheme's order
 *     (method, request ID, timestamp, path, query, body): {@link #SCHEME_ORDER}, or e.g. {@code [1,
 *     0, 2, 3, 4, 5]} for the request ID first, or {@code [0, 1, 2, 3, 5]} for five fields, the
 *     query left out
 * @param trailingNewline whether a line feed follows the last field
 * @param key the HMAC key's bytes
 * @param mistakes the mistakes that made this recipe, in the order they were made
 */
record Recipe(
    String method,
    String requestId,
    String timestamp,
    String rawPath,
    boolean lowercasePath,
    String queryPrefix,
    String query,
    ByteString body,
    String separator,
    List<Integer> order,
    boolean trailingNewline,
    ByteString key,
    List<Mistake> mistakes) {
  /** The six fields in the scheme's order. */
  static final List<Integer> SCHEME_ORDER = List.of(0, 1, 2, 3, 4, 5);

  private static final ByteString LF = ByteString.utf8("\n");

  Recipe {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(rawPath, "rawPath");
    Objects.requireNonNull(queryPrefix, "queryPrefix");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(separator, "separator");
    Objects.requireNonNull(key, "key");
    order = List.copyOf(order);
    mistakes = List.copyOf(mistakes);
    int seen = 0;
    for (int field : order) {
      seen |= field >= 0 && field < 6 ? 1 << field : 1 << 6;
    }
    if (order.size() < 5
        || order.size() > 6
        || Integer.bitCount(seen) != order.size()
        || seen >= 1 << 6) {
      throw new IllegalArgumentException(
          "order must name five or six of the fields 0 to 5, each once; got " + order);
    }
  }

  /** The recipe the scheme prescribes for these fields and this key: no mistake made. */
  static Recipe of(
      String method,
      String requestId,
      String timestamp,
      String rawPath,
      String query,
      ByteString body,
      ByteString key) {
    return new Recipe(
        method,
        requestId,
        timestamp,
        rawPath,
        true,
        "",
        query,
        body,
        "\n",
        SCHEME_ORDER,
        false,
        key,
        List.of());
  }

  Recipe withMethod(String method) {
    return new Recipe(
        method,
        requestId,
        timestamp,
        rawPath,
        lowercasePath,
        queryPrefix,
        query,
        body,
        separator,
        order,
        trailingNewline,
        key,
        mistakes);
  }

  Recipe withRequestId(String requestId) {
    return new Recipe(
        method,
        requestId,
        timestamp,
        rawPath,
        lowercasePath,
        queryPrefix,
        query,
        body,
        separator,
        order,
        trailingNewline,
        key,
        mistakes);
  }

  Recipe withTimestamp(String timestamp) {
    return new Recipe(
        method,
        requestId,
        timestamp,
        rawPath,
        lowercasePath,
        queryPrefix,
        query,
        body,
        separator,
        order,
        trailingNewline,
        key,
        mistakes);
  }

  Recipe withRawPath(String rawPath) {
    return new Recipe(
        method,
        requestId,
        timestamp,
        rawPath,
        lowercasePath,
        queryPrefix,
        query,
        body,
        separator,
        order,
        trailingNewline,
        key,
        mistakes);
  }

  /** This recipe with the path signed as sent, not lowercased. */
  Recipe withPathAsSent() {
    return new Recipe(
        method,
        requestId,
        timestamp,
        rawPath,
        false,
        queryPrefix,
        query,
        body,
        separator,
        order,
        trailingNewline,
        key,
        mistakes);
  }

  Recipe withQueryPrefix(String queryPrefix) {
    return new Recipe(
        method,
        requestId,
        timestamp,
        rawPath,
        lowercasePath,
        queryPrefix,
        query,
        body,
        separator,
        order,
        trailingNewline,
        key,
        mistakes);
  }

  Recipe withQuery(String query) {
    return new Recipe(
        method,
        requestId,
        timestamp,
        rawPath,
        lowercasePath,
        queryPrefix,
        query,
        body,
        separator,
        order,
        trailingNewline,
        key,
        mistakes);
  }

  Recipe withBody(ByteString body) {
    return new Recipe(
        method,
        requestId,
        timestamp,
        rawPath,
        lowercasePath,
        queryPrefix,
        query,
        body,
        separator,
        order,
        trailingNewline,
        key,
        mistakes);
  }

  Recipe withSeparator(String separator) {
    return new Recipe(
        method,
        requestId,
        timestamp,
        rawPath,
        lowercasePath,
        queryPrefix,
        query,
        body,
        separator,
        order,
        trailingNewline,
        key,
        mistakes);
  }

  Recipe withOrder(List<Integer> order) {
    return new Recipe(
        method,
        requestId,
        timestamp,
        rawPath,
        lowercasePath,
        queryPrefix,
        query,
        body,
        separator,
        order,
        trailingNewline,
        key,
        mistakes);
  }

  /** This recipe with a line feed after the last field. */
  Recipe withTrailingNewline() {
    return new Recipe(
        method,
        requestId,
        timestamp,
        rawPath,
        lowercasePath,
        queryPrefix,
        query,
        body,
        separator,
        order,
        true,
        key,
        mistakes);
  }

  Recipe withKey(ByteString key) {
    return new Recipe(
        method,
        requestId,
        timestamp,
        rawPath,
        lowercasePath,
        queryPrefix,
        query,
        body,
        separator,
        order,
        trailingNewline,
        key,
        mistakes);
  }

  /** This recipe with {@code mistake} added to its mistakes. */
  Recipe plus(Mistake mistake) {
    List<Mistake> all = new ArrayList<>(mistakes);
    all.add(mistake);
    return new Recipe(
        method,
        requestId,
        timestamp,
        rawPath,
        lowercasePath,
        queryPrefix,
        query,
        body,
        separator,
        order,
        trailingNewline,
        key,
        all);
  }

  /** The path as signed. */
  String path() {
    return lowercasePath ? CanonicalMessage.lowercase(rawPath) : rawPath;
  }

  /** The message this recipe signs. */
  Message message() {
    List<ByteString> fields =
        List.of(
            ByteString.utf8(method),
            ByteString.utf8(requestId),
            ByteString.utf8(timestamp),
            ByteString.utf8(path()),
            ByteString.utf8(queryPrefix + query),
            body);
    ByteString sep = ByteString.utf8(separator);
    List<ByteString> parts = new ArrayList<>(12);
    for (int i = 0; i < order.size(); i++) {
      if (i > 0) {
        parts.add(sep);
      }
      parts.add(fields.get(order.get(i)));
    }
    if (trailingNewline) {
      parts.add(LF);
    }
    return new Message(parts);
  }

  /**
   * A message as the parts to hash in turn, fields and separators: never joined, so that a large
   * body is not copied to be hashed.
   */
  record Message(List<ByteString> parts) {
    Message {
      parts = List.copyOf(parts);
    }

    /** The bytes hashed to sign it. */
    long length() {
      long n = 0;
      for (ByteString p : parts) {
        n += p.length();
      }
      return n;
    }

    /** Its HMAC with {@code key}, e.g. {@code hmac(key, "HmacSHA512")}. */
    byte[] hmac(ByteString key, String algorithm) {
      try {
        Mac mac = Mac.getInstance(algorithm);
        // SecretKeySpec refuses an empty key; HMAC pads a key with zero bytes, so one is the same
        mac.init(new SecretKeySpec(key.isEmpty() ? new byte[1] : key.toByteArray(), algorithm));
        for (ByteString part : parts) {
          part.update(mac);
        }
        return mac.doFinal();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(algorithm + " is not available", e);
      }
    }
  }
}
