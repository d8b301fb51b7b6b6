package dev.itk.cli;

import dev.itk.conformance.run.CrossLanguageRun;
import dev.itk.conformance.run.ImplementationReport;
import dev.itk.conformance.run.Progress;
import dev.itk.conformance.run.ReferenceCheck;
import dev.itk.conformance.run.Reports;
import dev.itk.conformance.run.RunReport;
import dev.itk.conformance.run.ScenarioBench;
import dev.itk.conformance.run.Status;
import dev.itk.conformance.run.Target;
import dev.itk.conformance.scenarios.ScenarioSet;
import dev.itk.conformance.vectors.VectorFile;
import dev.itk.conformance.vectors.VectorSet;
import dev.itk.runner.RunnerFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code itk conformance}: the main job. The reference Java signer and verifier against every
 * vector; then every implementation (the samples in {@code polyglot-samples/}, and any {@code
 * --adapter}) signs every valid vector and performs every scenario against the stub, compared byte
 * for byte with the reference client; a matrix on the terminal and report files.
 */
@Command(
    name = "conformance",
    mixinStandardHelpOptions = true,
    description = {
      "Check the reference signer and every implementation (PHP, Python, Node, C#, Java samples"
          + " and your own adapters) against the fixed vectors and the scenarios, and explain every"
          + " difference.",
      "Exit 0 when everything matches, 1 when something differs, breaks or (with --require-all)"
          + " is missing, 2 on bad input."
    })
final class ConformanceCommand implements Callable<Integer> {
  private static final List<String> RUNNERS = List.of("process", "container", "embedded", "auto");

  @Spec CommandSpec spec;

  @Mixin ImplementationOptions implementations;

