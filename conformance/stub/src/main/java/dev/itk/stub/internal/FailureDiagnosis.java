package dev.itk.stub.internal;

import dev.itk.diagnose.Cause;
import dev.itk.diagnose.Diagnoser;
import dev.itk.diagnose.Diagnosis;
import dev.itk.diagnose.DiagnosisBudget;
import dev.itk.signing.ApiKey;
import dev.itk.signing.ReceivedRequest;
import dev.itk.signing.SignatureHeaders;
import dev.itk.signing.VerificationError;
import dev.itk.signing.VerificationResult;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The likely causes of a refused signature for the stub's 401, from the same catalogue as {@code
 * itk diagnose}: tried with each accepted key; the first key that explains it wins.
 *
 * <p>Bounded, since any client can trigger it without a key: at most {@code maxConcurrent}
 * diagnoses run at once (a refused request that finds them all busy gets its 401 without causes,
 * saying so), and all keys together stay within {@link DiagnosisBudget#SERVER}: with {@code k} keys
 * each gets a {@code k}th of its fixed bytes and {@code max(1, 4/k)} times the message, so a
 * diagnosis hashes at most 8 MiB plus {@code max(4, k)} times the message, where the verifier's own
 * check already hashed it {@code k} times.
 */
final class FailureDiagnosis {

  /**
   * What the diagnosis of one refused request found.
   *
   * @param causes the catalogued mistakes that explain it (empty when none did, or none was tried)
   * @param status {@code complete}, {@code cut-short}, {@code busy}, {@code off} or {@code
   *     not-applicable}
   * @param detail one line on the status
   * @param hashedBytes the bytes the diagnosis hashed, all keys together
   */
  record Outcome(List<Cause> causes, String status, String detail, long hashedBytes) {
    Outcome(List<Cause> causes, String status, String detail) {
      this(causes, status, detail, 0);
    }
  }

  private final List<Diagnoser> diagnosers;
  private final DiagnosisBudget perKey;
  private final Clock clock;
  private final boolean enabled;

  /** Permits for diagnoses at once; package-private so a test can hold them all. */
  final Semaphore running;

  private final int maxConcurrent;
  private final Predicate<String> acceptedBefore;

  FailureDiagnosis(
      List<ApiKey> keys, Duration window, Clock clock, boolean enabled, int maxConcurrent) {
    this(keys, window, clock, enabled, maxConcurrent, id -> false);
  }

  /**
   * @param acceptedBefore whether this stub accepted a request with this request ID before (its
   *     record): a refusal for a stale timestamp whose ID it accepted is a retry re-sent after the
   *     window, a replay, not a clock problem
   */
  FailureDiagnosis(
      List<ApiKey> keys,
      Duration window,
      Clock clock,
      boolean enabled,
      int maxConcurrent,
      Predicate<String> acceptedBefore) {
    this.acceptedBefore = acceptedBefore;
    this.diagnosers = keys.stream().map(k -> new Diagnoser(k, window)).toList();
    DiagnosisBudget all = DiagnosisBudget.SERVER;
    int k = keys.size();
    this.perKey =
        new DiagnosisBudget(
            all.fixedHashedBytes() / k,
            Math.max(1, all.hashedBytesPerMessageByte() / k),
            all.largeBodyVariants(),
            all.renderedMessageBytes());
    this.clock = clock;
    this.enabled = enabled;
    this.maxConcurrent = maxConcurrent;
    this.running = new Semaphore(maxConcurrent);
  }

  /**
   * Whether a refusal is diagnosed: when the diagnosis may name a cause ({@link
   * Diagnoser#mayNameCause}), e.g. a refused signature, or a header under a near-miss name.
   */
  static boolean diagnosed(ReceivedRequest request, VerificationResult result) {
    return Diagnoser.mayNameCause(request, result.error().orElse(null));
  }

  Outcome diagnose(ReceivedRequest request, VerificationResult result) {
    if (!diagnosed(request, result)) {
      return new Outcome(
          List.of(),
          "not-applicable",
          "a " + result.code() + " refusal is explained by its detail; nothing is re-signed");
    }
    if (!enabled) {
      return new Outcome(
          List.of(), "off", "diagnosis is off on this stub (itk stub --no-diagnosis)");
    }
    if (!running.tryAcquire()) {
      return new Outcome(
          List.of(),
          "busy",
          maxConcurrent
              + " other refused requests were being diagnosed; this one was not (run itk diagnose"
              + " on it)");
    }
    try {
      VerificationError error = result.error().orElse(null);
      List<String> ids = request.headerValues(SignatureHeaders.REQUEST_ID);
      Set<String> seen =
          error == VerificationError.REPLAYED_REQUEST_ID
              ? Set.copyOf(ids)
              : error == VerificationError.STALE_TIMESTAMP
                  ? ids.stream().filter(acceptedBefore).collect(Collectors.toUnmodifiableSet())
                  : Set.of();
      String limit = null;
      long hashed = 0;
      for (Diagnoser d : diagnosers) {
        Diagnosis diagnosis = d.diagnose(request, clock.instant(), seen, perKey);
        hashed += diagnosis.hashedBytes();
        if (!diagnosis.causes().isEmpty()) {
          return new Outcome(
              diagnosis.causes(),
              diagnosis.complete() ? "complete" : "cut-short",
              diagnosis.complete() ? "" : diagnosis.limit(),
              hashed);
        }
        if (!diagnosis.complete() && limit == null) {
          limit = diagnosis.limit();
        }
      }
      return limit == null
          ? new Outcome(List.of(), "complete", "", hashed)
          : new Outcome(
              List.of(),
              "cut-short",
              limit
                  + "; no catalogued mistake found within it: run itk diagnose on the request for"
                  + " the full search",
              hashed);
    } finally {
      running.release();
    }
  }
}
