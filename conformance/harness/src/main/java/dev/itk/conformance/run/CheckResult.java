package dev.itk.conformance.run;

import java.util.List;

/**
 * The result of one check of one implementation: a vector family or a scenario.
 *
 * @param check {@code vectors/FAMILY} or {@code scenario/NAME}
 * @param status the outcome
 * @param total cases in the check (vectors, or a scenario's requests)
 * @param passed cases that matched
 * @param summary one line, e.g. {@code 66/66}, {@code 64/64 (3 refused, acceptable)} or {@code
 *     skipped: the vendor's PHP sample does not}
 * @param findings every difference
 * @param notes differences that do not fail the check (header-name spelling)
 * @param acceptable how many of the cases are acceptable vectors (docs/vectors.md), signed or
 *     refused; counted in {@code total}
 * @param refusals the acceptable vectors the implementation refused, each with its message (part
 *     {@code refused}); they count as passed
 */
public record CheckResult(
    String check,
    Status status,
    int total,
    int passed,
    String summary,
    List<Finding> findings,
    List<String> notes,
    int acceptable,
    List<Finding> refusals) {
  public CheckResult {
    findings = List.copyOf(findings);
    notes = List.copyOf(notes);
    // A conformance.json written before acceptable vectors existed has no refusals.
    refusals = refusals == null ? List.of() : List.copyOf(refusals);
  }

  /** A check without acceptable vectors: a scenario, or a family that has none. */
  public CheckResult(
      String check,
      Status status,
      int total,
      int passed,
      String summary,
      List<Finding> findings,
      List<String> notes) {
    this(check, status, total, passed, summary, findings, notes, 0, List.of());
  }

  /** How many acceptable vectors the implementation signed (as expected or not). */
  public int acceptableSigned() {
    return acceptable - refusals.size();
  }

  static CheckResult skipped(String check, String reason) {
    return new CheckResult(check, Status.SKIPPED, 0, 0, "skipped: " + reason, List.of(), List.of());
  }

  static CheckResult broken(String check, String reason) {
    return new CheckResult(check, Status.BROKEN, 0, 0, "not run: " + reason, List.of(), List.of());
  }
}
