package dev.itk.fuzz;

import dev.itk.conformance.run.Status;
import java.util.List;

/**
 * A whole fuzz run.
 *
 * @param seed the seed (input {@code n} is a function of it)
 * @param limit the run's limit in words
 * @param startedAt ISO 8601 UTC
 * @param durationMillis wall time
 * @param languages one per implementation, in the order given
 * @param findings every kind of difference shrunk and written, in the order found
 * @param unsignable generated inputs the reference refused (a grammar bug when not 0; not sent)
 */
public record FuzzResult(
    long seed,
    String limit,
    String startedAt,
    long durationMillis,
    List<LanguageResult> languages,
    List<FuzzFinding> findings,
    long unsignable) {
  public FuzzResult {
    languages = List.copyOf(languages);
    findings = List.copyOf(findings);
  }

  /** Whether nothing differed, broke or (when required) went missing. */
  public boolean passed() {
    return languages.stream().noneMatch(l -> l.status().failsRun());
  }

  /** Whether some implementation signed an input differently from the reference. */
  public boolean differed() {
    return languages.stream().anyMatch(l -> l.status() == Status.FAILED);
  }
}
