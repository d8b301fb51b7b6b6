package dev.itk.signing;

/**
 * A timestamp that is neither in the canonical form {@value IssuetrakTimestamp#PATTERN} nor in one
 * of the accepted variants. The message names the value, what is wrong with it, and the expected
 * form.
 */
public final class MalformedTimestampException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String value;

  MalformedTimestampException(String value, String problem) {
    super(
        (value == null
                ? "timestamp is missing"
                : "timestamp \"" + value + "\" is malformed: " + problem)
            + "; expected "
            + IssuetrakTimestamp.PATTERN
            + " (UTC, 7 fractional digits, e.g. "
            + IssuetrakTimestamp.EXAMPLE
            + "); also accepted: 1 to 6 fractional digits or none, or an offset like +02:00"
            + " instead of Z");
    this.value = value;
  }

  /** The text that could not be parsed, or null if there was none. */
  public String value() {
    return value;
  }
}
