package dev.itk.conformance.run;

import java.util.List;

/**
 * The result of one check of one implementation: a vector family or a scenario.
 *
 * @param check {@code vectors/FAMILY} or {@code scenario/NAME}
 * @param status the outcome
 * @param total cases in the check (vectors, or a scenario's requests)
 * @param passed cases that matched
 * @param summary one line, e.g. {@code 66/66} or {@code skipped: the vendor's PHP sample does not}
 * @param findings every difference
 * @param notes differences that do not fail the check (header-name spelling)
 */
public record CheckResult(
    String check,
    Status status,
    int total,
    int passed,
    String summary,
    List<Finding> findings,
    List<String> notes) {
  public CheckResult {
    findings = List.copyOf(findings);
    notes = List.copyOf(notes);
  }

  static CheckResult skipped(String check, String reason) {
    return new CheckResult(check, Status.SKIPPED, 0, 0, "skipped: " + reason, List.of(), List.of());
  }

  static CheckResult broken(String check, String reason) {
    return new CheckResult(check, Status.BROKEN, 0, 0, "not run: " + reason, List.of(), List.of());
  }
}
