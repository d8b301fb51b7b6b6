package dev.itk.diagnose;

import static dev.itk.diagnose.CaptureReaders.STUB_RECORD_FORMAT;
import static dev.itk.diagnose.CaptureReaders.STUB_RECORD_FORMAT_1;
import static dev.itk.diagnose.CaptureReaders.STUB_RECORD_LINES_FORMAT;
import static dev.itk.diagnose.CaptureSyntax.bad;
import static dev.itk.diagnose.CaptureSyntax.checkedMethod;
import static dev.itk.diagnose.CaptureSyntax.readJson;
import static dev.itk.diagnose.CaptureSyntax.requiredText;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.itk.signing.HeaderLine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads one request of the stub's record, as {@link CaptureReaders#stubRecord(byte[], String,
 * Long)} describes, or of its record file (JSON Lines, {@link
 * CaptureReaders#stubRecordLines(byte[], String, Long)}): the request chosen by {@code seq},
 * rebuilt from its entry ({@code docs/stub.md#the-record}).
 */
final class StubRecordReader {
  private StubRecordReader() {}

  static CapturedRequest read(byte[] json, String source, Long seq) {
    return read(readJson(json, source), source, seq);
  }

  /** Reads from the record already parsed, as the format detection does to see it is one. */
  static CapturedRequest read(JsonNode root, String source, Long seq) {
    JsonNode format = root.get("format");
    if (format == null
        || !format.isTextual()
        || !(format.textValue().equals(STUB_RECORD_FORMAT)
            || format.textValue().equals(STUB_RECORD_FORMAT_1))) {
      throw bad(
          source,
          "format",
          (format == null ? "is missing" : "is " + format)
              + "; a stub record has \"format\": \""
              + STUB_RECORD_FORMAT
              + "\" (or \""
              + STUB_RECORD_FORMAT_1
              + "\")");
    }
    JsonNode requests = root.get("requests");
    if (requests == null || !requests.isArray()) {
      throw bad(source, "requests", "is missing or not an array");
    }
    return entry(requests, "requests", source, seq);
  }

  /** Reads the record file: the format line, a line per request, an end line. */
  static CapturedRequest readLines(byte[] bytes, String source, Long seq) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(source, "source");
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
    JsonNode head = lineJson(lines[0], source, 1);
    if (head == null || !STUB_RECORD_LINES_FORMAT.equals(head.path("format").asText(null))) {
      throw bad(
          source, "line 1", "must be {\"format\": \"" + STUB_RECORD_LINES_FORMAT + "\", ...}");
    }
    ArrayNode requests = CaptureSyntax.JSON.createArrayNode();
    for (int k = 1; k < lines.length; k++) {
      if (lines[k].isBlank()) {
        continue;
      }
      boolean last = k == lines.length - 1; // no line break after it: cut short
      JsonNode line;
      try {
        line = lineJson(lines[k], source, k + 1);
      } catch (IllegalArgumentException cutShort) {
        if (last) {
          continue;
        }
        throw cutShort;
      }
      if (line.has("seq")) {
        requests.add(line);
      } else if (!line.has("end") && !line.has("format")) {
        throw bad(source, "line " + (k + 1), "is neither a request (with \"seq\") nor an end line");
      }
    }
    return entry(requests, "line", source, seq);
  }

  private static JsonNode lineJson(String line, String source, int number) {
    try {
      JsonNode node = CaptureSyntax.JSON.readTree(line);
      if (node == null || !node.isObject()) {
        throw bad(source, "line " + number, "must be one JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw bad(
          source,
          "line " + number,
          "not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
  }

  /** The request with {@code seq} (or the last) of a record's entries, rebuilt. */
  private static CapturedRequest entry(JsonNode requests, String list, String source, Long seq) {
    if (requests.isEmpty()) {
      throw bad(source, "requests", "is empty: the stub recorded no request");
    }
    int index = requests.size() - 1;
    if (seq != null) {
      index = -1;
      for (int k = 0; k < requests.size(); k++) {
        JsonNode s = requests.get(k).get("seq");
        if (s != null && s.canConvertToLong() && s.longValue() == seq) {
          index = k;
          break;
        }
      }
      if (index < 0) {
        throw bad(
            source,
            list.equals("requests") ? "requests" : "record file",
            "has no request with seq "
                + seq
                + "; its seqs run from "
                + requests.get(0).path("seq").asText("?")
                + " to "
                + requests.get(requests.size() - 1).path("seq").asText("?"));
      }
    }
    JsonNode r = requests.get(index);
    String where =
        list.equals("requests")
            ? "requests[" + index + "]"
            : "request seq " + r.path("seq").asText("?");
    String method =
        checkedMethod(requiredText(r, "method", where, source), where + ".method", source);
    String path = requiredText(r, "path", where, source);
    JsonNode queryNode = r.get("query");
    String query = null;
    if (queryNode != null && !queryNode.isNull()) {
      if (!queryNode.isTextual()) {
        throw bad(source, where + ".query", "must be a string, or null when there was no '?'");
      }
      query = queryNode.textValue();
    }
    List<HeaderLine> headers = new ArrayList<>();
    JsonNode headerArray = r.get("headers");
    if (headerArray == null || !headerArray.isArray()) {
      throw bad(source, where + ".headers", "is missing or not an array of [name, value]");
    }
    for (int k = 0; k < headerArray.size(); k++) {
      JsonNode pair = headerArray.get(k);
      if (!pair.isArray()
          || pair.size() != 2
          || !pair.get(0).isTextual()
          || !pair.get(1).isTextual()) {
        throw bad(source, where + ".headers[" + k + "]", "must be [name, value], two strings");
      }
      headers.add(new HeaderLine(pair.get(0).textValue(), pair.get(1).textValue()));
    }
    if (r.path("bodyTruncated").asBoolean(false)) {
      throw bad(
          source,
          where + ".bodyTruncated",
          "is true: the stub kept only the first bytes of the body, so the request cannot be"
              + " rebuilt");
    }
    if (r.path("bodyKept").asText("whole").equals("prefix")) {
      throw bad(
          source,
          where + ".bodyKept",
          "is \"prefix\": the stub kept only the first bytes of this refused request's "
              + r.path("bodyLength").asText("?")
              + "-byte body (its SHA-256 is "
              + r.path("bodySha256").asText("not recorded")
              + "), and the signature covers all of them, so the request cannot be rebuilt;"
              + " capture it another way (raw HTTP, a HAR file, a curl command)");
    }
    String label = source + " seq " + r.path("seq").asText("?");
    JsonNode bodyNode = r.get("body");
    if (bodyNode == null || bodyNode.isNull()) {
      return new CapturedRequest(
          method, path, Optional.ofNullable(query), headers, new byte[0], label);
    }
    if (!bodyNode.isTextual()) {
      throw bad(source, where + ".body", "must be a string");
    }
    String encoding = r.path("bodyEncoding").asText("utf-8");
    byte[] body;
    switch (encoding) {
      case "utf-8" -> body = bodyNode.textValue().getBytes(StandardCharsets.UTF_8);
      case "base64" -> {
        try {
          body = Base64.getDecoder().decode(bodyNode.textValue());
        } catch (IllegalArgumentException e) {
          throw bad(source, where + ".body", "is not standard base64: " + e.getMessage());
        }
      }
      default ->
          throw bad(
              source,
              where + ".bodyEncoding",
              "\"" + encoding + "\" must be \"utf-8\" or \"base64\"");
    }
    return new CapturedRequest(method, path, Optional.ofNullable(query), headers, body, label);
  }
}
