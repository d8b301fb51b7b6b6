package dev.itk.conformance.run;

import java.util.List;

/**
 * Everything the run learned about one implementation.
 *
 * @param id {@code kind:language}, e.g. {@code process:php}
 * @param language e.g. {@code php}
 * @param displayName e.g. {@code PHP}
 * @param runner the runner kind that produced the result
 * @param runtime the runtime and version the adapter reported (or the runtime check printed)
 * @param environment where it ran: {@code host (php)} for a process, {@code image NAME:TAG} for a
 *     container, {@code in the harness JVM} for the reference
 * @param implementation where its code is, e.g. {@code polyglot-samples/php}
 * @param status the overall outcome
 * @param detail why it is skipped, missing or broken; empty otherwise
 * @param scope what the run checked when it is less than everything (the embedded runs say what
 *     they check in-process); empty otherwise
 * @param checks one per vector family and per scenario
 * @param stderr the end of the adapter's standard error (for broken or failing runs)
 */
public record ImplementationReport(
    String id,
    String language,
    String displayName,
    String runner,
    String runtime,
    String environment,
    String implementation,
    Status status,
    String detail,
    String scope,
    List<CheckResult> checks,
    String stderr) {
  public ImplementationReport {
    checks = List.copyOf(checks);
  }
}
