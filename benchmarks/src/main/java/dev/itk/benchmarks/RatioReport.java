package dev.itk.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The numbers of one run as ratios: each benchmark's throughput over a raw-Mac baseline measured in
 * the same run, allocation per operation over the message size, then the targets, and the
 * absolute numbers last, since they hold for this machine only.
 */
final class RatioReport {
  /** Throughput targets hold at this size (docs/performance.md#targets). */
  static final int TARGET_SIZE = 300;

  /** Sign and verify must reach this fraction of the baseline's throughput. */
  static final double TARGET_RATIO = 0.9;

  /** A signature may allocate at most this many times the message size. */
  static final double TARGET_ALLOC_FACTOR = 2.0;

  /** Iterations of one trial further apart than this mean the machine was busy. */
  static final double NOISY_SPREAD = 1.5;

  private static final String RAW_MAC = "rawMac";
  private static final String RAW_MAC_BASE64 = "rawMacBase64";

  /** Rows of the ratio table: benchmark and the baseline it is divided by. */
  private static final String[][] RATIOS = {
    {"sign", RAW_MAC_BASE64},
    {"sign", RAW_MAC},
    {"signFromParts", RAW_MAC_BASE64},
    {"verify", RAW_MAC_BASE64},
    {"verify", RAW_MAC},
    {"verifyWithoutReplayCache", RAW_MAC_BASE64},
    {RAW_MAC_BASE64, RAW_MAC},
  };

  private static final List<String> ORDER =
      List.of(
          RAW_MAC, RAW_MAC_BASE64, "sign", "signFromParts", "verify", "verifyWithoutReplayCache");

  private final List<Measurement> measurements;
  private final List<Integer> sizes;

  RatioReport(List<Measurement> measurements) {
    this.measurements = List.copyOf(measurements);
    this.sizes =
        new ArrayList<>(new TreeSet<>(measurements.stream().map(Measurement::size).toList()));
  }

  /** The throughput of {@code benchmark} over that of {@code baseline}, at {@code size}. */
  Optional<Double> ratio(String benchmark, String baseline, int size) {
    return ratio(benchmark, baseline, size, m -> m.opsPerSecond());
  }

  /**
   * The baseline's CPU time per operation over that of {@code benchmark}, at {@code size}: a
   * throughput ratio as a machine with no other processes would show it.
   */
  Optional<Double> cpuRatio(String benchmark, String baseline, int size) {
    return ratio(benchmark, baseline, size, m -> 1 / m.cpuNanosPerOp());
  }

  private Optional<Double> ratio(
      String benchmark, String baseline, int size, ToDoubleFunction<Measurement> speed) {
    Optional<Measurement> b = find(benchmark, size);
    Optional<Measurement> base = find(baseline, size);
    if (b.isEmpty() || base.isEmpty()) {
      return Optional.empty();
    }
    double r = speed.applyAsDouble(b.get()) / speed.applyAsDouble(base.get());
    return Double.isNaN(r) ? Optional.empty() : Optional.of(r);
  }

  /** Bytes allocated per operation over the message size, when {@code -prof gc} measured it. */
  Optional<Double> allocFactor(String benchmark, int size) {
    return find(benchmark, size)
        .filter(m -> !Double.isNaN(m.allocBytesPerOp()))
        .map(m -> m.allocBytesPerOp() / size);
  }

  /** The report; {@code machine} names where the absolute numbers were measured. */
  String render(String machine) {
    StringBuilder out = new StringBuilder();
    out.append(
        "CPU-time ratios, all measured in this one run: the baseline's CPU time per operation"
            + " over the benchmark's (1.00 = as fast as the baseline; other processes hardly"
            + " change these)\n\n");
    ratioTable(out, this::cpuRatio);
    out.append(
        "\nThroughput ratios, same run: fastest iteration over fastest iteration (wall clock; a"
            + " busy machine skews these)\n\n");
    ratioTable(out, this::ratio);
    List<String> noisy =
        measurements.stream()
            .filter(m -> m.spread() > NOISY_SPREAD)
            .map(m -> fmt("%s %s (%.1fx)", m.benchmark(), label(m.size()), m.spread()))
            .toList();
    if (!noisy.isEmpty()) {
      out.append(
              fmt(
                  "\n  Noisy (fastest iteration > %.1fx the slowest; the machine was busy): ",
                  NOISY_SPREAD))
          .append(String.join(", ", noisy))
          .append('\n');
    }

    out.append(
        "\nAllocation per operation (gc.alloc.rate.norm): bytes, and bytes / message size\n\n");
    List<String[]> rows = new ArrayList<>();
    rows.add(header("benchmark"));
    for (String name : ORDER) {
      List<String> cells = new ArrayList<>(List.of(name));
      for (int size : sizes) {
        cells.add(
            find(name, size)
                .filter(m -> !Double.isNaN(m.allocBytesPerOp()))
                .map(m -> fmt("%.0f B (%.2fx)", m.allocBytesPerOp(), m.allocBytesPerOp() / size))
                .orElse("n/a"));
      }
      rows.add(cells.toArray(String[]::new));
    }
    table(out, rows);

    out.append("\nCPU time per operation, this machine only\n\n");
    rows = new ArrayList<>();
    rows.add(header("benchmark (worker thread, ns/op)"));
    for (String name : ORDER) {
      List<String> cells = new ArrayList<>(List.of(name));
      for (int size : sizes) {
        cells.add(
            find(name, size)
                .filter(m -> !Double.isNaN(m.cpuNanosPerOp()))
                .map(m -> fmt("%.0f", m.cpuNanosPerOp()))
                .orElse("n/a"));
      }
      rows.add(cells.toArray(String[]::new));
    }
    table(out, rows);

    out.append("\nTargets\n\n");
    for (String name : List.of("sign", "verify")) {
      out.append(throughputTarget(name, "CPU time", this::cpuRatio)).append('\n');
      out.append(throughputTarget(name, "throughput", this::ratio)).append('\n');
    }
    for (String name : List.of("sign", "signFromParts")) {
      for (int size : sizes) {
        out.append(allocTarget(name, size)).append('\n');
      }
    }

    out.append("\nAbsolute throughput, this machine only (").append(machine).append(")\n\n");
    rows = new ArrayList<>();
    rows.add(header("benchmark: fastest iteration, median, in ops/s"));
    for (String name : ORDER) {
      List<String> cells = new ArrayList<>(List.of(name));
      for (int size : sizes) {
        cells.add(
            find(name, size)
                .map(m -> fmt("%.0f, %.0f", m.opsPerSecond(), m.median()))
                .orElse("n/a"));
      }
      rows.add(cells.toArray(String[]::new));
    }
    table(out, rows);
    return out.toString();
  }

