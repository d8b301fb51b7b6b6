package dev.itk.diagnose;

import static dev.itk.diagnose.CaptureSyntax.bad;
import static dev.itk.diagnose.CaptureSyntax.checkedMethod;
import static dev.itk.diagnose.CaptureSyntax.readJson;
import static dev.itk.diagnose.CaptureSyntax.requiredText;
import static dev.itk.diagnose.CaptureSyntax.startsWithBom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Reads a {@link CapturedRequest} from the forms a request is usually captured in: raw HTTP, a curl
 * command line, a HAR file, or the stub's record ({@code docs/stub.md#the-record}).
 *
 * <pre>{@code
 * CapturedRequest r = CaptureReaders.detect(Files.readAllBytes(file), "request file " + file);
 * CapturedRequest c = CaptureReaders.curl("curl -H 'X-A: 1' https://h/api/v1/x?y=1", "--curl");
 * }</pre>
 *
 * <p>Path and query are kept exactly as written: nothing is decoded, normalized or re-encoded,
 * since the signature covers them as sent. Every reader throws {@link IllegalArgumentException}
 * whose message starts with the source and names the line or field and the rule it breaks.
 */
public final class CaptureReaders {
  /** The stub record's format, {@code docs/stub.md#the-record}. */
  public static final String STUB_RECORD_FORMAT = "itk-stub-record/2";

  /** The earlier stub record format, read too: every entry keeps its whole body. */
  static final String STUB_RECORD_FORMAT_1 = "itk-stub-record/1";

  /** The stub's record file ({@code itk stub --record}): JSON Lines of record entries. */
  public static final String STUB_RECORD_LINES_FORMAT = "itk-stub-record-lines/1";

  private CaptureReaders() {}

  // ---------------------------------------------------------------------------------------------
  // Raw HTTP

  /**
   * Reads a raw HTTP/1.x request: the request line {@code METHOD TARGET HTTP/1.1}, header lines, an
   * empty line, then the body. Lines end with CRLF or LF. The target is origin-form ({@code
   * /path?query}) or absolute-form ({@code http://host/path?query}; its host becomes the {@code
   * Host} header when there is none). The body is the rest of the bytes, cut to {@code
   * Content-Length} when that is shorter; a {@code chunked} body is decoded. Header values are read
   * one character per octet (ISO-8859-1); the request line is read as UTF-8.
   *
   * @throws IllegalArgumentException naming the source, the line and the rule broken
   */
  public static CapturedRequest rawHttp(byte[] bytes, String source) {
    return RawHttpReader.read(bytes, source);
  }

  // ---------------------------------------------------------------------------------------------
  // curl

  /**
   * Whether a curl command line may read the files it names: {@code --data-binary @FILE} and {@code
   * --json @FILE}. A pasted command could name any file on this machine ({@code
   * --data-binary @/root/.ssh/id_rsa}), and what is read becomes the request's body: shown by a
   * diagnosis, and written into a vector meant to be shared (docs/security.md#secrets).
   */
  public enum CurlFiles {
    /**
     * A file named in the command is refused, before it is touched, with an error naming it and
     * itk's {@code --allow-files} (which chooses {@link #READ}). The default.
     */
    REFUSE,
    /** A regular file up to 64 MiB is read, its exact bytes (never a pipe or a device). */
    READ
  }

  /**
   * Reads a curl command line as {@link #curl(String, String, CurlFiles)} does, refusing any file
   * the command names ({@link CurlFiles#REFUSE}).
   *
   * @throws IllegalArgumentException naming the source, the word and the rule broken
   */
  public static CapturedRequest curl(String commandLine, String source) {
    return curl(commandLine, source, CurlFiles.REFUSE);
  }

  /**
   * Reads a curl command line, split into words as a POSIX shell does (single quotes, double quotes
   * with backslash escapes, {@code $'...'} ANSI-C quoting, backslash-newline continuations). Reads
   * {@code -X/--request}, {@code -H/--header}, {@code -d/--data/--data-raw/--data-binary/--json}
   * (several are joined with {@code &}, as curl does; {@code --data-binary @FILE} and {@code
   * --json @FILE} read the file's exact bytes when {@code files} is {@link CurlFiles#READ}) and
   * {@code --url} or the one URL argument. The method is {@code POST} with data, {@code GET}
   * otherwise; {@code Host} comes from the URL unless given. Options that read files in other ways
   * ({@code -d @FILE}, {@code -H @FILE}, {@code -T}, {@code -F}, {@code -K}, ...) are refused
   * whatever {@code files} says.
   *
   * @param files whether {@code @FILE} may be read; {@link CurlFiles#REFUSE} unless the user asked
   * @throws IllegalArgumentException naming the source, the word and the rule broken
   */
  public static CapturedRequest curl(String commandLine, String source, CurlFiles files) {
    return CurlReader.read(commandLine, source, files);
  }

