package dev.itk.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;

/**
 * {@link IssuetrakTimestamp#parse} on any text: it answers a parsed timestamp or a {@link
 * MalformedTimestampException} whose message names the text, nothing else; what it accepts formats
 * back consistently.
 */
class TimestampParserFuzzTest {
  @FuzzTest(maxDuration = FuzzBudget.CI)
  void parse_acceptsOrNamesTheProblem(byte[] input) {
    String text = new String(input, java.nio.charset.StandardCharsets.UTF_8);
    IssuetrakTimestamp.Parsed parsed;
    try {
      parsed = IssuetrakTimestamp.parse(text);
    } catch (MalformedTimestampException e) {
      assertThat(e.getMessage()).startsWith("timestamp \"" + text + "\" is malformed: ");
      return;
    }
    assertThat(parsed.text()).isEqualTo(text);
    Instant instant = parsed.instant();
    String formatted = IssuetrakTimestamp.format(instant);
    // The kit's own form of the same instant parses to the same instant (7 digits hold it all:
    // every accepted form has at most 7 fraction digits or is truncated to them).
    assertThat(IssuetrakTimestamp.parse(formatted).instant())
        .isEqualTo(IssuetrakTimestamp.truncate(instant));
    if (parsed.isCanonical()) {
      assertThat(formatted).isEqualTo(text);
    }
  }
}
