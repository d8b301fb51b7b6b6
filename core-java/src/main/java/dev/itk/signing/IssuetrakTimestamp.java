package dev.itk.signing;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The {@code X-Issuetrak-API-Timestamp} format: {@code yyyy-MM-ddTHH:mm:ss.fffffffZ}, UTC, exactly
 * seven fractional digits (the .NET round-trip format).
 *
 * <pre>{@code
 * IssuetrakTimestamp.format(Instant.parse("2014-09-10T17:28:08.322735199Z"));
 * // "2014-09-10T17:28:08.3227351Z" (truncated to 100 ns, never rounded)
 * IssuetrakTimestamp.parse("2014-09-10T17:28:08.322735Z").form(); // SHORT_FRACTION
 * }</pre>
 *
 * <p>Parsing also accepts the variants seen in the wild: one to six fractional digits, no fraction,
 * and a numeric offset instead of {@code Z}. A signature always covers the timestamp text exactly
 * as sent, whatever its form.
 *
 * <p>Rule: {@code docs/scheme.md#timestamp}.
 */
public final class IssuetrakTimestamp {
  /** The canonical form, for messages. */
  public static final String PATTERN = "yyyy-MM-ddTHH:mm:ss.fffffffZ";

  /** An example of the canonical form, from Issuetrak's documentation. */
  public static final String EXAMPLE = "2014-09-10T17:28:08.3227351Z";

  private static final long NANOS_PER_TICK = 100;

  private IssuetrakTimestamp() {}

  /** The shape of a timestamp's text. */
  public enum Form {
    /** Exactly {@link #PATTERN}. */
    CANONICAL,
    /** One to six fractional digits instead of seven, then {@code Z}. */
    SHORT_FRACTION,
    /** No fractional part, then {@code Z}. */
    NO_FRACTION,
    /** A numeric offset ({@code +02:00}) instead of {@code Z}, with or without a fraction. */
    OFFSET
  }

  /** A parsed timestamp: the text as sent, the instant it denotes, and its form. */
  public record Parsed(String text, Instant instant, Form form) {
    /** Whether the text is in the canonical form. */
    public boolean isCanonical() {
      return form == Form.CANONICAL;
    }
  }

  /**
   * Formats an instant in the canonical form, truncated (not rounded) to 100 ns.
   *
   * @throws IllegalArgumentException if the year is outside 0001-9999, which the form cannot show
   */
  public static String format(Instant instant) {
    LocalDateTime t;
    try {
      t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw outOfRange(instant);
    }
    int year = t.getYear();
    if (year < 1 || year > 9999) {
      throw outOfRange(instant);
    }
    char[] out = new char[28];
    digits(out, 0, year, 4);
    out[4] = '-';
    digits(out, 5, t.getMonthValue(), 2);
    out[7] = '-';
    digits(out, 8, t.getDayOfMonth(), 2);
    out[10] = 'T';
    digits(out, 11, t.getHour(), 2);
    out[13] = ':';
    digits(out, 14, t.getMinute(), 2);
    out[16] = ':';
    digits(out, 17, t.getSecond(), 2);
    out[19] = '.';
    digits(out, 20, (int) (t.getNano() / NANOS_PER_TICK), 7);
    out[27] = 'Z';
    return new String(out);
  }

  /** {@link #format} and {@link #parse} at once, for a signer that knows its instant. */
  static Parsed canonical(Instant instant) {
    return new Parsed(format(instant), truncate(instant), Form.CANONICAL);
  }

  /** Truncates an instant to the 100 ns resolution of the canonical form. */
  public static Instant truncate(Instant instant) {
    long nanos = instant.getNano();
    return instant.truncatedTo(ChronoUnit.SECONDS).plusNanos(nanos - nanos % NANOS_PER_TICK);
  }

  /**
   * Parses a timestamp in the canonical form or an accepted variant. The instant it denotes must be
   * in the years 0001-9999 in UTC, as {@link #format} can write it: {@code
   * 0001-01-01T00:00:00+00:01} is malformed (it is 0000-12-31T23:59:00Z).
   *
   * @throws MalformedTimestampException naming the value and the expected form
   */
  public static Parsed parse(String text) {
    if (text == null) {
      throw new MalformedTimestampException(null, "it is missing");
    }
    // yyyy-MM-ddTHH:mm:ss then optional .f{1,7} then Z or ±HH:MM
    int n = text.length();
    if (n < 20
        || !isDigits(text, 0, 4)
        || text.charAt(4) != '-'
        || !isDigits(text, 5, 7)
        || text.charAt(7) != '-'
        || !isDigits(text, 8, 10)
        || text.charAt(10) != 'T'
        || !isDigits(text, 11, 13)
        || text.charAt(13) != ':'
        || !isDigits(text, 14, 16)
        || text.charAt(16) != ':'
        || !isDigits(text, 17, 19)) {
      throw new MalformedTimestampException(text, "it does not start with yyyy-MM-ddTHH:mm:ss");
    }
    int pos = 19;
    int fractionDigits = 0;
    int nanos = 0;
    if (text.charAt(pos) == '.') {
      pos++;
      int start = pos;
      while (pos < n && isDigit(text.charAt(pos))) {
        pos++;
      }
      fractionDigits = pos - start;
      if (fractionDigits == 0 || fractionDigits > 7) {
        throw new MalformedTimestampException(
            text, "it has " + fractionDigits + " fractional digits (1 to 7 are accepted)");
      }
      int fraction = number(text, start, pos);
      nanos = fraction * POWERS_OF_TEN[9 - fractionDigits];
    }
    ZoneOffset offset;
    Form form;
    if (pos == n - 1 && text.charAt(pos) == 'Z') {
      offset = ZoneOffset.UTC;
      form =
          fractionDigits == 7
              ? Form.CANONICAL
              : fractionDigits == 0 ? Form.NO_FRACTION : Form.SHORT_FRACTION;
    } else if (pos == n - 6
        && (text.charAt(pos) == '+' || text.charAt(pos) == '-')
        && isDigits(text, pos + 1, pos + 3)
        && text.charAt(pos + 3) == ':'
        && isDigits(text, pos + 4, pos + 6)) {
      int hours = number(text, pos + 1, pos + 3);
      int minutes = number(text, pos + 4, pos + 6);
      if (minutes > 59 || hours * 60 + minutes > 14 * 60) {
        throw new MalformedTimestampException(
            text, "its offset " + text.substring(pos) + " is out of range (at most +/-14:00)");
      }
      int sign = text.charAt(pos) == '-' ? -1 : 1;
      offset = ZoneOffset.ofTotalSeconds(sign * (hours * 3600 + minutes * 60));
      form = Form.OFFSET;
    } else {
      throw new MalformedTimestampException(
          text,
          "it does not end with Z (UTC) or an offset like +02:00 after the seconds and fraction");
    }
    int year = number(text, 0, 4);
    int month = number(text, 5, 7);
    int day = number(text, 8, 10);
    int hour = number(text, 11, 13);
    int minute = number(text, 14, 16);
    int second = number(text, 17, 19);
    // The usual case, a real date and time, without the LocalDateTime (and its LocalDate and
    // LocalTime) that the fallback below builds; anything else takes the fallback, whose
    // exception messages are the ones reported.
    if (year >= 1
        && month >= 1
        && month <= 12
        && day >= 1
        && day <= lengthOfMonth(year, month)
        && hour <= 23
        && minute <= 59
        && second <= 59) {
      long epochSecond =
          epochDay(year, month, day) * 86_400
              + hour * 3600
              + minute * 60
              + second
              - offset.getTotalSeconds();
      // An offset can carry the edges of the written years out of 0001-9999 in UTC, where no
      // canonical timestamp (and no verifier's clock) can follow.
      if (epochSecond < FIRST_EPOCH_SECOND || epochSecond >= END_EPOCH_SECOND) {
        throw new MalformedTimestampException(
            text,
            "with its offset "
                + text.substring(pos)
                + " it falls in the year "
                + (epochSecond < FIRST_EPOCH_SECOND ? "0000" : "10000")
                + " in UTC; the instant must be in the years 0001-9999 in UTC");
      }
      return new Parsed(text, Instant.ofEpochSecond(epochSecond, nanos), form);
    }
    try {
      LocalDateTime local =
          LocalDateTime.of(
              number(text, 0, 4),
              number(text, 5, 7),
              number(text, 8, 10),
              number(text, 11, 13),
              number(text, 14, 16),
              number(text, 17, 19),
              nanos);
      if (local.getYear() < 1) {
        throw new MalformedTimestampException(text, "its year 0000 does not exist");
      }
      return new Parsed(text, local.toInstant(offset), form);
    } catch (DateTimeException e) {
      throw new MalformedTimestampException(
          text, "it is not a real date and time (" + e.getMessage() + ")");
    }
  }

  private static boolean isLeap(int year) {
    return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
  }

  private static int lengthOfMonth(int year, int month) {
    return switch (month) {
      case 2 -> isLeap(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  // Days from 1970-01-01 to a valid proleptic Gregorian date with year >= 1, as
  // LocalDate.toEpochDay computes them.
  private static long epochDay(int year, int month, int day) {
    long y = year;
    long total = 365 * y + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
    total += (367 * month - 362) / 12;
    total += day - 1;
    if (month > 2) {
      total--;
      if (!isLeap(year)) {
        total--;
      }
    }
    return total - 719_528;
  }

  /** 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the instants the canonical form can show. */
  private static final long FIRST_EPOCH_SECOND = -62_135_596_800L;

  private static final long END_EPOCH_SECOND = 253_402_300_800L;

  private static final int[] POWERS_OF_TEN = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
  };

  private static void digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  // The value of s[from, to), which isDigits has checked: ASCII digits only, at most nine.
  private static int number(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      value = value * 10 + (s.charAt(i) - '0');
    }
    return value;
  }

  private static boolean isDigits(String s, int from, int to) {
    if (to > s.length()) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException outOfRange(Instant instant) {
    return new IllegalArgumentException(
        "instant " + instant + " cannot be written as " + PATTERN + ": the year must be 0001-9999");
  }
}
