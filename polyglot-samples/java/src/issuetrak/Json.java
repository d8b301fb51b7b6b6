package issuetrak;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small, strict JSON reader and writer (the JDK has none): the client's bodies and the adapter's
 * protocol lines.
 *
 * <p>Reads RFC 8259 JSON into {@code Map<String, Object>} (keys in order; a repeated key is
 * refused), {@code List<Object>}, {@code String}, {@code Long} (integers that fit) or {@code
 * BigDecimal}, {@code Boolean} and {@code null}. Writes the same types compactly, non-ASCII as raw
 * characters, {@code /} and {@code <} not escaped.
 */
public final class Json {
  private static final int MAX_DEPTH = 64;

  private final String text;
  private int pos;

  private Json(String text) {
    this.text = text;
  }

  /** Parses one JSON value that fills {@code text} (surrounding whitespace allowed). */
  public static Object parse(String text) {
    Json p = new Json(text);
    p.skipWhitespace();
    Object value = p.value(0);
    p.skipWhitespace();
    if (p.pos != text.length()) {
      throw p.error("unexpected " + p.describeHere() + " after the value");
    }
    return value;
  }

  /** Writes a value of the types {@link #parse} returns (any {@link Number}, any {@link Map}). */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH);
    }
    if (pos >= text.length()) {
      throw error("the text ends where a value was expected");
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> number();
      default -> throw error("unexpected " + describeHere() + " where a value was expected");
    };
  }

  private Map<String, Object> object(int depth) {
    Map<String, Object> map = new LinkedHashMap<>();
    pos++; // {
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return map;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error(
            "unexpected " + describeHere() + " where a member name (a string) was" + " expected");
      }
      int keyAt = pos;
      String key = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      Object value = value(depth + 1);
      if (map.containsKey(key)) {
        pos = keyAt;
        throw error("member " + IssuetrakSigner.quote(key) + " appears twice");
      }
      map.put(key, value);
      skipWhitespace();
      if (peek() == ',') {
        pos++;
      } else if (peek() == '}') {
        pos++;
        return map;
      } else {
        throw error("unexpected " + describeHere() + " where ',' or '}' was expected");
      }
    }
  }

  private List<Object> array(int depth) {
    List<Object> list = new ArrayList<>();
    pos++; // [
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return list;
    }
    while (true) {
      skipWhitespace();
      list.add(value(depth + 1));
      skipWhitespace();
      if (peek() == ',') {
        pos++;
      } else if (peek() == ']') {
        pos++;
        return list;
      } else {
        throw error("unexpected " + describeHere() + " where ',' or ']' was expected");
      }
    }
  }

  private String string() {
    pos++; // "
    StringBuilder b = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("the text ends inside a string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return b.toString();
      } else if (c < 0x20) {
        pos--;
        throw error(
            "control character "
                + describeHere()
                + " inside a string (write it as an"
                + " escape)");
      } else if (c != '\\') {
        b.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw error("the text ends inside an escape");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          if (pos + 4 > text.length() || !text.substring(pos, pos + 4).matches("[0-9A-Fa-f]{4}")) {
            throw error("\\u is not followed by 4 hex digits");
          }
          b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          pos += 4;
        }
        default -> {
          pos -= 2;
          throw error("unknown escape \\" + e);
        }
      }
    }
  }

  private Object number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (peek() >= '1' && peek() <= '9') {
      digits();
    } else {
      throw error("a number needs a digit after '-'");
    }
    boolean integer = true;
    if (peek() == '.') {
      integer = false;
      pos++;
      if (!(peek() >= '0' && peek() <= '9')) {
        throw error("a number needs a digit after '.'");
      }
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      integer = false;
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!(peek() >= '0' && peek() <= '9')) {
        throw error("a number needs a digit in its exponent");
      }
      digits();
    }
    String literal = text.substring(start, pos);
    if (integer) {
      try {
        return Long.parseLong(literal);
      } catch (NumberFormatException tooLong) {
        return new BigDecimal(literal);
      }
    }
    return new BigDecimal(literal);
  }

  private void digits() {
    while (peek() >= '0' && peek() <= '9') {
      pos++;
    }
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("unexpected " + describeHere() + " where a value was expected");
    }
    pos += word.length();
    return value;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("unexpected " + describeHere() + " where '" + c + "' was expected");
    }
    pos++;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipWhitespace() {
    while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private String describeHere() {
    if (pos >= text.length()) {
      return "end of text";
    }
    return IssuetrakSigner.quote(String.valueOf(text.charAt(pos)));
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("invalid JSON at character " + pos + ": " + what);
  }

  private static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      writeString(s, out);
    } else if (value instanceof Boolean b) {
      out.append(b.booleanValue());
    } else if (value instanceof BigDecimal d) {
      out.append(d.toString());
    } else if (value instanceof Long || value instanceof Integer) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new IllegalArgumentException(
              "a JSON member name must be a string, not " + e.getKey());
        }
        if (!first) {
          out.append(',');
        }
        first = false;
        writeString(key, out);
        out.append(':');
        write(e.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(list.get(i), out);
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException(
          "cannot write a " + value.getClass().getName() + " as JSON");
    }
  }

  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          boolean pairedHigh =
              Character.isHighSurrogate(c)
                  && i + 1 < s.length()
                  && Character.isLowSurrogate(s.charAt(i + 1));
          if (pairedHigh) {
            out.append(c).append(s.charAt(++i));
          } else if (c < 0x20 || Character.isSurrogate(c)) {
            // Control characters, and lone surrogates (no UTF-8 form), as escapes.
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
