package dev.itk.conformance.run;

import dev.itk.conformance.scenarios.Scenario;
import dev.itk.conformance.vectors.VectorFile;
import dev.itk.runner.AdapterSession;
import dev.itk.runner.Availability;
import dev.itk.runner.BrokenHarnessException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The main job: each target, one after the other, is started once, signs every valid vector of
 * every family and performs every scenario against the bench's stub.
 */
public final class CrossLanguageRun {
  private final List<VectorFile> vectors;
  private final ScenarioBench bench;
  private final boolean requireAll;
  private final Progress progress;

  /**
   * @param requireAll whether a missing runtime fails the run (otherwise it is skipped)
   */
  public CrossLanguageRun(
      List<VectorFile> vectors, ScenarioBench bench, boolean requireAll, Progress progress) {
    this.vectors = List.copyOf(vectors);
    this.bench = bench;
    this.requireAll = requireAll;
    this.progress = progress;
  }

  /** Runs every target; never throws for a target's failure (it goes into the report). */
  public RunReport run(List<Target> targets, String vectorsLabel, String scenariosLabel) {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    List<ImplementationReport> reports = new ArrayList<>();
    for (Target t : targets) {
      reports.add(check(t));
    }
    return new RunReport(
        started.toString(),
        (System.nanoTime() - t0) / 1_000_000,
        vectorsLabel,
        scenariosLabel,
        requireAll,
        reports);
  }

  /** Checks one target. */
  public ImplementationReport check(Target t) {
    String id = t.id().toString();
    String folder = t.manifest().folder().toString();
    Availability availability = t.runner().availability(t.manifest());
    if (!availability.available()) {
      Status status = requireAll ? Status.MISSING : Status.SKIPPED;
      progress.line(id, (requireAll ? "MISSING: " : "skipped: ") + availability.detail());
      return new ImplementationReport(
          id,
          t.manifest().language(),
          t.manifest().displayName(),
          t.runner().kind(),
          "not available",
          "",
          folder,
          status,
          availability.detail(),
          "",
          List.of(),
          "");
    }
    progress.line(id, "runtime " + availability.detail() + "; starting the adapter");
    long t0 = System.nanoTime();
    AdapterSession session;
    try {
      session = t.runner().open(t.manifest());
    } catch (BrokenHarnessException e) {
      progress.line(id, "BROKEN HARNESS: " + e.getMessage());
      return new ImplementationReport(
          id,
          t.manifest().language(),
          t.manifest().displayName(),
          t.runner().kind(),
          availability.detail(),
          "",
          folder,
          Status.BROKEN,
          e.getMessage(),
          "",
          List.of(),
          e.stderr());
    }
    long started = System.nanoTime();
    try (session) {
      ImplementationCheck check = new ImplementationCheck(session, t.manifest().displayName());
      List<CheckResult> results = new ArrayList<>();
      for (VectorFile f : vectors) {
        results.add(report(id, check.vectors(f)));
      }
      for (Scenario s : bench.scenarios().scenarios()) {
        results.add(report(id, check.scenario(bench, s)));
      }
      Status status = overall(results, check);
      progress.line(
          id,
          String.format(
              java.util.Locale.ROOT,
              "%s in %.1f s (adapter start %.1f s, every vector and scenario %.1f s)",
              status.label(),
              (System.nanoTime() - t0) / 1e9,
              (started - t0) / 1e9,
              (System.nanoTime() - started) / 1e9));
      String detail = check.brokenBy().map(Throwable::getMessage).orElse("");
      return new ImplementationReport(
          id,
          t.manifest().language(),
          t.manifest().displayName(),
          t.runner().kind(),
          session.info().runtime(),
          session.environment(),
          session.info().implementation().isEmpty() ? folder : session.info().implementation(),
          status,
          detail,
          session.scope(),
          results,
          status == Status.PASSED ? "" : session.stderr());
    }
  }

  private CheckResult report(String id, CheckResult r) {
    String mark =
        switch (r.status()) {
          case PASSED -> "ok  ";
          case SKIPPED -> "skip";
          default -> "FAIL";
        };
    progress.line(id, mark + " " + r.check() + "  " + r.summary());
    return r;
  }

  private static Status overall(List<CheckResult> results, ImplementationCheck check) {
    if (check.brokenBy().isPresent()) {
      return Status.BROKEN;
    }
    return results.stream().anyMatch(r -> r.status().failsRun()) ? Status.FAILED : Status.PASSED;
  }
}
