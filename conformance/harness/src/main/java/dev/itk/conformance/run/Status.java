package dev.itk.conformance.run;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The outcome of a check or of an implementation as a whole. */
public enum Status {
  /** Everything matched. */
  PASSED,
  /** Something differed or errored. */
  FAILED,
  /** Deliberately not done (a scenario the vendor sample does not cover, a missing runtime). */
  SKIPPED,
  /** The adapter broke the runner protocol: a harness problem, not a signing failure. */
  BROKEN,
  /** The runtime is not installed and the run requires it (--require-all). */
  MISSING;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this outcome fails the run. */
  public boolean failsRun() {
    return this == FAILED || this == BROKEN || this == MISSING;
  }
}
