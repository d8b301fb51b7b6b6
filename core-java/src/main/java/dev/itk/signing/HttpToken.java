package dev.itk.signing;

/**
 * RFC 9110's {@code token} (section 5.6.2), the syntax of a method and of a header name: one or
 * more of the letters, the digits and {@code !#$%&'*+-.^_`|~}. The one check of it in the kit.
 *
 * <pre>{@code
 * HttpToken.is("GET");        // true
 * HttpToken.is("GET /x");     // false: a space
 * HttpToken.firstInvalid("X-Issuetrak API-Timestamp");  // 11
 * }</pre>
 */
public final class HttpToken {
  /** The characters besides letters and digits, as RFC 9110 lists them. */
  public static final String SYMBOLS = "!#$%&'*+-.^_`|~";

  /** What a token may hold, for error messages. */
  public static final String RULE = "RFC 9110: letters, digits and " + SYMBOLS;

  private HttpToken() {}

  /** Whether {@code text} is a token: not empty, every character a token character. */
  public static boolean is(String text) {
    return !text.isEmpty() && firstInvalid(text) < 0;
  }

  /** The index of the first character that is not a token character, or -1 if there is none. */
  public static int firstInvalid(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (!isTokenChar(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** Whether {@code c} is a token character. */
  public static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || SYMBOLS.indexOf(c) >= 0;
  }
}
