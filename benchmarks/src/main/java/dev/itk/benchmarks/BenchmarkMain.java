package dev.itk.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link SigningBenchmark} with short defaults and {@code -prof gc}, then prints the {@link
 * RatioReport}. Every JMH option is passed through and wins over a default, e.g. {@code java -jar
 * benchmarks.jar -p size=300 -rf json -rff jmh.json}.
 */
public final class BenchmarkMain {
  private BenchmarkMain() {}

  public static void main(String[] args) throws RunnerException, IOException {
    CommandLineOptions cli;
    try {
      cli = new CommandLineOptions(args);
    } catch (CommandLineOptionException e) {
      System.err.println("benchmarks: " + e.getMessage() + " (-h lists JMH's options)");
      System.exit(2);
      return;
    }
    if (cli.shouldHelp()
        || cli.shouldList()
        || cli.shouldListWithParams()
        || cli.shouldListProfilers()
        || cli.shouldListResultFormats()) {
      org.openjdk.jmh.Main.main(args);
      return;
    }

    double loadBefore = loadAverage();
    Collection<RunResult> results = new Runner(withDefaults(cli).build()).run();
    List<Measurement> measurements = results.stream().map(Measurement::of).toList();
    String machine =
        machine()
            + String.format(
                Locale.ROOT,
                "; load average %.1f before the run, %.1f after",
                loadBefore,
                loadAverage());
    System.out.println();
    System.out.print(new RatioReport(measurements).render(machine));
  }

  /**
   * The command line's options, with defaults for what it leaves out: about three minutes on two
   * cores for the whole run. The defaults favour one comparable run over precise absolute numbers.
   */
  static ChainedOptionsBuilder withDefaults(CommandLineOptions cli) {
    ChainedOptionsBuilder b = new OptionsBuilder().parent(cli);
    if (cli.getIncludes().isEmpty()) {
      b.include(SigningBenchmark.class.getName() + "\\.");
    }
    if (cli.getProfilers().stream().noneMatch(p -> p.getKlass().equals("gc"))
        && cli.getProfilers().stream()
            .noneMatch(p -> p.getKlass().equals(GCProfiler.class.getName()))) {
      b.addProfiler(GCProfiler.class);
    }
    b.addProfiler(WorkerCpuProfiler.class);
    if (!cli.getForkCount().hasValue()) {
      b.forks(1);
    }
    if (!cli.getWarmupIterations().hasValue()) {
      b.warmupIterations(4);
    }
    if (!cli.getWarmupTime().hasValue()) {
      b.warmupTime(TimeValue.seconds(1));
    }
    // Many short iterations: more chances of one that no concurrent build disturbed.
    if (!cli.getMeasurementIterations().hasValue()) {
      b.measurementIterations(8);
    }
    if (!cli.getMeasurementTime().hasValue()) {
      b.measurementTime(TimeValue.milliseconds(500));
    }
    if (!cli.getJvmArgs().hasValue()) {
      // A fixed heap, so GC sizing does not drift between trials of one run.
      b.jvmArgs("-Xms1g", "-Xmx1g");
    }
    return b;
  }

  /** The one-minute load average: above the core count, other processes competed for CPU. */
  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static String machine() {
    return Runtime.getRuntime().availableProcessors()
        + " cores, JDK "
        + System.getProperty("java.runtime.version")
        + " ("
        + System.getProperty("java.vm.name")
        + "), "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.arch");
  }
}
