package dev.itk.stub.internal;

import dev.itk.diagnose.Cause;
import dev.itk.diagnose.Diagnoser;
import dev.itk.diagnose.Diagnosis;
import dev.itk.signing.ApiKey;
import dev.itk.signing.ReceivedRequest;
import dev.itk.signing.SignatureHeaders;
import dev.itk.signing.VerificationResult;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The likely causes of a refused signature for the stub's 401, from the same catalogue as {@code
 * itk diagnose}: tried with each accepted key; the first key that explains it wins.
 */
final class FailureDiagnosis {
  private static final Set<String> DIAGNOSED =
      Set.of("bad-signature", "malformed-signature", "stale-timestamp", "replayed-request-id");

  private final List<Diagnoser> diagnosers;
  private final Clock clock;

  FailureDiagnosis(List<ApiKey> keys, Duration window, Clock clock) {
    this.diagnosers = keys.stream().map(k -> new Diagnoser(k, window)).toList();
    this.clock = clock;
  }

  List<Cause> causes(ReceivedRequest request, VerificationResult result) {
    if (!DIAGNOSED.contains(result.code())) {
      return List.of();
    }
    Set<String> seen =
        result.code().equals("replayed-request-id")
            ? Set.copyOf(request.headerValues(SignatureHeaders.REQUEST_ID))
            : Set.of();
    for (Diagnoser d : diagnosers) {
      Diagnosis diagnosis = d.diagnose(request, clock.instant(), seen);
      if (!diagnosis.causes().isEmpty()) {
        return diagnosis.causes();
      }
    }
    return List.of();
  }
}
