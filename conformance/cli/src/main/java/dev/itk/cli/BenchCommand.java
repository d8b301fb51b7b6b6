package dev.itk.cli;

import dev.itk.conformance.run.Progress;
import dev.itk.conformance.run.Target;
import dev.itk.conformance.vectors.VectorFile;
import dev.itk.conformance.vectors.VectorSet;
import dev.itk.perf.SigningWorkload;
import dev.itk.runner.BenchSettings;
import dev.itk.runner.RunnerFactory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code itk bench}: how fast each implementation signs, next to the Java reference, and (with
 * {@code --conformance-wall-time}) how long the main job takes per runner. The report is Markdown
 * on standard output, in sections ({@link BenchSection}); progress goes to standard error. See
 * {@code docs/performance.md}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure signatures per second of the Java reference signer and of every implementation"
          + " (PHP, Python, Node, C#, Java samples and your own adapters), on the same messages,"
          + " and check every signature. Prints Markdown tables: ratios to the Java reference"
          + " first, then this machine's numbers. Progress goes to standard error.",
      "Exit 0 when every signature was right, 1 when one was wrong or an adapter broke (a missing"
          + " runtime or an adapter without bench is reported, not failed), 2 on bad input."
    })
final class BenchCommand implements Callable<Integer> {
  private static final List<String> RUNNERS = List.of("process", "container", "embedded");

  @Spec CommandSpec spec;

  @Mixin ImplementationOptions implementations;

  @Option(
      names = "--runner",
      paramLabel = "KIND",
      defaultValue = "process",
      description =
          "How to run the implementations: process (the runtimes on PATH), container or embedded"
              + " (Python only: GraalJS cannot compute the HMAC). Default: ${DEFAULT-VALUE}.")
  String runner;

  @Option(
      names = "--iterations",
      paramLabel = "N",
      defaultValue = "200",
      description =
          "Count at least N signatures per message and implementation (default:"
              + " ${DEFAULT-VALUE}).")
  long iterations;

  @Option(
      names = "--duration-millis",
      paramLabel = "MS",
      defaultValue = "1000",
      description = "And count for at least MS milliseconds (default: ${DEFAULT-VALUE}).")
  long durationMillis;

  @Option(
      names = "--warmup-millis",
      paramLabel = "MS",
      defaultValue = "2000",
      description =
          "Sign for MS milliseconds before counting, so JIT compilers have done their work (with"
              + " 1000, a fresh JVM on a busy 2-core machine was still compiling; default:"
              + " ${DEFAULT-VALUE}).")
  long warmupMillis;

  @Option(
      names = "--vectors",
      paramLabel = "DIR",
      description = "The vector directory. Default: fixtures/vectors of this checkout.")
  Path vectors;

  @Option(
      names = "--stub-requests",
      paramLabel = "N",
      defaultValue = "10000",
      description =
          "Signed GETs per round through the stub, verifying and not (3 rounds each); 0 skips the"
              + " stub sections (throughput, and what a refused request costs). Default:"
              + " ${DEFAULT-VALUE}.")
  int stubRequests;

  @Option(
      names = "--stub-clients",
      paramLabel = "N",
      defaultValue = "16",
      description = "Concurrent clients for the stub section. Default: ${DEFAULT-VALUE}.")
  int stubClients;

  @Option(
      names = "--conformance-wall-time",
      description =
          "Also time one whole `itk conformance` run per runner (process, container, embedded):"
              + " minutes, not seconds. The container runner needs an engine"
              + " (scripts/container-engine); without one it is reported as not measured.")
  boolean conformanceWallTime;

  @Override
  public Integer call() {
    if (!RUNNERS.contains(runner)) {
      throw new BadInputException(
          "--runner \"" + runner + "\" is not one of " + String.join(", ", RUNNERS));
    }
    if (stubRequests < 0) {
      throw new BadInputException("--stub-requests must be 0 or more; got " + stubRequests);
    }
    if (stubClients < 1 || stubClients > 1024) {
      throw new BadInputException("--stub-clients must be 1 to 1024; got " + stubClients);
    }
    BenchSettings settings;
    try {
      settings =
          new BenchSettings(
              iterations, Duration.ofMillis(durationMillis), Duration.ofMillis(warmupMillis));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    Path root = KitRoot.find();
    Path vectorDir = vectors != null ? vectors : root.resolve("fixtures").resolve("vectors");
    if (!Files.isDirectory(vectorDir)) {
      throw new BadInputException("vector directory " + vectorDir + " does not exist");
    }
    List<SigningWorkload> workloads;
    try {
      List<VectorFile> files = VectorSet.loadAll(vectorDir);
      workloads = SigningWorkload.defaults(files);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Progress progress =
        (target, text) -> {
          err.printf("[%s] %s%n", target, text);
          err.flush();
        };
    ImplementationOptions.Runners runners =
        new ImplementationOptions.Runners(
            new RunnerFactory.Sinks(
                RunnerFactory.Sinks.NO_TRANSCRIPT, line -> progress.line("images", line)));
    List<Target> targets = implementations.targets(root, runner, runners, err);

    List<BenchSection> sections = new ArrayList<>();
    sections.add(new SampleLanguagesSection(workloads, settings, targets, runner));
    if (stubRequests > 0) {
      sections.add(new StubThroughputSection(stubClients, stubRequests));
      sections.add(new RefusedBodySection(RefusedBodySection.SIZES));
    }
    if (conformanceWallTime) {
      sections.add(new ConformanceWallTimeSection(ConformanceWallTimeSection.KINDS, selection()));
    }

    boolean passed = true;
    long t0 = System.nanoTime();
    for (BenchSection s : sections) {
      progress.line("bench", "## " + s.heading());
      out.println("## " + s.heading());
      out.println();
      passed &= s.run(out, progress);
      out.println();
      out.flush();
    }
    progress.line(
        "bench",
        String.format(
            java.util.Locale.ROOT,
            "%s in %.1f s",
            passed ? "done" : "FAILED",
            (System.nanoTime() - t0) / 1e9));
    return passed ? 0 : 1;
  }

  /** This command's --only, --adapter and --samples, to pass on to each conformance run. */
  private List<String> selection() {
    List<String> args = new ArrayList<>();
    if (implementations.only != null) {
      args.add("--only");
      args.add(String.join(",", implementations.only));
    }
    for (Path a : implementations.adapters) {
      args.add("--adapter");
      args.add(a.toString());
    }
    if (implementations.samples != null) {
      args.add("--samples");
      args.add(implementations.samples.toString());
    }
    return args;
  }
}
