package dev.itk.signing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A request as a server received it, for {@link SignatureVerifier}: method, raw path, query, body
 * bytes and headers in received order and case.
 *
 * <pre>{@code
 * ReceivedRequest r = ReceivedRequest.builder()
 *     .method("GET").path("/api/v1/notes/5")
 *     .header("X-Issuetrak-API-Request-ID", id)
 *     .header("X-Issuetrak-API-Timestamp", ts)
 *     .header("X-Issuetrak-API-Authorization", sig)
 *     .build();
 * }</pre>
 */
public final class ReceivedRequest {
  private final String method;
  private final String path;
  private final String query;
  private final byte[] body;
  private final List<HeaderLine> headers;

  private ReceivedRequest(Builder b) {
    this.method = Objects.requireNonNull(b.method, "method");
    this.path = Objects.requireNonNull(b.path, "path");
    this.query = b.query;
    this.body = b.body;
    this.headers = List.copyOf(b.headers);
  }

  /** A builder; method and path are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The request a {@link SignedRequest} describes, as a server would receive it. */
  public static ReceivedRequest of(SignedRequest signed) {
    CanonicalMessage m = signed.message();
    Builder b = builder().method(m.method()).path(m.path()).query(m.query()).body(m.bodyBytes());
    signed.headers().asMap().forEach(b::header);
    return b.build();
  }

  /** The method, as received. */
  public String method() {
    return method;
  }

  /** The raw path, as received. */
  public String path() {
    return path;
  }

  /** The query field to verify against (how it is derived from the URL is the server's choice). */
  public String query() {
    return query;
  }

  /** A copy of the body bytes. */
  public byte[] body() {
    return body.clone();
  }

  byte[] bodyBytes() {
    return body;
  }

  /** The headers, in received order and case. */
  public List<HeaderLine> headers() {
    return headers;
  }

  /**
   * Every value of the named header, in received order. Names compare case-insensitively in ASCII
   * only ({@link HeaderLine#sameName}), so {@code "\u212A"} (Kelvin sign) never matches {@code
   * "k"}.
   */
  public List<String> headerValues(String name) {
    return HeaderLine.values(headers, name);
  }

  @Override
  public String toString() {
    return "ReceivedRequest["
        + method
        + ' '
        + path
        + (query.isEmpty() ? "" : "?" + query)
        + ", "
        + headers.size()
        + " headers, body="
        + body.length
        + " bytes]";
  }

  /** Builds a {@link ReceivedRequest}. */
  public static final class Builder {
    private String method;
    private String path;
    private String query = "";
    private byte[] body = new byte[0];
    private final List<HeaderLine> headers = new ArrayList<>();

    private Builder() {}

    /** The method as received. */
    public Builder method(String method) {
      this.method = method;
      return this;
    }

    /** The raw path as received. */
    public Builder path(String path) {
      this.path = path;
      return this;
    }

    /** The query field; empty by default. */
    public Builder query(String query) {
      this.query = Objects.requireNonNull(query, "query");
      return this;
    }

    /** The body bytes as received; copied. */
    public Builder body(byte[] body) {
      this.body = Objects.requireNonNull(body, "body").clone();
      return this;
    }

    /** The body as UTF-8 text. */
    public Builder body(String body) {
      this.body = body.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /** Adds a header line; repeated names are kept as repeated lines. */
    public Builder header(String name, String value) {
      headers.add(new HeaderLine(name, value));
      return this;
    }

    /** The request. */
    public ReceivedRequest build() {
      return new ReceivedRequest(this);
    }
  }
}
