package dev.itk.stub;

import dev.itk.diagnose.Cause;
import java.util.List;
import java.util.Objects;

/**
 * What the stub's diagnosis found for a request its signature check refused: the same causes and
 * search status its 401 body names ({@code docs/stub.md#the-401-body}).
 *
 * <pre>{@code
 * stub.lastRequest().diagnosis().get().causes(); // [key-whitespace: the client's copy of ...]
 * }</pre>
 *
 * @param causes the catalogued mistakes that reproduce the signature; empty when none did, or the
 *     search did not run
 * @param status {@code complete}, {@code cut-short}, {@code busy}, {@code off} or {@code
 *     not-applicable}, as in the 401's {@code diagnosis.status}
 * @param detail one line on the status; empty when complete
 */
public record RefusalDiagnosis(List<Cause> causes, String status, String detail) {
  public RefusalDiagnosis {
    causes = List.copyOf(causes);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
  }
}
