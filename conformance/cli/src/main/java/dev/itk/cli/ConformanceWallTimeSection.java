package dev.itk.cli;

import dev.itk.conformance.run.ImplementationReport;
import dev.itk.conformance.run.Progress;
import dev.itk.conformance.run.Reports;
import dev.itk.conformance.run.RunReport;
import dev.itk.conformance.run.Status;
import dev.itk.runner.Availability;
import dev.itk.runner.RunnerFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code itk bench --conformance-wall-time}: the main job, {@code itk conformance --runner KIND},
 * run once per runner kind in this JVM through the command itself (the same code path a user runs),
 * timed from start to finish. The container runner is measured only when an engine answers.
 */
final class ConformanceWallTimeSection implements BenchSection {
  static final List<String> KINDS = List.of("process", "container", "embedded");

  private final List<String> kinds;
  private final List<String> selection;

  /**
   * @param kinds the runners to time, in order; {@link #KINDS} for all
   * @param selection options passed on to each conformance run ({@code --only}, {@code --adapter},
   *     {@code --samples}), e.g. {@code ["--only", "php,python"]}
   */
  ConformanceWallTimeSection(List<String> kinds, List<String> selection) {
    this.kinds = List.copyOf(kinds);
    this.selection = List.copyOf(selection);
  }

  @Override
  public String heading() {
    return "Conformance wall time per runner";
  }

  private record Row(String kind, String wallTime, String outcome, String implementations) {}

  @Override
  public boolean run(PrintWriter out, Progress progress) {
    List<Row> rows = new ArrayList<>();
    boolean passed = true;
    for (String kind : kinds) {
      String label = "conformance --runner " + kind;
      if (kind.equals("container")) {
        Availability engine =
            RunnerFactory.find("container")
                .map(RunnerFactory::readiness)
                .orElse(Availability.no("no container runner on the classpath"));
        if (!engine.available()) {
          progress.line(label, "not measured: " + engine.detail());
          rows.add(new Row(kind, "not measured", engine.detail(), "—"));
          continue;
        }
      }
      Path reportDir = temporaryDirectory(kind);
      List<String> args =
          new ArrayList<>(
              List.of("conformance", "--runner", kind, "--report", reportDir.toString()));
      args.addAll(selection);
      progress.line(label, "started: itk " + String.join(" ", args));
      List<String> built = new ArrayList<>();
      PrintWriter forward =
          new PrintWriter(
              new LineWriter(
                  line -> {
                    if (line.startsWith("[images] built ")) {
                      built.add(line);
                    }
                    progress.line(label, line);
                  }),
              true);
      long t0 = System.nanoTime();
      int exit = Itk.run(forward, forward, args.toArray(String[]::new));
      long nanos = System.nanoTime() - t0;
      forward.flush();
      String outcome =
          switch (exit) {
            case 0 -> "passed";
            case 1 -> "FAILED (exit 1)";
            default -> "did not run (exit " + exit + ")";
          };
      passed &= exit == 0;
      if (!built.isEmpty()) {
        outcome += "; includes building " + built.size() + " image(s)";
      }
      rows.add(
          new Row(
              kind,
              String.format(Locale.ROOT, "%.1f s", nanos / 1e9),
              outcome,
              implementations(reportDir)));
      progress.line(label, String.format(Locale.ROOT, "%s in %.1f s", outcome, nanos / 1e9));
      delete(reportDir);
    }
    out.println(
        "Wall time of one `itk conformance --runner KIND` (the reference, then every sample: every"
            + " valid vector and every scenario), run in this JVM through the command itself, from"
            + " start to report. This machine's times.");
    out.println();
    out.println("| runner | wall time on this machine | outcome | implementations |");
    out.println("|---|---:|---|---|");
    for (Row r : rows) {
      out.printf(
          "| %s | %s | %s | %s |%n",
          r.kind(), r.wallTime(), r.outcome().replace("|", "\\|"), r.implementations());
    }
    return passed;
  }

  /** {@code reference + 5 passed; 3 skipped}, from the run's conformance.json. */
  private static String implementations(Path reportDir) {
    Path json = reportDir.resolve(Reports.JSON.fileName());
    if (!Files.isRegularFile(json)) {
      return "—";
    }
    RunReport report = Reports.read(json);
    Map<Status, List<String>> byStatus = new LinkedHashMap<>();
    for (ImplementationReport i : report.implementations()) {
      byStatus.computeIfAbsent(i.status(), s -> new ArrayList<>()).add(i.id());
    }
    return byStatus.entrySet().stream()
        .map(e -> e.getKey().label() + ": " + String.join(", ", e.getValue()))
        .collect(Collectors.joining("; "));
  }

  private static Path temporaryDirectory(String kind) {
    try {
      return Files.createTempDirectory("itk-bench-conformance-" + kind + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a leftover temporary report is harmless
    }
  }

  /** Hands each complete line written to it to a consumer. */
  private static final class LineWriter extends Writer {
    private final java.util.function.Consumer<String> lines;
    private final StringBuilder pending = new StringBuilder();

    LineWriter(java.util.function.Consumer<String> lines) {
      this.lines = lines;
    }

    @Override
    public synchronized void write(char[] buf, int off, int len) {
      for (int i = off; i < off + len; i++) {
        char c = buf[i];
        if (c == '\n') {
          emit();
        } else if (c != '\r') {
          pending.append(c);
        }
      }
    }

    private void emit() {
      String line = pending.toString();
      pending.setLength(0);
      if (!line.isBlank()) {
        lines.accept(line);
      }
    }

    @Override
    public synchronized void flush() {}

    @Override
    public synchronized void close() {
      if (pending.length() > 0) {
        emit();
      }
    }
  }
}
