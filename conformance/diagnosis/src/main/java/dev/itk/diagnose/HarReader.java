package dev.itk.diagnose;

import static dev.itk.diagnose.CaptureSyntax.bad;
import static dev.itk.diagnose.CaptureSyntax.checkedMethod;
import static dev.itk.diagnose.CaptureSyntax.hasHeader;
import static dev.itk.diagnose.CaptureSyntax.readJson;
import static dev.itk.diagnose.CaptureSyntax.requiredText;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itk.diagnose.CaptureSyntax.Url;
import dev.itk.signing.HeaderLine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Reads one request of a HAR 1.2 file, as {@link CaptureReaders#har(byte[], String, Integer)}
 * describes: {@code log.entries[i].request}, its body from {@code postData.text}.
 */
final class HarReader {
  private HarReader() {}

  static CapturedRequest read(byte[] json, String source, Integer entryIndex) {
    return read(readJson(json, source), source, entryIndex);
  }

  /** Reads from the file already parsed, as the format detection does to see it is HAR. */
  static CapturedRequest read(JsonNode root, String source, Integer entryIndex) {
    JsonNode log = root.get("log");
    if (log == null || !log.isObject()) {
      throw bad(source, "log", "is missing; a HAR file is {\"log\": {\"entries\": [...]}}");
    }
    JsonNode entries = log.get("entries");
    if (entries == null || !entries.isArray()) {
      throw bad(source, "log.entries", "is missing or not an array (HAR 1.2)");
    }
    int n = entries.size();
    if (n == 0) {
      throw bad(source, "log.entries", "is empty: the HAR file holds no request");
    }
    int index;
    if (entryIndex == null) {
      if (n > 1) {
        throw bad(
            source,
            "log.entries",
            "holds "
                + n
                + " entries; choose one by its index, 0 to "
                + (n - 1)
                + " (itk: --entry N)");
      }
      index = 0;
    } else {
      if (entryIndex < 0 || entryIndex >= n) {
        throw bad(
            source,
            "log.entries",
            "has no entry " + entryIndex + "; its " + n + " entries are 0 to " + (n - 1));
      }
      index = entryIndex;
    }
    String where = "log.entries[" + index + "].request";
    JsonNode request = entries.get(index).get("request");
    if (request == null || !request.isObject()) {
      throw bad(source, where, "is missing; each HAR entry has a request object");
    }
    String method =
        checkedMethod(requiredText(request, "method", where, source), where + ".method", source);
    String url = requiredText(request, "url", where, source);
    Url parts = Url.split(url, source, where + ".url");

    List<HeaderLine> headers = new ArrayList<>();
    String authority = null;
    JsonNode headerArray = request.get("headers");
    if (headerArray == null || !headerArray.isArray()) {
      throw bad(source, where + ".headers", "is missing or not an array of {name, value}");
    }
    for (int k = 0; k < headerArray.size(); k++) {
      String at = where + ".headers[" + k + "]";
      JsonNode h = headerArray.get(k);
      String name = requiredText(h, "name", at, source);
      String value = requiredText(h, "value", at, source);
      if (name.startsWith(":")) { // HTTP/2 pseudo-headers are not header fields
        if (name.equals(":authority")) {
          authority = value;
        }
        continue;
      }
      headers.add(new HeaderLine(name, value));
    }
    if (!hasHeader(headers, "Host")) {
      headers.add(0, new HeaderLine("Host", authority != null ? authority : parts.host()));
    }
    byte[] body = harBody(request.get("postData"), where + ".postData", source);
    return new CapturedRequest(
        method,
        parts.path(),
        Optional.ofNullable(parts.query()),
        headers,
        body,
        source + " entry " + index);
  }

  private static byte[] harBody(JsonNode postData, String where, String source) {
    if (postData == null || postData.isNull()) {
      return new byte[0];
    }
    if (!postData.isObject()) {
      throw bad(source, where, "must be an object with mimeType and text");
    }
    JsonNode text = postData.get("text");
    if (text == null || text.isNull()) {
      JsonNode params = postData.get("params");
      if (params != null && params.isArray() && !params.isEmpty()) {
        throw bad(
            source,
            where + ".text",
            "is missing and only params are given; the exact body bytes cannot be rebuilt from"
                + " params");
      }
      return new byte[0];
    }
    if (!text.isTextual()) {
      throw bad(source, where + ".text", "must be a string");
    }
    JsonNode encoding = postData.get("encoding");
    if (encoding == null || encoding.isNull()) {
      return text.textValue().getBytes(StandardCharsets.UTF_8);
    }
    if (!encoding.isTextual() || !encoding.textValue().equals("base64")) {
      throw bad(
          source,
          where + ".encoding",
          "\"" + encoding.asText() + "\" is not supported; only \"base64\" (or none) is read");
    }
    try {
      return Base64.getMimeDecoder().decode(text.textValue());
    } catch (IllegalArgumentException e) {
      throw bad(
          source, where + ".text", "is not base64, though encoding says so: " + e.getMessage());
    }
  }
}
