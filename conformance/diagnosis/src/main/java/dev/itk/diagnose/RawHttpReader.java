package dev.itk.diagnose;

import static dev.itk.diagnose.CaptureSyntax.abbreviate;
import static dev.itk.diagnose.CaptureSyntax.bad;
import static dev.itk.diagnose.CaptureSyntax.hasHeader;
import static dev.itk.diagnose.CaptureSyntax.isToken;
import static dev.itk.diagnose.CaptureSyntax.startsWithBom;
import static dev.itk.diagnose.CaptureSyntax.trimOws;

import dev.itk.diagnose.CaptureSyntax.Url;
import dev.itk.signing.HeaderLine;
import dev.itk.signing.HttpToken;
import dev.itk.signing.MessageRendering;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a raw HTTP/1.x request, as {@link CaptureReaders#rawHttp(byte[], String)} describes: the
 * request line, header lines, an empty line, then the body (cut to {@code Content-Length}, or
 * decoded when {@code chunked}).
 */
final class RawHttpReader {
  private static final Pattern HTTP_VERSION = Pattern.compile("HTTP/[0-9](\\.[0-9])?");

  private RawHttpReader() {}

  static CapturedRequest read(byte[] bytes, String source) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(source, "source");
    int pos = startsWithBom(bytes) ? 3 : 0;
    int lineNumber = 0;
    Line line;
    do { // a request may be preceded by empty lines (RFC 9112 section 2.2)
      line = Line.next(bytes, pos);
      if (line == null) {
        throw bad(
            source,
            "no request line; a raw request starts with METHOD TARGET HTTP/1.1 (e.g. GET"
                + " /api/v1/issues/false/1 HTTP/1.1)");
      }
      lineNumber++;
      line.checkNoBareCr(bytes, source, lineNumber);
      pos = line.next;
    } while (line.isEmpty());
    RequestLine requestLine = RequestLine.parse(bytes, line, lineNumber, source);

    List<HeaderLine> headers = new ArrayList<>();
    while (true) {
      line = Line.next(bytes, pos);
      if (line == null) { // the file ends after the headers: no empty line, no body
        break;
      }
      lineNumber++;
      line.checkNoBareCr(bytes, source, lineNumber);
      pos = line.next;
      if (line.isEmpty()) {
        break;
      }
      headers.add(headerLine(bytes, line, lineNumber, source));
    }
    byte[] rest = Arrays.copyOfRange(bytes, pos, bytes.length);

    if (requestLine.host != null && !hasHeader(headers, "Host")) {
      headers.add(0, new HeaderLine("Host", requestLine.host));
    }
    byte[] body = rawBody(rest, headers, source);
    return new CapturedRequest(
        requestLine.method,
        requestLine.path,
        Optional.ofNullable(requestLine.query),
        headers,
        body,
        source);
  }

  /**
   * One line of a raw request: bytes [start, end) without its CRLF or LF; the next line's start.
   */
  private record Line(int start, int end, int next) {
    static Line next(byte[] b, int from) {
      if (from >= b.length) {
        return null;
      }
      int lf = from;
      while (lf < b.length && b[lf] != '\n') {
        lf++;
      }
      int end = lf > from && lf < b.length && b[lf - 1] == '\r' ? lf - 1 : lf;
      if (lf == b.length && lf > from && b[lf - 1] == '\r') {
        end = lf - 1; // a final CR at the end of the file ends the line too
      }
      return new Line(from, end, Math.min(lf + 1, b.length));
    }

    boolean isEmpty() {
      return start == end;
    }

    // Only the lines before the body are checked, so a body may hold any byte.
    void checkNoBareCr(byte[] b, String source, int number) {
      for (int i = start; i < end; i++) {
        if (b[i] == '\r') {
          throw bad(
              source,
              "line " + number,
              "carriage return at column "
                  + (i - start + 1)
                  + " is not at the end of the line; lines end with CRLF or LF");
        }
      }
    }

    String latin1(byte[] b) {
      return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
    }
  }

  private record RequestLine(String method, String path, String query, String host) {
    static RequestLine parse(byte[] b, Line line, int number, String source) {
      byte[] bytes = Arrays.copyOfRange(b, line.start, line.end);
      if (!MessageRendering.isWellFormedUtf8(bytes)) {
        throw bad(
            source,
            "line " + number,
            "request line is not UTF-8 text; percent-encode other bytes of the target");
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      String[] parts = text.split(" ", -1);
      if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
        throw bad(
            source,
            "line " + number,
            "request line \""
                + text
                + "\" must be METHOD TARGET HTTP-VERSION separated by single spaces (e.g. GET"
                + " /api/v1/issues/false/1 HTTP/1.1)");
      }
      if (!isToken(parts[0])) {
        throw bad(
            source,
            "line " + number,
            "method \"" + parts[0] + "\" is not an HTTP token (" + HttpToken.RULE + ")");
      }
      if (!HTTP_VERSION.matcher(parts[2]).matches()) {
        throw bad(
            source,
            "line " + number,
            "HTTP version \""
                + parts[2]
                + "\" must be like HTTP/1.1 (the request line's third part)");
      }
      String target = parts[1];
      if (target.indexOf('#') >= 0) {
        throw bad(
            source,
            "line " + number,
            "target \"" + target + "\" contains '#'; a fragment is never sent on the request line");
      }
      if (target.startsWith("/")) {
        int q = target.indexOf('?');
        return q < 0
            ? new RequestLine(parts[0], target, null, null)
            : new RequestLine(parts[0], target.substring(0, q), target.substring(q + 1), null);
      }
      if (Url.hasScheme(target)) {
        Url url = Url.split(target, source, "line " + number);
        return new RequestLine(parts[0], url.path(), url.query(), url.host());
      }
      throw bad(
          source,
          "line " + number,
          "target \""
              + target
              + "\" must be origin-form (/path?query) or absolute-form (http://host/path?query)");
    }
  }

  private static HeaderLine headerLine(byte[] b, Line line, int number, String source) {
    String text = line.latin1(b);
    if (text.charAt(0) == ' ' || text.charAt(0) == '\t') {
      throw bad(
          source,
          "line " + number,
          "header line starts with whitespace: obs-fold (a header continued on the next line) is"
              + " refused by RFC 9112; put each header on one line");
    }
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw bad(
          source,
          "line " + number,
          "header line \"" + abbreviate(text) + "\" has no ':'; a header line is Name: value");
    }
    String name = text.substring(0, colon);
    if (!isToken(name)) {
      throw bad(
          source,
          "line " + number,
          "header name \""
              + name
              + "\" is not an HTTP token (no spaces, none before ':'; RFC 9112 section 5.1)");
    }
    return new HeaderLine(name, trimOws(text.substring(colon + 1)));
  }

  private static byte[] rawBody(byte[] rest, List<HeaderLine> headers, String source) {
    List<String> transferEncodings = valuesOf(headers, "Transfer-Encoding");
    if (!transferEncodings.isEmpty()) {
      String codings = String.join(", ", transferEncodings);
      if (!codings.strip().equalsIgnoreCase("chunked")) {
        throw bad(
            source,
            "header Transfer-Encoding",
            "\"" + codings + "\" is not supported; only \"chunked\" alone is decoded");
      }
      return dechunk(rest, source);
    }
    List<String> lengths = valuesOf(headers, "Content-Length");
    if (lengths.isEmpty()) {
      return rest;
    }
    String first = lengths.get(0);
    for (String other : lengths) {
      if (!other.equals(first)) {
        throw bad(
            source,
            "header Content-Length",
            "given twice with different values (\""
                + first
                + "\" and \""
                + other
                + "\"); a request has one length");
      }
    }
    if (first.isEmpty()
        || first.length() > 18
        || !first.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw bad(
          source,
          "header Content-Length",
          "\"" + first + "\" is not a number of bytes (decimal digits only)");
    }
    long length = Long.parseLong(first);
    if (rest.length < length) {
      throw bad(
          source,
          "body",
          "the body is truncated: Content-Length says "
              + length
              + " bytes, but only "
              + rest.length
              + " follow the empty line");
    }
    return Arrays.copyOf(rest, (int) length);
  }

  private static byte[] dechunk(byte[] b, String source) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int pos = 0;
    while (true) {
      Line sizeLine = Line.next(b, pos);
      if (sizeLine == null) {
        throw bad(
            source, "body", "the chunked body is truncated: it ends before the last (0) chunk");
      }
      String text = sizeLine.latin1(b);
      int semicolon = text.indexOf(';');
      String hex = (semicolon < 0 ? text : text.substring(0, semicolon)).strip();
      long size;
      try {
        // Hex digits only: Long.parseLong would also take a sign ("-3" was a fuzz finding).
        if (hex.isEmpty()
            || hex.length() > 8
            || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 0x80)) {
          throw new NumberFormatException();
        }
        size = Long.parseLong(hex, 16);
      } catch (NumberFormatException e) {
        throw bad(
            source,
            "body",
            "chunk size line \""
                + abbreviate(text)
                + "\" is not a hexadecimal size (chunked transfer coding, RFC 9112 section 7.1)");
      }
      pos = sizeLine.next;
      if (size == 0) {
        return out.toByteArray(); // trailer fields, if any, are not part of the body
      }
      if (b.length - pos < size) {
        throw bad(
            source,
            "body",
            "the chunked body is truncated: a chunk of "
                + size
                + " bytes has only "
                + (b.length - pos)
                + " left");
      }
      out.write(b, pos, (int) size);
      pos += (int) size;
      Line end = Line.next(b, pos);
      if (end == null || !end.isEmpty()) {
        throw bad(
            source,
            "body",
            "a chunk of " + size + " bytes is not followed by a line break (chunked coding)");
      }
      pos = end.next;
    }
  }

  private static List<String> valuesOf(List<HeaderLine> headers, String name) {
    return headers.stream().filter(h -> h.hasName(name)).map(h -> h.value()).toList();
  }
}