  @Option(
      names = "--runner",
      paramLabel = "KIND",
      defaultValue = "auto",
      description =
          "How to run the implementations: process (the runtimes on PATH), container (each in"
              + " its own container, images built from the samples' Dockerfiles), embedded (Python"
              + " and JavaScript in this JVM, on GraalVM) or auto (container when an engine"
              + " answers; else the runtime on PATH; else embedded). Default: ${DEFAULT-VALUE}.")
  String runner;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      defaultValue = "itk-report",
      description =
          "Write conformance.json, junit.xml, summary.md and report.html into DIR"
              + " (default: ${DEFAULT-VALUE}).")
  Path report;

  @Option(
      names = "--require-all",
      description = "A missing runtime fails the run (CI uses this); by default it is skipped.")
  boolean requireAll;

  @Option(
      names = "--vectors",
      paramLabel = "DIR",
      description = "The vector directory. Default: fixtures/vectors of this checkout.")
  Path vectors;

  @Option(
      names = "--scenarios",
      paramLabel = "FILE",
      description = "The scenario file. Default: fixtures/scenarios.json of this checkout.")
  Path scenarios;

  @Option(
      names = "--trace",
      paramLabel = "FILE",
      description =
          "Write every runner-protocol line exchanged with the adapters into FILE, for debugging"
              + " an adapter.")
  Path trace;

  @Option(
      names = "--max-mismatches",
      paramLabel = "N",
      defaultValue = "20",
      description = "Explain at most N differences on the terminal (default: ${DEFAULT-VALUE}).")
  int maxMismatches;

  @Override
  public Integer call() throws IOException {
    if (!RUNNERS.contains(runner)) {
      throw new BadInputException(
          "--runner \"" + runner + "\" is not one of " + String.join(", ", RUNNERS));
    }
    if (maxMismatches < 0) {
      throw new BadInputException("--max-mismatches must be 0 or more; got " + maxMismatches);
    }
    Path root = KitRoot.find();
    Path vectorDir = vectors != null ? vectors : root.resolve("fixtures").resolve("vectors");
    if (!Files.isDirectory(vectorDir)) {
      throw new BadInputException("vector directory " + vectorDir + " does not exist");
    }
    List<VectorFile> files;
    ScenarioSet scenarioSet;
    Path scenarioFile = scenarios != null ? scenarios : ScenarioSet.defaultFile(root);
    try {
      files = VectorSet.loadAll(vectorDir);
      if (!Files.isRegularFile(scenarioFile)) {
        throw new BadInputException("scenario file " + scenarioFile + " does not exist");
      }
      scenarioSet = ScenarioSet.load(scenarioFile);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    if (files.isEmpty()) {
      throw new BadInputException(
          "vector directory " + vectorDir + " holds no *.json vector files");
    }
    PrintWriter traceOut = null;
    if (trace != null) {
      try {
        traceOut = new PrintWriter(Files.newBufferedWriter(trace, StandardCharsets.UTF_8), true);
      } catch (IOException e) {
        throw new BadInputException("--trace: cannot write " + trace + ": " + e.getMessage());
      }
    }
    try {
      return run(root, vectorDir, files, scenarioFile, scenarioSet, traceOut);
    } finally {
      if (traceOut != null) {
        traceOut.close();
      }
    }
  }

  private int run(
      Path root,
      Path vectorDir,
      List<VectorFile> files,
      Path scenarioFile,
      ScenarioSet scenarioSet,
      PrintWriter traceOut)
      throws IOException {
    PrintWriter traceSink = traceOut;
    Consumer<String> transcript =
        traceSink == null
            ? RunnerFactory.Sinks.NO_TRANSCRIPT
            : line -> {
              synchronized (traceSink) {
                traceSink.println(line);
              }
            };
    PrintWriter out = spec.commandLine().getOut();
    ImplementationOptions.Runners runners =
        new ImplementationOptions.Runners(
            new RunnerFactory.Sinks(
                transcript,
                line -> {
                  out.println("[images] " + line);
                  out.flush();
                }));
    List<Target> targets = implementations.targets(root, runner, runners, out);

    long valid = files.stream().flatMap(f -> f.vectors().stream()).filter(v -> v.isValid()).count();
    long acceptable =
        files.stream().flatMap(f -> f.vectors().stream()).filter(v -> v.isAcceptable()).count();
    out.printf(
        "itk conformance: %d vector families (%d valid and %d acceptable vectors), %d scenarios;"
            + " %d implementations: %s%n",
        files.size(),
        valid,
        acceptable,
        scenarioSet.scenarios().size(),
        targets.size(),
        String.join(", ", targets.stream().map(t -> t.id().toString()).toList()));
    out.flush();
    Progress progress =
        (target, text) -> {
          out.printf("[%s] %s%n", target, text);
          out.flush();
        };
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    List<ImplementationReport> reports = new ArrayList<>();
    try (ScenarioBench bench = new ScenarioBench(scenarioSet)) {
      reports.add(ReferenceCheck.run(files, bench, progress));
      CrossLanguageRun run = new CrossLanguageRun(files, bench, requireAll, progress);
      for (Target t : targets) {
        reports.add(run.check(t));
      }
    }
    RunReport result =
        new RunReport(
            started.toString(),
            (System.nanoTime() - t0) / 1_000_000,
            relative(root, vectorDir),
            relative(root, scenarioFile),
            requireAll,
            reports);

    out.println();
    out.print(Reports.textMatrix(result));
    String scopes = Reports.textScopes(result);
    if (!scopes.isEmpty()) {
      out.println();
      out.print(scopes);
    }
    List<String> nway = Reports.nWayDiff(result);
    if (!nway.isEmpty()) {
      out.println();
      out.println("Where the scenario requests differ:");
      nway.forEach(l -> out.println("- " + l));
    }
    String failures = Reports.textFailures(result, maxMismatches);
    if (!failures.isEmpty()) {
      out.println();
      out.println("Differences:");
      out.print(failures);
    }
    for (ImplementationReport i : reports) {
      if (i.status() == Status.SKIPPED && i.checks().isEmpty()) {
        out.printf("Skipped %s: %s%n", i.id(), i.detail());
      }
    }
    List<Path> written = Reports.writeAll(result, report);
    out.println();
    out.printf(
        "%s in %.1f s. Reports: %s%n",
        result.passed() ? "PASSED" : "FAILED",
        result.durationMillis() / 1000.0,
        String.join(", ", written.stream().map(Path::toString).toList()));
    out.flush();
    return result.passed() ? 0 : 1;
  }

  private static String relative(Path root, Path p) {
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
  }
}
