package dev.itk.diagnose;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The canonical queries other signing schemes sign instead of the query as sent, for {@link
 * Mistake#QUERY_SORTED}: e.g. {@code pageSize=25&pageIndex=0} sorted is {@code
 * pageIndex=0&pageSize=25}, and {@code b=printer+jam&a=1%2c2} as AWS SigV4 signs it is {@code
 * a=1%2C2&b=printer%20jam}. Rule: docs/debugging.md#the-catalogue.
 */
final class CanonicalQuery {
  private CanonicalQuery() {}

  /** One parameter: the text before and after its first '=' (empty without one), as sent. */
  private record Parameter(String name, String value, String text) {
    static Parameter of(String text) {
      int eq = text.indexOf('=');
      return eq < 0
          ? new Parameter(text, "", text)
          : new Parameter(text.substring(0, eq), text.substring(eq + 1), text);
    }
  }

  /** By name, then value, comparing UTF-8 bytes: code point order, the same in every language. */
  private static final Comparator<Parameter> BY_NAME_THEN_VALUE =
      Comparator.<Parameter, byte[]>comparing(p -> utf8(p.name()), Arrays::compareUnsigned)
          .thenComparing(p -> utf8(p.value()), Arrays::compareUnsigned);

  /** The parameters as sent, sorted by name then value (a stable sort), empty ones dropped. */
  static String sorted(String query) {
    List<Parameter> parameters = parameters(query);
    parameters.sort(BY_NAME_THEN_VALUE);
    return String.join("&", parameters.stream().map(Parameter::text).toList());
  }

  /**
   * AWS SigV4's canonical query: each name and value decoded ('+' as a space, %XX) and encoded
   * again as RFC 3986 (unreserved characters kept, every other byte %XX in upper case), {@code
   * name=value} always, sorted; null when a '%' is not followed by two hex digits.
   */
  static String sigv4(String query) {
    List<String[]> encoded = new ArrayList<>();
    for (Parameter p : parameters(query)) {
      byte[] name = percentDecode(p.name());
      byte[] value = percentDecode(p.value());
      if (name == null || value == null) {
        return null;
      }
      encoded.add(new String[] {encode(name), encode(value)});
    }
    // ASCII only: String order is byte order
    encoded.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
    return String.join("&", encoded.stream().map(p -> p[0] + "=" + p[1]).toList());
  }

  private static List<Parameter> parameters(String query) {
    List<Parameter> out = new ArrayList<>();
    for (String text : query.split("&", -1)) {
      if (!text.isEmpty()) {
        out.add(Parameter.of(text));
      }
    }
    return out;
  }

  /** '+' as a space, %XX as its byte, anything else as its UTF-8 bytes; null if malformed. */
  private static byte[] percentDecode(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '+') {
        out.write(' ');
        i++;
      } else if (c == '%') {
        int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
        int lo = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
        if (hi < 0
            || lo < 0
            || !isAsciiHex(text.charAt(i + 1))
            || !isAsciiHex(text.charAt(i + 2))) {
          return null;
        }
        out.write(hi * 16 + lo);
        i += 3;
      } else {
        int end = i + Character.charCount(text.codePointAt(i));
        out.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end;
      }
    }
    return out.toByteArray();
  }

  private static boolean isAsciiHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static String encode(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length * 3);
    for (byte b : bytes) {
      int v = b & 0xFF;
      if ((v >= 'A' && v <= 'Z')
          || (v >= 'a' && v <= 'z')
          || (v >= '0' && v <= '9')
          || v == '-'
          || v == '_'
          || v == '.'
          || v == '~') {
        out.append((char) v);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(v >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(v & 0xF, 16)));
      }
    }
    return out.toString();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