  // ---------------------------------------------------------------------------------------------
  // HAR

  /**
   * Reads one request of a HAR 1.2 file: {@code log.entries[i].request} with {@code method}, {@code
   * url}, {@code headers} and {@code postData.text} ({@code postData.encoding: "base64"} when the
   * text is base64). HTTP/2 pseudo-headers ({@code :authority}, ...) are dropped; {@code Host}
   * comes from {@code :authority} or the URL when no header gives it.
   *
   * @param entryIndex the entry, from 0; null when the file holds exactly one
   * @throws IllegalArgumentException naming the source, the field and the rule broken
   */
  public static CapturedRequest har(byte[] json, String source, Integer entryIndex) {
    return HarReader.read(json, source, entryIndex);
  }

  // ---------------------------------------------------------------------------------------------
  // Stub record

  /**
   * Reads one request of the stub's record ({@value #STUB_RECORD_FORMAT} or {@code
   * itk-stub-record/1}, {@code docs/stub.md#the-record}).
   *
   * @param seq the request's {@code seq}; null for the last request
   * @throws IllegalArgumentException naming the source, the field and the rule broken, or when the
   *     request's body was truncated by the stub (its signature cannot be checked)
   */
  public static CapturedRequest stubRecord(byte[] json, String source, Long seq) {
    return stubRecord(readJson(json, source), source, seq);
  }

  private static CapturedRequest stubRecord(JsonNode root, String source, Long seq) {
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
    return stubRecordEntry(requests, "requests", source, seq);
  }

  /**
   * Reads one request of the stub's record file ({@value #STUB_RECORD_LINES_FORMAT}, {@code
   * docs/stub.md#the-record-file}): a format line, one line per request, an end line. A last line
   * cut short (a stub killed while writing it) is skipped.
   *
   * @param seq the request's {@code seq}; null for the last request
   * @throws IllegalArgumentException naming the source, the line and the rule broken
   */
  public static CapturedRequest stubRecordLines(byte[] bytes, String source, Long seq) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(source, "source");
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
    JsonNode head = lineJson(lines[0], source, 1);
    if (head == null || !STUB_RECORD_LINES_FORMAT.equals(head.path("format").asText(null))) {
      throw bad(
          source, "line 1", "must be {\"format\": \"" + STUB_RECORD_LINES_FORMAT + "\", ...}");
    }
    com.fasterxml.jackson.databind.node.ArrayNode requests = CaptureSyntax.JSON.createArrayNode();
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
    return stubRecordEntry(requests, "line", source, seq);
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
  private static CapturedRequest stubRecordEntry(
      JsonNode requests, String list, String source, Long seq) {
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
    List<CapturedRequest.Header> headers = new ArrayList<>();
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
      headers.add(new CapturedRequest.Header(pair.get(0).textValue(), pair.get(1).textValue()));
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
      return new CapturedRequest(method, path, query, headers, new byte[0], label);
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
    return new CapturedRequest(method, path, query, headers, body, label);
  }

  // ---------------------------------------------------------------------------------------------
  // Detection

  /**
   * Reads a request in whichever form the bytes hold: a JSON object with {@code log} is a HAR file,
   * one with {@code format} a stub record, a first line {@code {"format":
   * "itk-stub-record-lines/1"}} the stub's record file; anything else is raw HTTP.
   *
   * @throws IllegalArgumentException as the chosen reader does
   */
  public static CapturedRequest detect(byte[] bytes, String source) {
    return detect(bytes, source, null);
  }

  /**
   * Like {@link #detect(byte[], String)}, choosing one request of a file that holds several.
   *
   * @param selector a HAR entry index (from 0) or a stub record {@code seq}; null for the only
   *     entry or the last request. Must be null for raw HTTP.
   */
  public static CapturedRequest detect(byte[] bytes, String source, Long selector) {
    Objects.requireNonNull(bytes, "bytes");
    int first = startsWithBom(bytes) ? 3 : 0;
    while (first < bytes.length && isJsonSpace(bytes[first])) {
      first++;
    }
    if (first < bytes.length && bytes[first] == '{') {
      if (isRecordLines(bytes, first)) {
        return stubRecordLines(Arrays.copyOfRange(bytes, first, bytes.length), source, selector);
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
        return stubRecord(root, source, selector);
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
    return rawHttp(bytes, source);
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
