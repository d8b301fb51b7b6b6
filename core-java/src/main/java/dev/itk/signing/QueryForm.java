package dev.itk.signing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How the query field of the canonical message is written, given the raw query sent on the request
 * line. Issuetrak does not document it; {@link #RAW} is the kit's choice.
 *
 * <pre>{@code
 * QueryForm.RAW.signedQuery("issueNumbers=1%2C2");                // "issueNumbers=1%2C2"
 * QueryForm.WITH_QUESTION_MARK.signedQuery("issueNumbers=1%2C2"); // "?issueNumbers=1%2C2"
 * QueryForm.DECODED.signedQuery("issueNumbers=1%2C2");            // "issueNumbers=1,2"
 * QueryForm.EMPTY.signedQuery("issueNumbers=1%2C2");              // ""
 * }</pre>
 *
 * <p>Rule: {@code docs/scheme.md#query}.
 */
public enum QueryForm {
  /** The raw query as sent, without {@code ?}: the kit's default. */
  RAW("raw"),
  /** The raw query with a leading {@code ?} (only when the query is not empty). */
  WITH_QUESTION_MARK("with-?"),
  /**
   * The query form-decoded: {@code +} becomes a space, {@code %XX} escapes are decoded as UTF-8
   * (malformed escapes are kept as written, bytes that are not UTF-8 become U+FFFD), like .NET's
   * {@code HttpUtility.UrlDecode}.
   */
  DECODED("decoded"),
  /** Always empty, whatever is sent: what the vendor's samples sign. */
  EMPTY("empty");

  private final String label;

  QueryForm(String label) {
    this.label = label;
  }

  /** The name used in settings, reports and on the command line, e.g. {@code with-?}. */
  public String label() {
    return label;
  }

  /**
   * The form with this label (case-insensitive).
   *
   * @throws IllegalArgumentException naming the value and the accepted labels
   */
  public static QueryForm ofLabel(String label) {
    return find(label)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "query form \""
                        + label
                        + "\" is not one of "
                        + Arrays.stream(values())
                            .map(QueryForm::label)
                            .collect(Collectors.joining(", "))));
  }

  private static Optional<QueryForm> find(String label) {
    if (label == null) {
      return Optional.empty();
    }
    String wanted = label.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.label.equals(wanted)).findFirst();
  }

  /**
   * The query field to sign for a request whose request line carries {@code rawQuery}.
   *
   * @param rawQuery the query as sent, without {@code ?}; empty or null when there is none
   */
  public String signedQuery(String rawQuery) {
    String raw = rawQuery == null ? "" : rawQuery;
    return switch (this) {
      case RAW -> raw;
      case WITH_QUESTION_MARK -> raw.isEmpty() ? "" : "?" + raw;
      case DECODED -> formDecode(raw);
      case EMPTY -> "";
    };
  }

  private static String formDecode(String raw) {
    byte[] in = raw.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      byte b = in[i];
      if (b == '+') {
        out.write(' ');
      } else if (b == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
        out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
        i += 2;
      } else {
        out.write(b);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int hex(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }

  @Override
  public String toString() {
    return label;
  }
}
