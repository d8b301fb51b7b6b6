package dev.itk.client;

import dev.itk.signing.HeaderLine;
import dev.itk.signing.SignedRequest;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A signed request exactly as the client will send it: method, full URI, the headers it sets (in
 * order), the body bytes, and every signing stage.
 *
 * <pre>{@code
 * PreparedRequest p = client.prepare("GET", "/issues/false/1", "", null);
 * p.requestLine();                  // "GET /NestedSite1/api/v1/issues/false/1 HTTP/1.1"
 * p.signed().message().render();    // what was signed
 * client.execute(p);                // sends these bytes, unchanged
 * }</pre>
 *
 * <p>The JDK's HTTP client adds {@code Host}, {@code Content-Length} and {@code User-Agent} itself,
 * and may write the headers in another order (HTTP gives distinct header fields no order). Rule:
 * {@code docs/client.md#inspecting-a-request}.
 *
 * @param method the method, upper case, e.g. {@code PUT}
 * @param uri the full URI; its raw path and query go on the request line unchanged
 * @param headers the headers the client sets, in order: the three signature headers, {@code
 *     Accept}, then {@code Content-Type} when there is a body
 * @param body the body bytes, empty when there is none (copied in and out)
 * @param signed the canonical message, signature and signature headers
 */
public record PreparedRequest(
    String method, URI uri, List<HeaderLine> headers, byte[] body, SignedRequest signed) {

  /** Copies the headers and the body. */
  public PreparedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(signed, "signed");
    headers = List.copyOf(headers);
    body = body == null ? new byte[0] : body.clone();
  }

  /** A copy of the body bytes. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  // The array itself, for the HTTP client: never handed out, never changed.
  byte[] bodyBytes() {
    return body;
  }

  /** The raw path as sent, e.g. {@code /NestedSite1/api/v1/issues/false/1}. */
  public String rawPath() {
    return uri.getRawPath();
  }

  /**
   * The raw query as sent, without {@code ?}; empty when the URI has no {@code ?} (the kit's one
   * way to say "no query", as in the stub's {@code RecordedRequest}).
   */
  public Optional<String> rawQuery() {
    return Optional.ofNullable(uri.getRawQuery());
  }

  /** The HTTP/1.1 request line, e.g. {@code GET /api/v1/issues/true/?issueNumbers=1,2 HTTP/1.1}. */
  public String requestLine() {
    return method + ' ' + rawPath() + rawQuery().map(q -> "?" + q).orElse("") + " HTTP/1.1";
  }

  /** The value of the named header (ASCII case-insensitive), if the client sets it. */
  public Optional<String> header(String name) {
    return HeaderLine.first(headers, name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PreparedRequest that
        && method.equals(that.method)
        && uri.equals(that.uri)
        && headers.equals(that.headers)
        && Arrays.equals(body, that.body)
        && signed.equals(that.signed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, uri, headers, Arrays.hashCode(body), signed);
  }

  /**
   * A one-line summary, e.g. {@code PreparedRequest[PUT http://h/api/v1/issues, body=412 bytes]}.
   */
  @Override
  public String toString() {
    return "PreparedRequest[" + method + ' ' + uri + ", body=" + body.length + " bytes]";
  }
}
