package dev.itk.diagnose;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The serializations of one JSON value that clients commonly produce: compact, Python's {@code
 * json.dumps} defaults (with and without {@code \\uXXXX} escapes), indented by 2 or 4, and with
 * {@code /} escaped. Keys keep their order.
 *
 * <p>Bounded, because the stub runs this on bodies anyone sends: only bodies up to {@link
 * #MAX_BODY} bytes nested at most {@link #MAX_DEPTH} deep are re-serialized, and a form longer than
 * {@link #maxFormLength} is abandoned while it is written. So the output never exceeds 7 forms of 4
 * times the body plus 8 KiB, whatever the input (a body of 1000 nested arrays once made the
 * indented forms grow to gigabytes).
 */
final class JsonForms {
  /**
   * Larger bodies are not re-serialized. 256 KiB is 4 times the largest body still tried in pairs
   * ({@link Diagnoser#PAIR_BODY_LIMIT}) and far above the API's JSON objects (issues, notes: a few
   * KB); it keeps the forms of one diagnosis at 7 of at most about 1 MiB each.
   */
  static final int MAX_BODY = 256 * 1024;

  /**
   * Deeper JSON is not re-serialized (Jackson refuses it while parsing). The API's objects nest 3
   * or 4 deep; every level deeper adds its indentation to every line below it.
   */
  static final int MAX_DEPTH = 64;

  private static final ObjectMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                  .build())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();

  private record Style(String itemSep, String keySep, int indent, boolean ascii, boolean slash) {}

  private static final List<Style> STYLES =
      List.of(
          new Style(",", ":", 0, false, false),
          new Style(", ", ": ", 0, true, false),
          new Style(", ", ": ", 0, false, false),
          new Style(",", ": ", 2, false, false),
          new Style(",", ": ", 4, false, false),
          new Style(",", ":", 0, true, false),
          new Style(",", ":", 0, false, true));

  private JsonForms() {}

  /**
   * The longest form kept for a body of {@code bodyLength} bytes: 4 times the body plus 8 KiB, so
   * that a small body indented 4 deep still has its indented forms while no input makes a form more
   * than a small multiple of itself.
   */
  static int maxFormLength(int bodyLength) {
    return 4 * bodyLength + 8 * 1024;
  }

  /**
   * Every other form of {@code body}'s JSON value, each at most {@link #maxFormLength} bytes; empty
   * when the body is not JSON, larger than {@link #MAX_BODY} or nested deeper than {@link
   * #MAX_DEPTH}.
   */
  static List<byte[]> otherForms(byte[] body) {
    List<byte[]> out = new ArrayList<>();
    if (body.length == 0 || body.length > MAX_BODY) {
      return out;
    }
    // UTF-8 only, without a byte order mark, as the body is signed: Jackson would also read
    // UTF-16 and a BOM, whose re-serializations are body-utf16's and body-bom's to name
    String utf8;
    try {
      utf8 =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
              .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(body))
              .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return out;
    }
    if (utf8.startsWith("\uFEFF")) {
      return out;
    }
    JsonNode value;
    try {
      value = JSON.readTree(utf8);
    } catch (IOException e) {
      return out;
    }
    if (value == null || !(value.isObject() || value.isArray())) {
      return out;
    }
    int limit = maxFormLength(body.length);
    Set<String> seen = new LinkedHashSet<>();
    seen.add(new String(body, StandardCharsets.UTF_8));
    for (Style s : STYLES) {
      StringBuilder b = new StringBuilder();
      try {
        write(value, s, 0, new Bounded(b, limit));
      } catch (FormTooLong e) {
        continue;
      }
      String text = b.toString();
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      if (bytes.length <= limit && seen.add(text)) {
        out.add(bytes);
      }
    }
    return out;
  }

  /** A form outgrew its bound: abandoned, not an error. */
  private static final class FormTooLong extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FormTooLong() {
      super(null, null, false, false);
    }
  }

  /**
   * The form being written, abandoned (with {@link FormTooLong}) as soon as it is longer than its
   * limit: checked after every append, so it never holds more than the limit plus one indentation
   * or one number.
   */
  private static final class Bounded {
    private final StringBuilder text;
    private final int limit;

    Bounded(StringBuilder text, int limit) {
      this.text = text;
      this.limit = limit;
    }

    Bounded append(String s) {
      text.append(s);
      return check();
    }

    Bounded append(char c) {
      text.append(c);
      return check();
    }

    private Bounded check() {
      if (text.length() > limit) {
        throw new FormTooLong();
      }
      return this;
    }
  }

  private static void write(JsonNode node, Style s, int depth, Bounded out) {
    if (node.isObject()) {
      if (node.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append('{');
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      boolean first = true;
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        separate(s, depth + 1, first, out);
        first = false;
        string(f.getKey(), s, out);
        out.append(s.keySep());
        write(f.getValue(), s, depth + 1, out);
      }
      close(s, depth, out);
      out.append('}');
    } else if (node.isArray()) {
      if (node.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append('[');
      boolean first = true;
      for (JsonNode item : node) {
        separate(s, depth + 1, first, out);
        first = false;
        write(item, s, depth + 1, out);
      }
      close(s, depth, out);
      out.append(']');
    } else if (node.isTextual()) {
      string(node.asText(), s, out);
    } else {
      out.append(node.toString());
    }
  }

  private static void separate(Style s, int depth, boolean first, Bounded out) {
    if (!first) {
      out.append(s.indent() > 0 ? s.itemSep().strip() : s.itemSep());
    }
    if (s.indent() > 0) {
      out.append('\n').append(" ".repeat(s.indent() * depth));
    }
  }

  private static void close(Style s, int depth, Bounded out) {
    if (s.indent() > 0) {
      out.append('\n').append(" ".repeat(s.indent() * depth));
    }
  }

  private static void string(String text, Style s, Bounded out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '/' -> out.append(s.slash() ? "\\/" : "/");
        default -> {
          if (c < 0x20 || (s.ascii() && c > 0x7e)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
