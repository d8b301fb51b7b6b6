package dev.itk.benchmarks;

import java.util.Arrays;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One benchmark at one message size, as measured in a run.
 *
 * @param benchmark the method name, e.g. {@code sign}
 * @param size the message size in bytes
 * @param iterations the throughput of each measurement iteration, in ops/s
 * @param mean JMH's score, the mean of the iterations, in ops/s
 * @param error the half-width of JMH's 99.9% confidence interval, in ops/s (NaN if unknown)
 * @param allocBytesPerOp {@code gc.alloc.rate.norm}, in bytes per operation (NaN without {@code
 *     -prof gc})
 * @param cpuNanosPerOp {@link WorkerCpuProfiler}'s CPU time per operation (NaN without it)
 */
record Measurement(
    String benchmark,
    int size,
    double[] iterations,
    double mean,
    double error,
    double allocBytesPerOp,
    double cpuNanosPerOp) {

  /** The measurement a JMH run result holds; its score must be in ops/s. */
  static Measurement of(RunResult run) {
    String name = run.getParams().getBenchmark();
    Result<?> primary = run.getPrimaryResult();
    if (!"ops/s".equals(primary.getScoreUnit())) {
      throw new IllegalArgumentException(
          name + " reports " + primary.getScoreUnit() + "; ratios need throughput in ops/s");
    }
    double alloc = Double.NaN;
    double cpu = Double.NaN;
    for (Map.Entry<String, Result> e : run.getSecondaryResults().entrySet()) {
      // JMH before 1.36 prefixed profiler labels with a middle dot.
      String label = e.getKey().replace("\u00b7", "");
      if (label.equals("gc.alloc.rate.norm")) {
        alloc = e.getValue().getScore();
      } else if (label.equals(WorkerCpuProfiler.LABEL)) {
        cpu = e.getValue().getScore();
      }
    }
    double[] iterations =
        run.getBenchmarkResults().stream()
            .map(BenchmarkResult::getIterationResults)
            .flatMap(java.util.Collection::stream)
            .map(IterationResult::getPrimaryResult)
            .mapToDouble(Result::getScore)
            .toArray();
    return new Measurement(
        name.substring(name.lastIndexOf('.') + 1),
        Integer.parseInt(run.getParams().getParam("size")),
        iterations,
        primary.getScore(),
        primary.getScoreError(),
        alloc,
        cpu);
  }

  /**
   * The fastest iteration, in ops/s: what the ratios use. Other processes only ever slow an
   * iteration down, so on a shared machine the fastest is the least disturbed.
   */
  double opsPerSecond() {
    return Arrays.stream(iterations).max().orElse(Double.NaN);
  }

  /** The median iteration, in ops/s. */
  double median() {
    double[] sorted = iterations.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The fastest iteration over the slowest: near 1 on a quiet machine. */
  double spread() {
    double min = Arrays.stream(iterations).min().orElse(Double.NaN);
    double max = Arrays.stream(iterations).max().orElse(Double.NaN);
    return max / min;
  }
}
