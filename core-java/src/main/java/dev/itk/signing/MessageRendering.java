package dev.itk.signing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Renders message bytes for humans, and reads a rendering back to the exact bytes.
 *
 * <p>Every line feed shows as {@code \n} followed by a real line break, so a message reads one
 * field per line; {@code \r}, {@code \t}, control characters ({@code \x00}), bytes that are not
 * UTF-8 ({@code \xE9}) and invisible characters (<code>&#92;u{FEFF}</code>) are made visible; a
 * backslash is doubled. Everything else, non-ASCII letters and emoji included, shows as itself.
 *
 * <pre>{@code
 * MessageRendering.render("GET\nid\n".getBytes(UTF_8)); // "GET\\n\nid\\n\n"
 * MessageRendering.readBack(MessageRendering.render(bytes)); // equals bytes
 * }</pre>
 *
 * <p>Rule: {@code docs/vectors.md#rendering-a-message-for-humans}, shared with the vector generator
 * so every language renders alike.
 */
public final class MessageRendering {
  private MessageRendering() {}

  /** The human rendering of {@code bytes}. */
  public static String render(byte[] bytes) {
    return render(bytes, 0, bytes.length);
  }

  /** The human rendering of {@code bytes[from, to)}. */
  public static String render(byte[] bytes, int from, int to) {
    StringBuilder out = new StringBuilder(to - from + 16);
    int i = from;
    while (i < to) {
      int length = wellFormedLength(bytes, i, to);
      if (length == 0) {
        appendByte(out, bytes[i] & 0xFF);
        i++;
        continue;
      }
      int cp = decode(bytes, i, length);
      i += length;
      switch (cp) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (cp < 0x20 || cp == 0x7F) {
            appendByte(out, cp);
          } else if (isInvisible(cp)) {
            out.append("\\u{").append(hex(cp, 4)).append('}');
          } else {
            out.appendCodePoint(cp);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * Reads a rendering back to bytes: real line breaks are dropped, escapes are decoded.
   *
   * @throws IllegalArgumentException naming the offset of a malformed escape
   */
  public static byte[] readBack(String rendering) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(rendering.length());
    int n = rendering.length();
    int i = 0;
    while (i < n) {
      char c = rendering.charAt(i);
      if (c == '\n') {
        i++;
        continue;
      }
      if (c != '\\') {
        int cp = rendering.codePointAt(i);
        byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        out.write(utf8, 0, utf8.length);
        i += Character.charCount(cp);
        continue;
      }
      if (i + 1 >= n) {
        throw badEscape(rendering, i, "a lone backslash at the end");
      }
      char kind = rendering.charAt(i + 1);
      switch (kind) {
        case '\\' -> {
          out.write('\\');
          i += 2;
        }
        case 'n' -> {
          out.write('\n');
          i += 2;
        }
        case 'r' -> {
          out.write('\r');
          i += 2;
        }
        case 't' -> {
          out.write('\t');
          i += 2;
        }
        case 'x' -> {
          if (i + 4 > n || !isHex(rendering, i + 2, i + 4)) {
            throw badEscape(rendering, i, "\\x must be followed by two hex digits");
          }
          out.write(Integer.parseInt(rendering, i + 2, i + 4, 16));
          i += 4;
        }
        case 'u' -> {
          int close = rendering.indexOf('}', i);
          if (i + 2 >= n
              || rendering.charAt(i + 2) != '{'
              || close < 0
              || close - (i + 3) < 1
              || close - (i + 3) > 6
              || !isHex(rendering, i + 3, close)) {
            throw badEscape(rendering, i, "\\u must be followed by {hex digits}");
          }
          int cp = Integer.parseInt(rendering, i + 3, close, 16);
          if (cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
            throw badEscape(rendering, i, "U+" + hex(cp, 4) + " is not a Unicode scalar value");
          }
          byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
          out.write(utf8, 0, utf8.length);
          i = close + 1;
        }
        default -> throw badEscape(rendering, i, "unknown escape \\" + kind);
      }
    }
    return out.toByteArray();
  }

  /** Whether {@code bytes} are entirely well-formed UTF-8. */
  public static boolean isWellFormedUtf8(byte[] bytes) {
    int i = 0;
    while (i < bytes.length) {
      int length = wellFormedLength(bytes, i, bytes.length);
      if (length == 0) {
        return false;
      }
      i += length;
    }
    return true;
  }

  /**
   * The length of the well-formed UTF-8 sequence at {@code i}, or 0 if there is none (Unicode table
   * 3-7: no overlong forms, no surrogates, nothing above U+10FFFF).
   */
  static int wellFormedLength(byte[] b, int i, int to) {
    int b0 = b[i] & 0xFF;
    if (b0 < 0x80) {
      return 1;
    }
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      return continuation(b, i + 1, to, 0x80, 0xBF) ? 2 : 0;
    }
    if (b0 >= 0xE0 && b0 <= 0xEF) {
      int lo = b0 == 0xE0 ? 0xA0 : 0x80;
      int hi = b0 == 0xED ? 0x9F : 0xBF;
      return continuation(b, i + 1, to, lo, hi) && continuation(b, i + 2, to, 0x80, 0xBF) ? 3 : 0;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
      int lo = b0 == 0xF0 ? 0x90 : 0x80;
      int hi = b0 == 0xF4 ? 0x8F : 0xBF;
      return continuation(b, i + 1, to, lo, hi)
              && continuation(b, i + 2, to, 0x80, 0xBF)
              && continuation(b, i + 3, to, 0x80, 0xBF)
          ? 4
          : 0;
    }
    return 0;
  }

  private static boolean continuation(byte[] b, int i, int to, int lo, int hi) {
    if (i >= to) {
      return false;
    }
    int v = b[i] & 0xFF;
    return v >= lo && v <= hi;
  }

  private static int decode(byte[] b, int i, int length) {
    int b0 = b[i] & 0xFF;
    return switch (length) {
      case 1 -> b0;
      case 2 -> ((b0 & 0x1F) << 6) | (b[i + 1] & 0x3F);
      case 3 -> ((b0 & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F);
      default ->
          ((b0 & 0x07) << 18)
              | ((b[i + 1] & 0x3F) << 12)
              | ((b[i + 2] & 0x3F) << 6)
              | (b[i + 3] & 0x3F);
    };
  }

  /** The fixed invisible set of docs/vectors.md, independent of any Unicode version. */
  static boolean isInvisible(int cp) {
    return (cp >= 0x80 && cp <= 0x9F)
        || cp == 0xA0
        || cp == 0xAD
        || cp == 0x34F
        || cp == 0x61C
        || cp == 0x115F
        || cp == 0x1160
        || cp == 0x17B4
        || cp == 0x17B5
        || (cp >= 0x180B && cp <= 0x180F)
        || (cp >= 0x2000 && cp <= 0x200F)
        || (cp >= 0x2028 && cp <= 0x202F)
        || (cp >= 0x205F && cp <= 0x206F)
        || cp == 0x3000
        || cp == 0x3164
        || (cp >= 0xFE00 && cp <= 0xFE0F)
        || cp == 0xFEFF
        || cp == 0xFFA0
        || (cp >= 0xFFF0 && cp <= 0xFFFB)
        || (cp >= 0xE0000 && cp <= 0xE0FFF);
  }

  private static void appendByte(StringBuilder out, int value) {
    out.append("\\x").append(hex(value, 2));
  }

  private static String hex(int value, int minDigits) {
    String digits = Integer.toHexString(value).toUpperCase(Locale.ROOT);
    return "0".repeat(Math.max(0, minDigits - digits.length())) + digits;
  }

  private static boolean isHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  private static IllegalArgumentException badEscape(String rendering, int at, String problem) {
    return new IllegalArgumentException(
        "rendering has a malformed escape at offset " + at + ": " + problem);
  }
}
