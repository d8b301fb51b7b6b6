package dev.itk.stub.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a duration as people write it: {@code 5m}, {@code 30s}, {@code 1500ms}, {@code 2h}, {@code
 * -30s}, or ISO 8601 ({@code PT5M}, {@code -PT0.5S}).
 */
public final class DurationText {
  private static final Pattern SHORT = Pattern.compile("(-?)([0-9]+)(ms|s|m|h)");

  private DurationText() {}

  /**
   * The duration {@code text} names.
   *
   * @throws IllegalArgumentException naming the text and the accepted forms
   */
  public static Duration parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("duration is missing");
    }
    String t = text.strip().toLowerCase(Locale.ROOT);
    Matcher m = SHORT.matcher(t);
    if (m.matches()) {
      try {
        long n = Long.parseLong(m.group(2)) * (m.group(1).isEmpty() ? 1 : -1);
        return switch (m.group(3)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      } catch (NumberFormatException | ArithmeticException e) {
        throw new IllegalArgumentException("duration \"" + text + "\" is too large");
      }
    }
    try {
      return Duration.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "duration \""
              + text
              + "\" is not like 5m, 30s, 1500ms, 2h or ISO 8601 (PT5M); a leading - makes it"
              + " negative");
    }
  }
}
