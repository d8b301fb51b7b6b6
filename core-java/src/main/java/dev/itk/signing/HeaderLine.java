package dev.itk.signing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One header line of a request: the name as written, the value as sent. Every request model of the
 * kit holds its headers as a list of these, in order, repeated names as repeated lines.
 *
 * <pre>{@code
 * List<HeaderLine> lines = List.of(new HeaderLine("x-issuetrak-api-timestamp", ts));
 * HeaderLine.first(lines, SignatureHeaders.TIMESTAMP);   // Optional[ts]
 * HeaderLine.sameName("\u212Aey", "key");                  // false: ASCII only
 * }</pre>
 *
 * <p>Names compare case-insensitively in ASCII only (RFC 9110 section 5.1): {@code A}-{@code Z}
 * match {@code a}-{@code z} and nothing else matches anything but itself. {@link
 * String#equalsIgnoreCase} would also let the Kelvin sign (U+212A) match {@code k} and the long s
 * (U+017F) match {@code s}, which no HTTP server does.
 *
 * <p>{@link #toString()} hides credentials: {@code Authorization}, {@code Proxy-Authorization} and
 * {@code Cookie} values show as {@code (hidden)}, the signature header's as {@code (signature)}.
 *
 * @param name the name as written
 * @param value the value as sent (for octets, one character per octet, ISO-8859-1)
 */
public record HeaderLine(String name, String value) {
  private static final List<String> CREDENTIALS =
      List.of("Authorization", "Proxy-Authorization", "Cookie");

  /** Both parts are required. */
  public HeaderLine {
    Objects.requireNonNull(name, "header name");
    Objects.requireNonNull(value, "header value");
  }

  /** Whether this line's name is {@code other}, ASCII case-insensitively. */
  public boolean hasName(String other) {
    return sameName(name, other);
  }

  /** Whether two header names are the same, ASCII case-insensitively. */
  public static boolean sameName(String a, String b) {
    if (a.length() != b.length()) {
      return false;
    }
    for (int i = 0; i < a.length(); i++) {
      if (asciiLower(a.charAt(i)) != asciiLower(b.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Every value of the header {@code name} in {@code lines}, in order. */
  public static List<String> values(List<HeaderLine> lines, String name) {
    List<String> values = new ArrayList<>(1);
    for (HeaderLine line : lines) {
      if (line.hasName(name)) {
        values.add(line.value);
      }
    }
    return values;
  }

  /** The first value of the header {@code name} in {@code lines}. */
  public static Optional<String> first(List<HeaderLine> lines, String name) {
    for (HeaderLine line : lines) {
      if (line.hasName(name)) {
        return Optional.of(line.value);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code lines} has a header {@code name}. */
  public static boolean contains(List<HeaderLine> lines, String name) {
    return first(lines, name).isPresent();
  }

  private static char asciiLower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  /** {@code Name: value}, credentials hidden (see the class comment). */
  @Override
  public String toString() {
    return name + ": " + printableValue();
  }

  private String printableValue() {
    if (hasName(SignatureHeaders.AUTHORIZATION)) {
      return "(signature)";
    }
    for (String credential : CREDENTIALS) {
      if (hasName(credential)) {
        return "(hidden)";
      }
    }
    return value;
  }
}
