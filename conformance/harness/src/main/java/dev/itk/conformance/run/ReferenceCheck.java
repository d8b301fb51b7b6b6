package dev.itk.conformance.run;

import dev.itk.conformance.Mismatch;
import dev.itk.conformance.ReferenceImplementation;
import dev.itk.conformance.VectorCheck;
import dev.itk.conformance.scenarios.Scenario;
import dev.itk.conformance.vectors.Vector;
import dev.itk.conformance.vectors.VectorFile;
import dev.itk.signing.IssuetrakTimestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The kit's own Java signer and verifier, in-process: every valid vector signed (and its instant
 * formatted), every invalid vector refused with the expected code; and the reference client's
 * scenario requests accepted by the stub. The first row of every matrix.
 */
public final class ReferenceCheck {
  private ReferenceCheck() {}

  /** Checks the reference against every family and scenario. */
  public static ImplementationReport run(
      List<VectorFile> files, ScenarioBench bench, Progress progress) {
    ReferenceImplementation reference = new ReferenceImplementation();
    List<CheckResult> results = new ArrayList<>();
    for (VectorFile f : files) {
      results.add(report(progress, family(reference, f)));
    }
    for (Scenario s : bench.scenarios().scenarios()) {
      results.add(report(progress, scenario(bench, s)));
    }
    Status status =
        results.stream().anyMatch(r -> r.status().failsRun()) ? Status.FAILED : Status.PASSED;
    return new ImplementationReport(
        ReferenceImplementation.ID,
        "java-reference",
        "Java reference (core-java)",
        "inprocess",
        "Java " + Runtime.version(),
        "in the harness JVM",
        "core-java",
        status,
        "",
        "",
        results,
        "");
  }

  private static CheckResult report(Progress progress, CheckResult r) {
    progress.line(
        ReferenceImplementation.ID,
        (r.status() == Status.PASSED ? "ok   " : "FAIL ") + r.check() + "  " + r.summary());
    return r;
  }

  /**
   * A family: valid and acceptable vectors signed (the reference makes the kit's choice, the
   * acceptable vectors' expectation), invalid vectors refused with their code.
   */
  public static CheckResult family(ReferenceImplementation reference, VectorFile file) {
    Duration window = Duration.parse(file.verification().window());
    List<Finding> findings = new ArrayList<>();
    int passed = 0;
    int valid = 0;
    int acceptable = 0;
    for (Vector v : file.vectors()) {
      List<Finding> problems = new ArrayList<>();
      if (v.hasSigningExpectation()) {
        valid++;
        if (v.isAcceptable()) {
          acceptable++;
        }
        try {
          for (Mismatch m : VectorCheck.compare(v, reference.sign(v))) {
            problems.add(new Finding(v.id(), m.stage(), m.explanation()));
          }
        } catch (IllegalArgumentException e) {
          problems.add(
              new Finding(v.id(), "errored", "the signer refused the inputs: " + e.getMessage()));
        }
        if (v.input().instant() != null) {
          String formatted = IssuetrakTimestamp.format(Instant.parse(v.input().instant()));
          if (!formatted.equals(v.input().timestamp())) {
            problems.add(
                new Finding(
                    v.id(),
                    "formattedTimestamp",
                    "formatted "
                        + v.input().instant()
                        + " as "
                        + formatted
                        + "; expected "
                        + v.input().timestamp()));
          }
        }
      } else {
        String code = reference.verify(v, window);
        if (!code.equals(v.expected().error())) {
          problems.add(
              new Finding(
                  v.id(),
                  "verifier",
                  "expected the verifier to refuse with "
                      + v.expected().error()
                      + ", it answered "
                      + code));
        }
      }
      if (problems.isEmpty()) {
        passed++;
      }
      findings.addAll(problems);
    }
    int total = file.vectors().size();
    return new CheckResult(
        "vectors/" + file.family(),
        findings.isEmpty() ? Status.PASSED : Status.FAILED,
        total,
        passed,
        passed
            + "/"
            + total
            + " ("
            + valid
            + " signed, "
            + (acceptable > 0 ? acceptable + " of them acceptable, " : "")
            + (total - valid)
            // "invalid" tells the verifier's refusals from an implementation's refused acceptables
            + " invalid refused)",
        findings,
        List.of(),
        acceptable,
        List.of());
  }

  private static CheckResult scenario(ScenarioBench bench, Scenario s) {
    String check = "scenario/" + s.name();
    try {
      int n = bench.reference(s).size();
      return new CheckResult(
          check,
          Status.PASSED,
          n,
          n,
          n + " requests, accepted: the expected requests",
          List.of(),
          List.of());
    } catch (RuntimeException e) {
      return new CheckResult(
          check,
          Status.FAILED,
          s.requests().size(),
          0,
          "the reference client failed",
          List.of(new Finding(s.name(), "errored", String.valueOf(e.getMessage()))),
          List.of());
    }
  }
}
