package dev.itk.diagnose;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itk.signing.HeaderLine;
import dev.itk.signing.HttpToken;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What every capture reader shares: its error message ({@code source: where: problem}), HTTP's
 * token and whitespace rules, an absolute URL split without decoding, and JSON read with the line
 * and column of a mistake.
 */
final class CaptureSyntax {
  static final ObjectMapper JSON = new ObjectMapper();

  private static final Pattern URL_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");

  private CaptureSyntax() {}

  /** An error like {@code request file f.http: no request line; ...}. */
  static IllegalArgumentException bad(String source, String problem) {
    return new IllegalArgumentException(source + ": " + problem);
  }

  /** An error like {@code request file f.http: line 3: header line starts with whitespace}. */
  static IllegalArgumentException bad(String source, String where, String problem) {
    return new IllegalArgumentException(source + ": " + where + ": " + problem);
  }

  /** An absolute URL split without decoding: host (no user info), raw path, raw query or null. */
  record Url(String host, String path, String query) {
    /** Whether {@code url} starts with a scheme and {@code ://}, like {@code https://h/a}. */
    static boolean hasScheme(String url) {
      int scheme = url.indexOf("://");
      return scheme > 0 && URL_SCHEME.matcher(url.substring(0, scheme)).matches();
    }

    /** An absolute URL, {@code scheme://host/path?query#fragment}; the fragment is dropped. */
    static Url split(String url, String source, String where) {
      if (!hasScheme(url)) {
        throw bad(
            source,
            where,
            "\"" + url + "\" is not an absolute URL like https://host/api/v1/issues/false/1");
      }
      return afterScheme(url, url.indexOf("://") + 3, source, where);
    }

    /** As curl reads a URL: without a scheme, {@code http://} is assumed. */
    static Url parseLenient(String url, String source, String where) {
      return afterScheme(url, hasScheme(url) ? url.indexOf("://") + 3 : 0, source, where);
    }

    private static Url afterScheme(String url, int from, String source, String where) {
      for (int i = 0; i < url.length(); i++) {
        char c = url.charAt(i);
        if (c <= 0x20 || c == 0x7F) {
          throw bad(
              source,
              where,
              "contains "
                  + (c == ' ' ? "a space" : String.format(Locale.ROOT, "U+%04X", (int) c))
                  + " at index "
                  + i
                  + "; a request target cannot, percent-encode it");
        }
      }
      int end = from;
      while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
        end++;
      }
      String authority = url.substring(from, end);
      String host = authority.substring(authority.lastIndexOf('@') + 1);
      if (host.isEmpty()) {
        throw bad(source, where, "has no host (scheme://host/path)");
      }
      String rest = url.substring(end);
      int hash = rest.indexOf('#');
      if (hash >= 0) { // a fragment is never sent
        rest = rest.substring(0, hash);
      }
      int q = rest.indexOf('?');
      String path = q < 0 ? rest : rest.substring(0, q);
      String query = q < 0 ? null : rest.substring(q + 1);
      return new Url(host, path.isEmpty() ? "/" : path, query);
    }
  }

  /** One JSON object, or an error naming the line and column where it stops being JSON. */
  static JsonNode readJson(byte[] json, String source) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(source, "source");
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw bad(
          source,
          at == null ? "JSON" : "line " + at.getLineNr() + ", column " + at.getColumnNr(),
          "not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw bad(source, "JSON", "cannot be read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw bad(source, "JSON", "must be one object");
    }
    return root;
  }

  /** The string {@code parent.field}, or an error naming {@code where.field}. */
  static String requiredText(JsonNode parent, String field, String where, String source) {
    JsonNode node = parent == null ? null : parent.get(field);
    if (node == null || !node.isTextual()) {
      throw bad(
          source,
          where + "." + field,
          node == null ? "is missing" : "must be a string, not " + node.getNodeType());
    }
    return node.textValue();
  }

  static boolean startsWithBom(byte[] b) {
    return b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
  }

  static boolean hasHeader(List<HeaderLine> headers, String name) {
    return HeaderLine.contains(headers, name);
  }

  /**
   * {@code method} when it is an HTTP token, as a request line's method must be (an empty {@code -X
   * ""} was a fuzz finding: it made a request without a method).
   */
  static String checkedMethod(String method, String where, String source) {
    if (!isToken(method)) {
      throw bad(
          source,
          where,
          "method \"" + abbreviate(method) + "\" is not an HTTP token (" + HttpToken.RULE + ")");
    }
    return method;
  }

  static boolean isToken(String s) {
    return HttpToken.is(s);
  }

  /** {@code s} without the spaces and tabs around it (optional whitespace, RFC 9110). */
  static String trimOws(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
      from++;
    }
    while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
      to--;
    }
    return s.substring(from, to);
  }

  // A header line may hold a signature or a credential: show only its start.
  static String abbreviate(String text) {
    return text.length() <= 30 ? text : text.substring(0, 30) + "...";
  }
}
