package dev.itk.diagnose;

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
 */
final class JsonForms {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
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

  /** Every other form of {@code body}'s JSON value; empty when the body is not JSON. */
  static List<byte[]> otherForms(byte[] body) {
    List<byte[]> out = new ArrayList<>();
    if (body.length == 0 || body.length > 1 << 20) {
      return out;
    }
    JsonNode value;
    try {
      value = JSON.readTree(body);
    } catch (IOException e) {
      return out;
    }
    if (value == null || !(value.isObject() || value.isArray())) {
      return out;
    }
    Set<String> seen = new LinkedHashSet<>();
    seen.add(new String(body, StandardCharsets.UTF_8));
    for (Style s : STYLES) {
      StringBuilder b = new StringBuilder();
      write(value, s, 0, b);
      if (seen.add(b.toString())) {
        out.add(b.toString().getBytes(StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static void write(JsonNode node, Style s, int depth, StringBuilder out) {
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

  private static void separate(Style s, int depth, boolean first, StringBuilder out) {
    if (!first) {
      out.append(s.indent() > 0 ? s.itemSep().strip() : s.itemSep());
    }
    if (s.indent() > 0) {
      out.append('\n').append(" ".repeat(s.indent() * depth));
    }
  }

  private static void close(Style s, int depth, StringBuilder out) {
    if (s.indent() > 0) {
      out.append('\n').append(" ".repeat(s.indent() * depth));
    }
  }

  private static void string(String text, Style s, StringBuilder out) {
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
