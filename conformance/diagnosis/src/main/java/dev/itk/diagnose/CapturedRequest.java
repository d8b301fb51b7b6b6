package dev.itk.diagnose;

import dev.itk.signing.HeaderLine;
import dev.itk.signing.ReceivedRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One request as a client sent it, read from a capture (raw HTTP, a curl command line, a HAR file
 * or a stub record) by {@link CaptureReaders}.
 *
 * <pre>{@code
 * CapturedRequest r = CaptureReaders.rawHttp(bytes, "request file x.http");
 * r.rawPath();                               // "/Site/api/v1/issues/false/1", nothing decoded
 * r.rawQuery();                              // Optional.empty() when the target had no '?'
 * r.header("x-issuetrak-api-timestamp");     // Optional["2014-09-10T17:28:08.3227351Z"]
 * }</pre>
 *
 * <p>Immutable: the body is copied in and out. {@link #toString()} shows neither the body nor the
 * value of a signature or credential header.
 *
 * @param method the method exactly as sent, e.g. {@code GET} (no case change)
 * @param rawPath the raw path of the request target, percent escapes and case kept
 * @param rawQuery the raw query after {@code ?}; empty when there was no {@code ?}, {@code ""} when
 *     there was a {@code ?} and nothing after it (the kit's one way to say "no query", as in the
 *     stub's {@code RecordedRequest} and the client's {@code PreparedRequest})
 * @param headers every header line, in order, names as written; values one character per octet
 *     (ISO-8859-1) where the capture holds octets
 * @param body the body bytes exactly as sent
 * @param source where the request was read from, e.g. {@code request file x.http}
 */
public record CapturedRequest(
    String method,
    String rawPath,
    Optional<String> rawQuery,
    List<HeaderLine> headers,
    byte[] body,
    String source) {

  /** Checks the required parts and copies the headers and the body. */
  public CapturedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(rawPath, "rawPath");
    Objects.requireNonNull(rawQuery, "rawQuery (Optional.empty() when there was no '?')");
    headers = List.copyOf(Objects.requireNonNull(headers, "headers"));
    body = Objects.requireNonNull(body, "body (use an empty array for none)").clone();
    Objects.requireNonNull(source, "source");
  }

  /** A copy of the body bytes. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The values of the named header (ASCII case-insensitive, {@link HeaderLine}), in order. */
  public List<String> headerValues(String name) {
    return List.copyOf(HeaderLine.values(headers, name));
  }

  /**
   * This request as a verifier receives it: method, raw path, the raw query as the query field
   * (empty without a {@code ?}), the headers in order and the body.
   */
  public ReceivedRequest toReceivedRequest() {
    ReceivedRequest.Builder b =
        ReceivedRequest.builder()
            .method(method)
            .path(rawPath)
            .query(rawQuery.orElse(""))
            .body(body);
    headers.forEach(h -> b.header(h.name(), h.value()));
    return b.build();
  }

  /** The first value of the named header (ASCII case-insensitive). */
  public Optional<String> header(String name) {
    return HeaderLine.first(headers, name);
  }

  /** Equal when every part is, the body compared byte by byte. */
  @Override
  public boolean equals(Object o) {
    return o instanceof CapturedRequest that
        && method.equals(that.method)
        && rawPath.equals(that.rawPath)
        && rawQuery.equals(that.rawQuery)
        && headers.equals(that.headers)
        && Arrays.equals(body, that.body)
        && source.equals(that.source);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, rawPath, rawQuery, headers, source) * 31 + Arrays.hashCode(body);
  }

  /**
   * A summary without the body bytes or secrets, e.g. {@code CapturedRequest[POST /api/v1/notes
   * from request file x.http, headers=[Host: h, X-Issuetrak-API-Authorization: (signature)],
   * body=41 bytes]}.
   */
  @Override
  public String toString() {
    return "CapturedRequest["
        + method
        + ' '
        + rawPath
        + rawQuery.map(q -> "?" + q).orElse("")
        + " from "
        + source
        + ", headers="
        + headers
        + ", body="
        + body.length
        + " bytes]";
  }
}
