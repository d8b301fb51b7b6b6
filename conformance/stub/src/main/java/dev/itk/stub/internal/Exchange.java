package dev.itk.stub.internal;

import dev.itk.signing.HeaderLine;
import dev.itk.signing.VerificationResult;
import dev.itk.stub.RecordedRequest;
import dev.itk.stub.RefusalDiagnosis;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
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
  private final List<HeaderLine> headers;
  private final byte[] body;
  private final boolean bodyTruncated;
  private volatile VerificationResult verification;
  private volatile RefusalDiagnosis diagnosis;
  private volatile boolean answered;

  Exchange(
      long sequence,
      Instant receivedAt,
      String method,
      String rawPath,
      String rawQuery,
      List<HeaderLine> headers,
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

  List<HeaderLine> headers() {
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

  /** What the diagnosis of the refused signature found, as its 401 names it. */
  void diagnosis(FailureDiagnosis.Outcome outcome) {
    this.diagnosis = new RefusalDiagnosis(outcome.causes(), outcome.status(), outcome.detail());
  }

  /** Whether WireMock produced the answer (so the capture filter need not). */
  boolean isAnswered() {
    return answered;
  }

  void markAnswered() {
    answered = true;
  }

  /**
   * The record of this exchange, answered with {@code status}. The whole body is kept when the
   * signature was accepted (or not checked at all); of any other request only the first {@code
   * prefixBytes} are, with the SHA-256 of all it sent, so refused requests cannot fill the record.
   */
  RecordedRequest toRecord(int status, boolean signaturesChecked, int prefixBytes) {
    boolean whole =
        !bodyTruncated && (verification == null ? !signaturesChecked : verification.isValid());
    RecordedRequest.Builder b =
        RecordedRequest.builder()
            .sequence(sequence)
            .time(receivedAt)
            .method(method)
            .path(rawPath)
            .query(rawQuery)
            .bodyTruncated(bodyTruncated)
            .verification(verification)
            .diagnosis(diagnosis)
            .status(status);
    if (whole || body.length <= prefixBytes) {
      b.body(body);
    } else {
      b.body(Arrays.copyOf(body, prefixBytes)).bodyLength(body.length);
      if (!bodyTruncated) {
        b.bodySha256(sha256(body));
      }
    }
    headers.forEach(h -> b.header(h.name(), h.value()));
    return b.build();
  }

  /** SHA-256 of {@code bytes} as 64 lowercase hex digits. */
  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
