package dev.itk.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.itk.signing.IssuetrakTimestamp.Form;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IssuetrakTimestampTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "2014-09-10T17:28:08.322735199Z, 2014-09-10T17:28:08.3227351Z",
    "2014-09-10T17:28:08.3227351Z, 2014-09-10T17:28:08.3227351Z",
    "2024-02-29T23:59:59.99999999Z, 2024-02-29T23:59:59.9999999Z",
    "1970-01-01T00:00:00Z, 1970-01-01T00:00:00.0000000Z",
    "0001-01-01T00:00:00Z, 0001-01-01T00:00:00.0000000Z",
    "9999-12-31T23:59:59.999999999Z, 9999-12-31T23:59:59.9999999Z",
    "2014-09-10T17:28:08.000000099Z, 2014-09-10T17:28:08.0000000Z",
  })
  void format_truncatesToSevenDigitsInUtc(String instant, String expected) {
    assertThat(IssuetrakTimestamp.format(Instant.parse(instant))).isEqualTo(expected);
  }

  @Test
  void format_refusesYearsTheFormCannotShow() {
    assertThatThrownBy(() -> IssuetrakTimestamp.format(Instant.parse("+10000-01-01T00:00:00Z")))
        .hasMessageContaining("the year must be 0001-9999");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "2014-09-10T17:28:08.3227351Z, 2014-09-10T17:28:08.322735100Z, CANONICAL",
    "2014-09-10T17:28:08.322735Z, 2014-09-10T17:28:08.322735Z, SHORT_FRACTION",
    "2014-09-10T17:28:08.322Z, 2014-09-10T17:28:08.322Z, SHORT_FRACTION",
    "2014-09-10T17:28:08.3Z, 2014-09-10T17:28:08.300Z, SHORT_FRACTION",
    "2014-09-10T17:28:08Z, 2014-09-10T17:28:08Z, NO_FRACTION",
    "2014-09-10T19:28:08.3227351+02:00, 2014-09-10T17:28:08.322735100Z, OFFSET",
    "2014-09-10T09:28:08-08:00, 2014-09-10T17:28:08Z, OFFSET",
    "2014-09-10T17:28:08.3227351+00:00, 2014-09-10T17:28:08.322735100Z, OFFSET",
  })
  void parse_acceptsCanonicalFormAndTheVariantsSeenInTheWild(
      String text, String instant, Form form) {
    IssuetrakTimestamp.Parsed parsed = IssuetrakTimestamp.parse(text);

    assertThat(parsed.instant()).isEqualTo(Instant.parse(instant));
    assertThat(parsed.form()).isEqualTo(form);
    assertThat(parsed.text()).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2014-09-10 17:28:08.3227351Z | does not start with yyyy-MM-ddTHH:mm:ss",
        "2014-09-10T17:28:08.3227351 | does not end with Z",
        "2014-09-10T17:28:08.32273512Z | has 8 fractional digits",
        "2014-09-10T17:28:08.Z | has 0 fractional digits",
        "2014-13-10T17:28:08.3227351Z | not a real date and time",
        "2014-02-30T17:28:08.3227351Z | not a real date and time",
        "2014-09-10T24:00:00.0000000Z | not a real date and time",
        "2014-09-10T17:28:60.0000000Z | not a real date and time",
        "2014-09-10T17:28:08.3227351+15:00 | out of range",
        "2014-09-10T17:28:08.3227351-14:01 | out of range",
        "2014-09-10T17:28:08.3227351+02:60 | out of range",
        "2014-09-10T17:28:08.3227351z | does not end with Z",
        "0000-01-01T00:00:00.0000000Z | year 0000",
        "Wed, 10 Sep 2014 17:28:08 GMT | does not start with",
        "1410370088 | does not start with",
      })
  void parse_namesTheValueAndTheExpectedForm(String text, String problem) {
    assertThatThrownBy(() -> IssuetrakTimestamp.parse(text))
        .isInstanceOf(MalformedTimestampException.class)
        .hasMessageContaining("\"" + text + "\"")
        .hasMessageContaining(problem)
        .hasMessageContaining("expected yyyy-MM-ddTHH:mm:ss.fffffffZ");
  }

  @Test
  void parse_refusesEmptyAndMissing() {
    assertThatThrownBy(() -> IssuetrakTimestamp.parse(""))
        .isInstanceOf(MalformedTimestampException.class);
    assertThatThrownBy(() -> IssuetrakTimestamp.parse(null))
        .isInstanceOf(MalformedTimestampException.class)
        .hasMessageStartingWith("timestamp is missing");
  }

  @Test
  void parse_agreesWithJavaTimeOnEveryDayOfEveryYear() {
    // The parser computes the instant itself; java.time is the reference, for days from
    // 0001-01-01 to 9999-12-31, each form and a spread of times of day and offsets.
    java.time.LocalDate day = java.time.LocalDate.of(1, 1, 1);
    java.time.LocalDate last = java.time.LocalDate.of(9999, 12, 31);
    String[] times = {"T00:00:00Z", "T23:59:59.9999999Z", "T12:34:56.789+14:00", "T01:02:03-13:45"};
    int n = 0;
    while (!day.isAfter(last)) {
      String date =
          String.format(
              java.util.Locale.ROOT,
              "%04d-%02d-%02d",
              day.getYear(),
              day.getMonthValue(),
              day.getDayOfMonth());
      String text = date + times[n++ % times.length];
      Instant expected = java.time.OffsetDateTime.parse(text).toInstant();
      int utcYear = expected.atOffset(java.time.ZoneOffset.UTC).getYear();
      if (utcYear >= 1 && utcYear <= 9999) {
        assertThat(IssuetrakTimestamp.parse(text).instant()).as(text).isEqualTo(expected);
      } else {
        assertThatThrownBy(() -> IssuetrakTimestamp.parse(text))
            .as(text)
            .isInstanceOf(MalformedTimestampException.class);
      }
      // Every day of the years around the edges and the Gregorian leap-year rules, every 11th
      // day elsewhere (11 is prime to 7 and to every month length, so all positions are hit).
      int y = day.getYear();
      boolean everyDay =
          y <= 5 || (y >= 1896 && y <= 1904) || (y >= 1968 && y <= 2004) || y >= 9995;
      day = day.plusDays(everyDay ? 1 : 11);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "2023-02-29T00:00:00Z, 2023, 2, 29, 0, 0, 0",
    "1900-02-29T00:00:00Z, 1900, 2, 29, 0, 0, 0",
    "2024-04-31T00:00:00Z, 2024, 4, 31, 0, 0, 0",
    "2024-00-10T00:00:00Z, 2024, 0, 10, 0, 0, 0",
    "2024-01-00T00:00:00Z, 2024, 1, 0, 0, 0, 0",
    "2024-01-32T00:00:00Z, 2024, 1, 32, 0, 0, 0",
    "2024-01-01T24:00:00Z, 2024, 1, 1, 24, 0, 0",
    "2024-01-01T23:60:00Z, 2024, 1, 1, 23, 60, 0",
    "2024-01-01T23:59:60Z, 2024, 1, 1, 23, 59, 60",
    "0000-02-30T00:00:00Z, 0, 2, 30, 0, 0, 0",
  })
  void parse_reportsAnImpossibleDateAsJavaTimeDescribesIt(
      String text, int y, int mo, int d, int h, int mi, int s) {
    String reason;
    try {
      java.time.LocalDateTime.of(y, mo, d, h, mi, s, 0);
      throw new AssertionError("java.time accepts " + text);
    } catch (java.time.DateTimeException e) {
      reason = e.getMessage();
    }
    assertThatThrownBy(() -> IssuetrakTimestamp.parse(text))
        .isInstanceOf(MalformedTimestampException.class)
        .hasMessageContaining("it is not a real date and time (" + reason + ")");
  }

  @ParameterizedTest
  @CsvSource({
    "0001-01-01T00:00:00+00:01, 0000",
    "0001-01-01T00:59:59.9999999+01:00, 0000",
    "9999-12-31T23:59:59-00:01, 10000",
    "9999-12-31T12:00:00-14:00, 10000",
  })
  void parse_refusesAnOffsetThatCarriesTheInstantOutOfYears0001To9999(String text, String year) {
    // Found in review: these parsed, then failed wherever the instant was written back (a 500 in
    // the
    // stub).
    assertThatThrownBy(() -> IssuetrakTimestamp.parse(text))
        .isInstanceOf(MalformedTimestampException.class)
        .hasMessageContaining("\"" + text + "\" is malformed")
        .hasMessageContaining("falls in the year " + year + " in UTC");
  }

  @ParameterizedTest
  @CsvSource({
    "0001-01-01T00:01:00+00:01, 0001-01-01T00:00:00.0000000Z",
    "0001-01-01T00:00:00-00:01, 0001-01-01T00:01:00.0000000Z",
    "9999-12-31T23:59:59.9999999+00:00, 9999-12-31T23:59:59.9999999Z",
    "9999-12-31T23:58:59-00:01, 9999-12-31T23:59:59.0000000Z",
  })
  void parse_acceptsOffsetsThatStayInsideTheYears_andTheInstantFormats(String text, String utc) {
    assertThat(IssuetrakTimestamp.format(IssuetrakTimestamp.parse(text).instant())).isEqualTo(utc);
  }

  @Test
  void truncate_dropsDigitsBeyondHundredNanoseconds() {
    assertThat(IssuetrakTimestamp.truncate(Instant.parse("2014-09-10T17:28:08.322735199Z")))
        .isEqualTo(Instant.parse("2014-09-10T17:28:08.322735100Z"));
  }
}