  private String throughputTarget(String name, String measure, RatioFunction ratio) {
    String rule =
        fmt("%s, %d B: >= %.2fx rawMacBase64 (%s)", name, TARGET_SIZE, TARGET_RATIO, measure);
    Optional<Double> fair = ratio.of(name, RAW_MAC_BASE64, TARGET_SIZE);
    Optional<Double> strict = ratio.of(name, RAW_MAC, TARGET_SIZE);
    if (fair.isEmpty() || strict.isEmpty()) {
      return "  " + rule + ": not measured";
    }
    return fmt(
        "  %s: %.2fx, %s (vs HMAC alone, rawMac: %.2fx, %s)",
        rule,
        fair.get(),
        verdict(fair.get() >= TARGET_RATIO, fair.get() / TARGET_RATIO),
        strict.get(),
        verdict(strict.get() >= TARGET_RATIO, strict.get() / TARGET_RATIO));
  }

  private void ratioTable(StringBuilder out, RatioFunction ratio) {
    List<String[]> rows = new ArrayList<>();
    rows.add(header("benchmark / baseline"));
    for (String[] r : RATIOS) {
      List<String> cells = new ArrayList<>(List.of(r[0] + " / " + r[1]));
      for (int size : sizes) {
        cells.add(ratio.of(r[0], r[1], size).map(x -> fmt("%.2f", x)).orElse("n/a"));
      }
      rows.add(cells.toArray(String[]::new));
    }
    table(out, rows);
  }

  @FunctionalInterface
  private interface RatioFunction {
    Optional<Double> of(String benchmark, String baseline, int size);
  }

  private String allocTarget(String name, int size) {
    String rule =
        fmt("%s, %s: <= %.0fx message size allocated", name, label(size), TARGET_ALLOC_FACTOR);
    return allocFactor(name, size)
        .map(
            f ->
                fmt(
                    "  %s: %.2fx, %s",
                    rule,
                    f,
                    f <= TARGET_ALLOC_FACTOR
                        ? "met"
                        : fmt("missed (%.2fx the limit)", f / TARGET_ALLOC_FACTOR)))
        .orElse("  " + rule + ": not measured (run with -prof gc)");
  }

  private static String verdict(boolean met, double ofTarget) {
    return met ? "met" : fmt("missed, %.0f%% short of the target", (1 - ofTarget) * 100);
  }

  private Optional<Measurement> find(String benchmark, int size) {
    return measurements.stream()
        .filter(m -> m.benchmark().equals(benchmark) && m.size() == size)
        .findFirst();
  }

  private String[] header(String first) {
    List<String> cells = new ArrayList<>(List.of(first));
    sizes.forEach(s -> cells.add(label(s)));
    return cells.toArray(String[]::new);
  }

  /** A size as people read it: {@code 300 B}, {@code 4 KiB}, {@code 1 MiB}. */
  static String label(int size) {
    if (size >= 1 << 20 && size % (1 << 20) == 0) {
      return (size >> 20) + " MiB";
    }
    if (size >= 1 << 10 && size % (1 << 10) == 0) {
      return (size >> 10) + " KiB";
    }
    return size + " B";
  }

  private static void table(StringBuilder out, List<String[]> rows) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder(" ");
      for (int i = 0; i < row.length; i++) {
        String pad = " ".repeat(widths[i] - row[i].length());
        // Names left-aligned, numbers right-aligned.
        line.append(' ').append(i == 0 ? row[i] + pad : pad + row[i]).append("  ");
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
