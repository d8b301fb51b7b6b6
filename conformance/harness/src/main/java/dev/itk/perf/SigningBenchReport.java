package dev.itk.perf;

import dev.itk.runner.BenchSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a {@link SigningBench} measured: the Java reference (measured before and after the
 * implementations) and one row per implementation, with each workload's rate and its ratio to the
 * reference's. Ratios are what carries over to another machine; the rates are this machine's.
 *
 * @param workloads the workloads, in column order
 * @param settings how long each measurement ran
 * @param referenceRuntime e.g. {@code Java 17.0.15+6-Debian-1deb12u1}
 * @param referenceBefore the reference, per workload, before the implementations
 * @param referenceAfter the reference, per workload, after them
 * @param rows one per implementation, in the order run
 */
public record SigningBenchReport(
    List<SigningWorkload> workloads,
    BenchSettings settings,
    String referenceRuntime,
    List<Measurement> referenceBefore,
    List<Measurement> referenceAfter,
    List<Row> rows) {

  /** How an implementation's bench ended. */
  public enum Outcome {
    /** Every workload measured, every signature right. */
    MEASURED("measured"),
    /** The adapter answered {@code skipped}, or {@code errored} (it does not know bench). */
    NOT_BENCHMARKED("not benchmarked"),
    /** The runtime is not available to the runner. */
    MISSING("not available"),
    /** The adapter broke the protocol (see the detail). */
    BROKEN("BROKEN"),
    /** A wrong signature or a result of the wrong shape. */
    WRONG("WRONG");

    private final String label;

    Outcome(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** Whether this outcome fails the bench (a missing runtime or an optional command does not). */
    public boolean failsRun() {
      return this == BROKEN || this == WRONG;
    }
  }

  /**
   * One implementation's bench.
   *
   * @param id e.g. {@code process:php}
   * @param runtime what its adapter said in {@code start}, e.g. {@code PHP 8.2.36}; empty when it
   *     did not start
   * @param outcome how it ended
   * @param detail why it was not measured; empty when measured
   * @param measurements one per workload when measured; else empty
   */
  public record Row(
      String id, String runtime, Outcome outcome, String detail, List<Measurement> measurements) {
    public Row {
      Objects.requireNonNull(id, "id");
      measurements = List.copyOf(measurements);
    }

    static Row measured(String id, String runtime, List<Measurement> measurements) {
      return new Row(id, runtime, Outcome.MEASURED, "", measurements);
    }

    static Row unmeasured(String id, String runtime, Outcome outcome, String detail) {
      return new Row(id, runtime, outcome, detail, List.of());
    }
  }

  public SigningBenchReport {
    workloads = List.copyOf(workloads);
    referenceBefore = List.copyOf(referenceBefore);
    referenceAfter = List.copyOf(referenceAfter);
    rows = List.copyOf(rows);
  }

  /** Whether every implementation that ran signed right and kept to the protocol. */
  public boolean passed() {
    return rows.stream().noneMatch(r -> r.outcome().failsRun());
  }

  /** The reference's rate on workload {@code i}: the mean of its two measurements. */
  public double referencePerSecond(int i) {
    return (referenceBefore.get(i).perSecond() + referenceAfter.get(i).perSecond()) / 2;
  }

  /** A measured row's rate on workload {@code i} over the reference's (below 1: slower). */
  public double ratio(Row row, int i) {
    return row.measurements().get(i).perSecond() / referencePerSecond(i);
  }

  /**
   * Each measured implementation and workload where it signed at least as fast as the reference,
   * e.g. {@code process:php on 4 KiB (1.08×)}; empty when the reference is ahead of all.
   */
  public List<String> notBehindReference() {
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      if (r.outcome() != Outcome.MEASURED) {
        continue;
      }
      for (int i = 0; i < workloads.size(); i++) {
        if (ratio(r, i) >= 1) {
          out.add(r.id() + " on " + workloads.get(i).name() + " (" + times(ratio(r, i)) + ")");
        }
      }
    }
    return out;
  }

  /**
   * The table, as Markdown: ratios to the reference first, then this machine's rates, one row per
   * implementation, the reference first.
   */
  public String markdownTable() {
    StringBuilder out = new StringBuilder("| implementation |");
    for (SigningWorkload w : workloads) {
      out.append(' ').append(w.name()).append(": speed vs Java reference |");
    }
    for (SigningWorkload w : workloads) {
      out.append(' ').append(w.name()).append(": signatures/s on this machine |");
    }
    out.append(" runtime |\n|---|");
    out.append("---:|".repeat(2 * workloads.size())).append("---|\n");
    out.append("| ").append(ReferenceSigningLoop.ID).append(" |");
    for (int i = 0; i < workloads.size(); i++) {
      out.append(' ').append(times(1.0)).append(" |");
    }
    for (int i = 0; i < workloads.size(); i++) {
      out.append(' ').append(number(referencePerSecond(i))).append(" |");
    }
    out.append(' ').append(referenceRuntime).append(" |\n");
    for (Row r : rows) {
      out.append("| ").append(r.id()).append(" |");
      for (int i = 0; i < workloads.size(); i++) {
        out.append(' ')
            .append(r.outcome() == Outcome.MEASURED ? times(ratio(r, i)) : r.outcome().label())
            .append(" |");
      }
      for (int i = 0; i < workloads.size(); i++) {
        out.append(' ')
            .append(
                r.outcome() == Outcome.MEASURED ? number(r.measurements().get(i).perSecond()) : "—")
            .append(" |");
      }
      out.append(' ').append(r.runtime().isEmpty() ? "—" : r.runtime()).append(" |\n");
    }
    return out.toString();
  }

  /**
   * The lines under the table: whether the reference is ahead of every implementation, its two
   * measurements (how noisy this machine was), and why each unmeasured row was not measured.
   */
  public List<String> notes() {
    List<String> out = new ArrayList<>();
    List<String> notBehind = notBehindReference();
    long measured = rows.stream().filter(r -> r.outcome() == Outcome.MEASURED).count();
    if (measured == 0) {
      out.add("No implementation was measured.");
    } else if (notBehind.isEmpty()) {
      out.add(
          "The Java reference signs faster than each of the "
              + measured
              + " measured implementations, on every message.");
    } else {
      out.add("Not behind the Java reference: " + String.join(", ", notBehind) + ".");
    }
    for (int i = 0; i < workloads.size(); i++) {
      double first = referenceBefore.get(i).perSecond();
      double again = referenceAfter.get(i).perSecond();
      out.add(
          String.format(
              Locale.ROOT,
              "Java reference, %s: %s/s before the implementations, %s/s after (%.0f%% apart):"
                  + " the ratios use their mean.",
              workloads.get(i).name(),
              number(first),
              number(again),
              100 * Math.abs(first - again) / Math.max(first, again)));
    }
    for (Row r : rows) {
      if (r.outcome() != Outcome.MEASURED) {
        out.add(r.id() + " " + r.outcome().label() + ": " + r.detail());
      }
    }
    return out;
  }

  /** {@code 0.38×}. */
  static String times(double ratio) {
    return String.format(Locale.ROOT, ratio >= 10 ? "%.0f×" : "%.2f×", ratio);
  }

  /** {@code 1,234,567}. */
  static String number(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f", perSecond);
  }

  /** {@code 1,234,567 signatures/s (2,470,000 in 2.00 s)}. */
  static String rate(Measurement m) {
    return String.format(
        Locale.ROOT,
        "%s signatures/s (%,d in %.2f s)",
        number(m.perSecond()),
        m.operations(),
        m.elapsedNanos() / 1e9);
  }
}
