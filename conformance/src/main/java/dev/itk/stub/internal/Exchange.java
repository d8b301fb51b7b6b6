package dev.itk.stub.internal;

import dev.itk.signing.VerificationResult;
import dev.itk.stub.RecordedRequest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One request on its way through the stub: what the servlet layer captured exactly, then the
 * signature verdict and the status.
 *
 * <p>The capture filter makes it and holds it in {@link #CURRENT} while WireMock handles the
 * request. WireMock's own {@code Request} view is not exact (it uppercases the method and unzips a
 * body that starts with the gzip magic bytes), so the stub's extensions read this instead. WireMock
 * handles a request on the thread that runs the servlet filter (asynchronous responses stay off),
 * as its own {@code LocalNotifier} and {@code RequestCache} thread-locals assume.
 */
public final class Exchange {
  static final ThreadLocal<Exchange> CURRENT = new ThreadLocal<>();

  private final long sequence;
  private final Instant receivedAt;
  private final String method;
  private final String rawPath;
  private final String rawQuery;
  private final List<RecordedRequest.Header> headers;
  private final byte[] body;
  private final boolean bodyTruncated;
  private volatile VerificationResult verification;
  private volatile boolean answered;

  Exchange(
      long sequence,
      Instant receivedAt,
      String method,
      String rawPath,
      String rawQuery,
      List<RecordedRequest.Header> headers,
      byte[] body,
      boolean bodyTruncated) {
    this.sequence = sequence;
    this.receivedAt = receivedAt;
    this.method = Objects.requireNonNull(method);
    this.rawPath = Objects.requireNonNull(rawPath);
    this.rawQuery = rawQuery;
    this.headers = List.copyOf(headers);
    this.body = body;
    this.bodyTruncated = bodyTruncated;
  }

  /** The exchange of the request this thread is handling. */
  static Exchange current() {
    Exchange e = CURRENT.get();
    if (e == null) {
      throw new IllegalStateException(
          "no captured request on this thread; is the stub's capture filter installed?");
    }
    return e;
  }

  String method() {
    return method;
  }

  String rawPath() {
    return rawPath;
  }

  /** The raw query, or null when there was no {@code ?}. */
  String rawQuery() {
    return rawQuery;
  }

  List<RecordedRequest.Header> headers() {
    return headers;
  }

  /** The body bytes (not copied: callers must not change them). */
  byte[] body() {
    return body;
  }

  boolean bodyTruncated() {
    return bodyTruncated;
  }

  /** Admin routes live under {@code /__itk/} and are not signed. */
  boolean isAdmin() {
    String lower = rawPath.toLowerCase(Locale.ROOT);
    return lower.equals("/__itk") || lower.startsWith("/__itk/");
  }

  void verification(VerificationResult result) {
    this.verification = result;
  }

  VerificationResult verification() {
    return verification;
  }

  /** Whether WireMock produced the answer (so the capture filter need not). */
  boolean isAnswered() {
    return answered;
  }

  void markAnswered() {
    answered = true;
  }

  /** The record of this exchange, answered with {@code status}. */
  RecordedRequest toRecord(int status) {
    RecordedRequest.Builder b =
        RecordedRequest.builder()
            .sequence(sequence)
            .time(receivedAt)
            .method(method)
            .path(rawPath)
            .query(rawQuery)
            .body(body)
            .bodyTruncated(bodyTruncated)
            .verification(verification)
            .status(status);
    headers.forEach(h -> b.header(h.name(), h.value()));
    return b.build();
  }
}
