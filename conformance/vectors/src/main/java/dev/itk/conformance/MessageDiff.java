package dev.itk.conformance;

import dev.itk.signing.MessageRendering;
import java.util.ArrayList;
import java.util.List;

/**
 * Explains how two canonical messages differ: both rendered field by field on aligned lines, with
 * the first differing byte offset.
 *
 * <pre>{@code
 * MessageDiff.explain(expectedBytes, actualBytes);
 * // first difference at byte 52 (field path, offset 3 in the field): expected 0x41 'A', actual 0x61 'a'
 * //            expected                    | actual
 * // method     GET                         | GET
 * // path   !   /API/v1/issues              | /api/v1/issues
 * }</pre>
 */
public final class MessageDiff {
  private static final String[] FIELDS = {
    "method", "requestId", "timestamp", "path", "query", "body"
  };

  private MessageDiff() {}

  /** The offset of the first differing byte, or -1 if the arrays are equal. */
  public static int firstDifference(byte[] expected, byte[] actual) {
    int n = Math.min(expected.length, actual.length);
    for (int i = 0; i < n; i++) {
      if (expected[i] != actual[i]) {
        return i;
      }
    }
    return expected.length == actual.length ? -1 : n;
  }

  /** A multi-line explanation; "messages are identical" when they are. */
  public static String explain(byte[] expected, byte[] actual) {
    int at = firstDifference(expected, actual);
    if (at < 0) {
      return "messages are identical (" + expected.length + " bytes)";
    }
    List<String> e = fields(expected);
    List<String> a = fields(actual);
    StringBuilder out = new StringBuilder();
    out.append("first difference at byte ")
        .append(at)
        .append(" (")
        .append(locate(expected, at))
        .append("): expected ")
        .append(describe(expected, at))
        .append(", actual ")
        .append(describe(actual, at))
        .append('\n');
    int width = 8;
    for (String s : e) {
      width = Math.max(width, Math.min(60, s.length()));
    }
    out.append(String.format("%-11s  %-" + width + "s | %s%n", "", "expected", "actual"));
    int rows = Math.max(e.size(), a.size());
    for (int i = 0; i < rows; i++) {
      String name = i < FIELDS.length ? FIELDS[i] : "(extra)";
      String left = i < e.size() ? e.get(i) : "(absent)";
      String right = i < a.size() ? a.get(i) : "(absent)";
      String mark = left.equals(right) ? " " : "!";
      left = shorten(left);
      right = shorten(right);
      out.append(String.format("%-10s %s  %-" + width + "s | %s%n", name, mark, left, right));
    }
    out.append(
        String.format(
            "lengths: expected %d bytes, actual %d bytes", expected.length, actual.length));
    return out.toString();
  }

  /**
   * Explains how two values that are not canonical messages differ (a request's body, path or
   * header): the first differing byte and both values rendered around it.
   */
  public static String explainValue(byte[] expected, byte[] actual) {
    int at = firstDifference(expected, actual);
    if (at < 0) {
      return "identical (" + expected.length + " bytes)";
    }
    return "first difference at byte "
        + at
        + ": expected "
        + describe(expected, at).replace("end of message", "end of value")
        + ", actual "
        + describe(actual, at).replace("end of message", "end of value")
        + "\n  expected: "
        + around(expected, at)
        + "\n  actual:   "
        + around(actual, at)
        + String.format(
            "%n  lengths: expected %d bytes, actual %d bytes", expected.length, actual.length);
  }

  /** Up to 60 bytes before and 100 after {@code at}, rendered, with ... where cut. */
  private static String around(byte[] bytes, int at) {
    int from = Math.max(0, Math.min(at, bytes.length) - 60);
    int to = Math.min(bytes.length, at + 100);
    return (from > 0 ? "..." : "")
        + MessageRendering.render(bytes, from, to).replace("\\n\n", "\\n")
        + (to < bytes.length ? "..." : "");
  }

  /** The message's fields, each rendered; the body is everything after the fifth line feed. */
  static List<String> fields(byte[] message) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < message.length && out.size() < 5; i++) {
      if (message[i] == '\n') {
        out.add(MessageRendering.render(message, start, i));
        start = i + 1;
      }
    }
    out.add(MessageRendering.render(message, start, message.length).replace("\n", ""));
    return out;
  }

  /** Long fields (1 MiB bodies) are cut for display; the header line gives the exact offset. */
  private static String shorten(String field) {
    int limit = 160;
    return field.length() <= limit
        ? field
        : field.substring(0, limit) + "... (" + (field.length() - limit) + " more chars)";
  }

  /**
   * The name of the message field that holds byte {@code offset} ({@code method}, {@code
   * requestId}, {@code timestamp}, {@code path}, {@code query} or {@code body}: everything after
   * the fifth line feed; an offset past the end is in the body).
   */
  public static String fieldAt(byte[] message, int offset) {
    return FIELDS[position(message, offset)[0]];
  }

  private static String locate(byte[] message, int offset) {
    int[] p = position(message, offset);
    return "field " + FIELDS[p[0]] + ", offset " + (offset - p[1]) + " in the field";
  }

  /** {@code {field index, offset where that field starts}} for byte {@code offset}. */
  private static int[] position(byte[] message, int offset) {
    int field = 0;
    int fieldStart = 0;
    for (int i = 0; i < offset && i < message.length && field < 5; i++) {
      if (message[i] == '\n') {
        field++;
        fieldStart = i + 1;
      }
    }
    return new int[] {field, fieldStart};
  }

  private static String describe(byte[] bytes, int at) {
    if (at >= bytes.length) {
      return "end of message";
    }
    int b = bytes[at] & 0xFF;
    String shown = b >= 0x20 && b < 0x7F ? " '" + (char) b + "'" : b == '\n' ? " (line feed)" : "";
    return String.format("0x%02X%s", b, shown);
  }
}
