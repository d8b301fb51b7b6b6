package dev.itk.stub;

import dev.itk.signing.HeaderLine;
import dev.itk.signing.MessageRendering;
import dev.itk.signing.QueryForm;
import dev.itk.signing.ReceivedRequest;
import dev.itk.signing.VerificationResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One request as the stub received it: the exact method, raw path and query, headers in received
 * order and case, body bytes, the signature verdict and the status the stub answered.
 *
 * <pre>{@code
 * RecordedRequest r = stub.requests().get(0);
 * r.method();        // "GET", or "Get" if that is what was sent
 * r.path();          // "/NestedSite/api/v1/issues/false/1", percent escapes kept
 * r.verdict();       // "valid", "bad-signature", ... or "not-checked"
 * r.status();        // 200
 * }</pre>
 *
 * <p>Immutable. Header values are the received octets read as ISO-8859-1, so each character is one
 * byte. The JSON form is described in {@code docs/stub.md#the-record}.
 */
public final class RecordedRequest {
  /**
   * The verdict of a request the signature check did not look at (admin routes, a body too big).
   */
  public static final String NOT_CHECKED = "not-checked";

  private final long sequence;
  private final Instant time;
  private final String method;
  private final String path;
  private final String query;
  private final List<HeaderLine> headers;
  private final byte[] body;
  private final long bodyLength;
  private final String bodySha256;
  private final boolean bodyTruncated;
  private final VerificationResult verification;
  private final RefusalDiagnosis diagnosis;
  private final int status;

  private RecordedRequest(Builder b) {
    this.sequence = b.sequence;
    this.time = Objects.requireNonNull(b.time, "time");
    this.method = Objects.requireNonNull(b.method, "method");
    this.path = Objects.requireNonNull(b.path, "path");
    this.query = b.query;
    this.headers = List.copyOf(b.headers);
    this.body = b.body.clone();
    this.bodyLength = b.bodyLength < 0 ? body.length : b.bodyLength;
    if (bodyLength < body.length) {
      throw new IllegalArgumentException(
          "bodyLength " + bodyLength + " is less than the " + body.length + " body bytes kept");
    }
    this.bodySha256 = b.bodySha256;
    this.bodyTruncated = b.bodyTruncated;
    this.verification = b.verification;
    this.diagnosis = b.diagnosis;
    this.status = b.status;
  }

  /** A builder, for the stub and for tests of code that reads records. */
  public static Builder builder() {
    return new Builder();
  }

  /** The order of arrival, from 1; it keeps counting after {@code clearRequests()}. */
  public long sequence() {
    return sequence;
  }

  /** When the request arrived, by the stub's clock. */
  public Instant time() {
    return time;
  }

  /** The method exactly as sent, e.g. {@code GET}; never case-changed. */
  public String method() {
    return method;
  }

  /** The raw path of the request line, e.g. {@code /api/v1//issues/%2F}: nothing decoded. */
  public String path() {
    return path;
  }

  /** The raw query after {@code ?}, e.g. {@code issueNumbers=1%2C2}; empty if no {@code ?}. */
  public Optional<String> query() {
    return Optional.ofNullable(query);
  }

  /** Every header line, in received order and case; repeated headers stay separate lines. */
  public List<HeaderLine> headers() {
    return headers;
  }

  /** The values of the named header (ASCII case-insensitive), in received order. */
  public List<String> headerValues(String name) {
    return HeaderLine.values(headers, name);
  }

  /**
   * This request as the stub's verifier received it, the query field derived from the raw query by
   * {@code form} (the stub's {@code queryForm}); the body as kept ({@link #bodyIsPrefix()}).
   */
  public ReceivedRequest toReceivedRequest(QueryForm form) {
    ReceivedRequest.Builder b =
        ReceivedRequest.builder()
            .method(method)
            .path(path)
            .query(form.signedQuery(query))
            .body(body());
    headers.forEach(h -> b.header(h.name(), h.value()));
    return b.build();
  }

  /** The first value of the named header. */
  public Optional<String> header(String name) {
    return HeaderLine.first(headers, name);
  }

  /**
   * A copy of the body bytes kept: all of them as received, or the first ones only when {@link
   * #bodyIsPrefix()} (a refused request) or {@link #bodyTruncated()} (a body over the limit).
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * How many body bytes the stub read; more than {@code body().length} when only a prefix is kept.
   */
  public long bodyLength() {
    return bodyLength;
  }

  /**
   * Whether only the first bytes of the body read are kept: the stub keeps the whole body of a
   * request whose signature it accepted (or did not check), and a prefix of any other, so that
   * refused requests cannot fill its memory ({@code docs/stub.md#the-record}).
   */
  public boolean bodyIsPrefix() {
    return bodyLength > body.length;
  }

  /**
   * The SHA-256 of every body byte read, as 64 lowercase hex digits, when only a prefix is kept;
   * e.g. to check which of a client's requests this was.
   */
  public Optional<String> bodySha256() {
    return Optional.ofNullable(bodySha256);
  }

  /** The body as text, when its bytes are well-formed UTF-8. */
  public Optional<String> bodyText() {
    return MessageRendering.isWellFormedUtf8(body)
        ? Optional.of(new String(body, StandardCharsets.UTF_8))
        : Optional.empty();
  }

  /** Whether the body was larger than the stub accepts, so only its first bytes were kept. */
  public boolean bodyTruncated() {
    return bodyTruncated;
  }

  /** What the signature check concluded; empty when the request was not checked. */
  public Optional<VerificationResult> verification() {
    return Optional.ofNullable(verification);
  }

  /** The verifier's code ({@code valid}, {@code bad-signature}, ...) or {@link #NOT_CHECKED}. */
  public String verdict() {
    return verification == null ? NOT_CHECKED : verification.code();
  }

  /**
   * The causes the stub's 401 named for a request its signature check refused, e.g. {@code
   * key-whitespace}; empty for a request it accepted or did not check, and for a record read back
   * from JSON (the record's JSON does not carry them).
   */
  public Optional<RefusalDiagnosis> diagnosis() {
    return Optional.ofNullable(diagnosis);
  }

  /** The HTTP status the stub answered. */
  public int status() {
    return status;
  }

  @Override
  public String toString() {
    return "RecordedRequest[#"
        + sequence
        + " "
        + method
        + " "
        + path
        + (query == null ? "" : "?" + query)
        + ", "
        + verdict()
        + ", "
        + status
        + "]";
  }

  /** Builds a {@link RecordedRequest}. */
  public static final class Builder {
    private long sequence;
    private Instant time;
    private String method;
    private String path;
    private String query;
    private final List<HeaderLine> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private long bodyLength = -1;
    private String bodySha256;
    private boolean bodyTruncated;
    private VerificationResult verification;
    private RefusalDiagnosis diagnosis;
    private int status;

    private Builder() {}

    public Builder sequence(long sequence) {
      this.sequence = sequence;
      return this;
    }

    public Builder time(Instant time) {
      this.time = time;
      return this;
    }

    public Builder method(String method) {
      this.method = method;
      return this;
    }

    public Builder path(String path) {
      this.path = path;
      return this;
    }

    /** The raw query, or null when the request line had no {@code ?}. */
    public Builder query(String query) {
      this.query = query;
      return this;
    }

    public Builder header(String name, String value) {
      headers.add(new HeaderLine(name, value));
      return this;
    }

    /** The body bytes; copied. */
    public Builder body(byte[] body) {
      this.body = Objects.requireNonNull(body, "body").clone();
      return this;
    }

    /**
     * How many body bytes were read, when {@link #body} holds only the first of them; by default
     * the length of {@link #body}.
     */
    public Builder bodyLength(long length) {
      this.bodyLength = length;
      return this;
    }

    /** The SHA-256 (64 hex digits) of every body byte read, when only a prefix is kept. */
    public Builder bodySha256(String sha256Hex) {
      this.bodySha256 = sha256Hex;
      return this;
    }

    public Builder bodyTruncated(boolean truncated) {
      this.bodyTruncated = truncated;
      return this;
    }

    /** The verifier's result, or null when not checked. */
    public Builder verification(VerificationResult verification) {
      this.verification = verification;
      return this;
    }

    /** What the diagnosis of a refused request found, or null when there was none. */
    public Builder diagnosis(RefusalDiagnosis diagnosis) {
      this.diagnosis = diagnosis;
      return this;
    }

    public Builder status(int status) {
      this.status = status;
      return this;
    }

    public RecordedRequest build() {
      return new RecordedRequest(this);
    }
  }
}
