package dev.itk.perf;

import dev.itk.conformance.run.Progress;
import dev.itk.conformance.run.Target;
import dev.itk.runner.AdapterSession;
import dev.itk.runner.Answer;
import dev.itk.runner.Availability;
import dev.itk.runner.BenchSettings;
import dev.itk.runner.BrokenHarnessException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Signing throughput of the Java reference and of each implementation, on the same workloads and
 * timed the same way: the reference in this JVM ({@link ReferenceSigningLoop}) before and after the
 * implementations, each implementation through its adapter's {@code bench}, one after the other so
 * that they do not compete for the CPU. Every signature an implementation returns is checked
 * against the vector's (or, for a grown workload, the reference's).
 *
 * <pre>{@code
 * SigningBenchReport r = new SigningBench(SigningWorkload.defaults(files), settings, progress)
 *     .run(targets);
 * }</pre>
 */
public final class SigningBench {
  private final List<SigningWorkload> workloads;
  private final BenchSettings settings;
  private final Progress progress;

  public SigningBench(List<SigningWorkload> workloads, BenchSettings settings, Progress progress) {
    if (workloads.isEmpty()) {
      throw new IllegalArgumentException("a bench needs at least one workload");
    }
    this.workloads = List.copyOf(workloads);
    this.settings = settings;
    this.progress = progress;
  }

  /**
   * Measures the reference, every target, then the reference again.
   *
   * @throws IllegalStateException if the reference signer does not reproduce a vector: a bug in the
   *     kit, and no ratio would mean anything
   */
  public SigningBenchReport run(List<Target> targets) {
    List<String> expected = new ArrayList<>();
    List<Measurement> before = new ArrayList<>();
    for (SigningWorkload w : workloads) {
      Measurement m = reference(w, "first");
      if (w.vectorSignature().isPresent() && !w.vectorSignature().get().equals(m.signature())) {
        throw new IllegalStateException(
            "the Java reference signs "
                + w.source()
                + " as "
                + m.signature()
                + ", not as the vector expects, "
                + w.vectorSignature().get()
                + "; run ./itk conformance");
      }
      expected.add(w.vectorSignature().orElse(m.signature()));
      before.add(m);
    }
    List<SigningBenchReport.Row> rows = new ArrayList<>();
    for (Target t : targets) {
      rows.add(measure(t, expected));
    }
    List<Measurement> after = new ArrayList<>();
    for (SigningWorkload w : workloads) {
      after.add(reference(w, "again"));
    }
    return new SigningBenchReport(
        workloads, settings, "Java " + Runtime.version(), before, after, rows);
  }

  private Measurement reference(SigningWorkload w, String when) {
    progress.line(
        ReferenceSigningLoop.ID,
        String.format(Locale.ROOT, "%s %s (%s)%s", when, w.name(), w.source(), timing()));
    Measurement m = ReferenceSigningLoop.run(w, settings);
    progress.line(ReferenceSigningLoop.ID, w.name() + ": " + SigningBenchReport.rate(m));
    return m;
  }

  private String timing() {
    return String.format(
        Locale.ROOT,
        ": warm-up %.1f s, then at least %d signatures and %.1f s",
        settings.warmup().toMillis() / 1000.0,
        settings.iterations(),
        settings.duration().toMillis() / 1000.0);
  }

  private SigningBenchReport.Row measure(Target t, List<String> expected) {
    String id = t.id().toString();
    Availability a = t.runner().availability(t.manifest());
    if (!a.available()) {
      progress.line(id, "not measured: " + a.detail());
      return SigningBenchReport.Row.unmeasured(
          id, "", SigningBenchReport.Outcome.MISSING, a.detail());
    }
    progress.line(id, "runtime " + a.detail() + "; starting the adapter");
    AdapterSession session;
    try {
      session = t.runner().open(t.manifest());
    } catch (BrokenHarnessException e) {
      progress.line(id, "BROKEN HARNESS: " + e.getMessage());
      return SigningBenchReport.Row.unmeasured(
          id, a.detail(), SigningBenchReport.Outcome.BROKEN, e.getMessage());
    }
    try (session) {
      String runtime = session.info().runtime();
      List<Measurement> measured = new ArrayList<>();
      for (int i = 0; i < workloads.size(); i++) {
        SigningWorkload w = workloads.get(i);
        progress.line(id, w.name() + " (" + w.source() + ")" + timing());
        Answer answer;
        try {
          answer = session.bench(w.protocolInput(), settings);
        } catch (BrokenHarnessException e) {
          progress.line(id, "BROKEN HARNESS: " + e.getMessage());
          return SigningBenchReport.Row.unmeasured(
              id, runtime, SigningBenchReport.Outcome.BROKEN, e.getMessage());
        }
        if (answer instanceof Answer.Skipped s) {
          progress.line(id, "not benchmarked: skipped: " + s.reason());
          return SigningBenchReport.Row.unmeasured(
              id, runtime, SigningBenchReport.Outcome.NOT_BENCHMARKED, "skipped: " + s.reason());
        }
        if (answer instanceof Answer.Errored e) {
          // the protocol's answer to a command the adapter does not know: bench is optional
          progress.line(id, "not benchmarked: errored: " + e.message());
          return SigningBenchReport.Row.unmeasured(
              id,
              runtime,
              SigningBenchReport.Outcome.NOT_BENCHMARKED,
              "answered bench with errored: " + e.message());
        }
        Measurement m;
        try {
          m = Measurement.fromResult(((Answer.Result) answer).value());
        } catch (IllegalArgumentException e) {
          progress.line(id, "FAIL " + e.getMessage());
          return SigningBenchReport.Row.unmeasured(
              id, runtime, SigningBenchReport.Outcome.WRONG, e.getMessage());
        }
        if (!m.signature().equals(expected.get(i))) {
          String why =
              w.name()
                  + ": signature "
                  + m.signature()
                  + " is not "
                  + expected.get(i)
                  + (w.vectorSignature().isPresent()
                      ? " (" + w.source() + ")"
                      : " (the Java reference's)");
          progress.line(id, "FAIL " + why);
          return SigningBenchReport.Row.unmeasured(
              id, runtime, SigningBenchReport.Outcome.WRONG, why);
        }
        progress.line(id, w.name() + ": " + SigningBenchReport.rate(m));
        measured.add(m);
      }
      return SigningBenchReport.Row.measured(id, runtime, measured);
    }
  }
}
