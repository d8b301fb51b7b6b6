package dev.itk.cli;

import dev.itk.conformance.run.Progress;
import dev.itk.conformance.run.Target;
import dev.itk.perf.SigningBench;
import dev.itk.perf.SigningBenchReport;
import dev.itk.perf.SigningWorkload;
import dev.itk.runner.BenchSettings;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** {@code itk bench}'s signing throughput of the Java reference and of each implementation. */
final class SampleLanguagesSection implements BenchSection {
  private final List<SigningWorkload> workloads;
  private final BenchSettings settings;
  private final List<Target> targets;
  private final String runner;

  SampleLanguagesSection(
      List<SigningWorkload> workloads,
      BenchSettings settings,
      List<Target> targets,
      String runner) {
    this.workloads = workloads;
    this.settings = settings;
    this.targets = targets;
    this.runner = runner;
  }

  @Override
  public String heading() {
    return "Sample languages";
  }

  @Override
  public boolean run(PrintWriter out, Progress progress) {
    SigningBenchReport report = new SigningBench(workloads, settings, progress).run(targets);
    out.printf(
        Locale.ROOT,
        "Signatures per second of each implementation (--runner %s) and of the Java reference"
            + " (in this JVM), the same loop timed by each runtime's own monotonic clock: a"
            + " warm-up of %.1f s, then at least %d signatures and %.1f s. One signature is what"
            + " the client does per request: build the canonical message, HMAC-SHA512, base64."
            + " Every signature returned was checked. Messages:%n%n",
        runner,
        settings.warmup().toMillis() / 1000.0,
        settings.iterations(),
        settings.duration().toMillis() / 1000.0);
    for (SigningWorkload w : workloads) {
      out.printf(
          "- %s: %s (expected signature: %s)%n",
          w.name(),
          w.source(),
          w.vectorSignature().isPresent() ? "the vector's" : "the Java reference's");
    }
    out.println();
    out.print(report.markdownTable());
    out.println();
    report.notes().forEach(n -> out.println("- " + n));
    return report.passed();
  }
}
