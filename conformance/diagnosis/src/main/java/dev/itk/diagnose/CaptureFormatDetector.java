package dev.itk.diagnose;

import static dev.itk.diagnose.CaptureReaders.STUB_RECORD_FORMAT;
import static dev.itk.diagnose.CaptureReaders.STUB_RECORD_LINES_FORMAT;
import static dev.itk.diagnose.CaptureSyntax.bad;
import static dev.itk.diagnose.CaptureSyntax.readJson;
import static dev.itk.diagnose.CaptureSyntax.startsWithBom;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Chooses the reader for bytes whose format is not given, as {@link CaptureReaders#detect(byte[],
 * String, Long)} describes: after an optional BOM and JSON whitespace, a first line {@code
 * {"format": "itk-stub-record-lines/1", ...}} is the stub's record file; any other JSON object is a
 * HAR file when it has {@code log}, a stub record when it has {@code format}; anything that does not
 * start with {@code '{'} is raw HTTP.
 */
final class CaptureFormatDetector {
  private CaptureFormatDetector() {}

  static CapturedRequest read(byte[] bytes, String source, Long selector) {
    Objects.requireNonNull(bytes, "bytes");
    int first = startsWithBom(bytes) ? 3 : 0;
    while (first < bytes.length && isJsonSpace(bytes[first])) {
      first++;
    }
    if (first < bytes.length && bytes[first] == '{') {
      if (isRecordLines(bytes, first)) {
        return StubRecordReader.readLines(
            Arrays.copyOfRange(bytes, first, bytes.length), source, selector);
      }
      JsonNode root = readJson(bytes, source);
      if (root.has("log")) {
        Integer entry = null;
        if (selector != null) {
          if (selector < 0 || selector > Integer.MAX_VALUE) {
            throw bad(source, "log.entries", "has no entry " + selector);
          }
          entry = selector.intValue();
        }
        return HarReader.read(root, source, entry);
      }
      if (root.has("format")) {
        return StubRecordReader.read(root, source, selector);
      }
      throw bad(
          source,
          "JSON",
          "is neither a HAR file (no \"log\") nor a stub record (no \"format\": \""
              + STUB_RECORD_FORMAT
              + "\")");
    }
    if (selector != null) {
      throw bad(
          source,
          "entry " + selector,
          "a request is chosen only in a HAR file or a stub record; this is raw HTTP, one request");
    }
    return RawHttpReader.read(bytes, source);
  }

  /** Whether the first line is the stub record file's format line. */
  private static boolean isRecordLines(byte[] bytes, int from) {
    int end = from;
    while (end < bytes.length && bytes[end] != '\n') {
      end++;
    }
    try {
      JsonNode head = CaptureSyntax.JSON.readTree(Arrays.copyOfRange(bytes, from, end));
      return head != null
          && head.isObject()
          && STUB_RECORD_LINES_FORMAT.equals(head.path("format").asText(null));
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isJsonSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }
}
