package dev.itk.cli;

import dev.itk.conformance.run.Reports;
import dev.itk.conformance.run.RunReport;
import dev.itk.conformance.run.Target;
import dev.itk.fuzz.FuzzFinding;
import dev.itk.fuzz.FuzzReports;
import dev.itk.fuzz.FuzzResult;
import dev.itk.fuzz.FuzzRun;
import dev.itk.fuzz.FuzzSettings;
import dev.itk.fuzz.LanguageResult;
import dev.itk.runner.RunnerFactory;
import dev.itk.stub.internal.DurationText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code itk fuzz}: differential fuzzing. Generated inputs signed by the reference and by every
 * implementation through its adapter; every kind of difference shrunk and written as a vector
 * ({@code docs/fuzzing.md}).
 */
@Command(
    name = "fuzz",
    mixinStandardHelpOptions = true,
    description = {
      "Generate signing inputs from a grammar of the scheme's corners, have the reference and every"
          + " implementation sign them, and turn every difference into a minimal vector file.",
      "Exit 0 when nothing differed, 1 when an implementation differed, broke or (with"
          + " --require-all) is missing, 2 on bad input."
    })
final class FuzzCommand implements Callable<Integer> {
  private static final List<String> RUNNERS = List.of("process", "container", "embedded", "auto");
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h)?");

  @Spec CommandSpec spec;

  @Mixin ImplementationOptions implementations;

  @Option(
      names = "--runner",
      paramLabel = "KIND",
      defaultValue = "process",
      description =
          "How to run the implementations: process (the runtimes on PATH; the fastest), container,"
              + " embedded or auto, as for itk conformance. Default: ${DEFAULT-VALUE}.")
  String runner;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description =
          "The seed (a decimal or 0x hex integer): the same seed tries the same inputs in the"
              + " same order. Default: a random seed, printed at the start.")
  String seed;

  @Option(
      names = "--time",
      paramLabel = "DURATION",
      description =
          "Fuzz each implementation this long: 90s, 5m, 1h, 500ms (a number alone is seconds)."
              + " Default: 60s when --cases is not given.")
  String time;

  @Option(
      names = "--cases",
      paramLabel = "N",
      description = "Fuzz each implementation with this many inputs (and no time limit).")
  Long cases;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "itk-fuzz",
      description =
          "Write each finding's vector file and the reports (fuzz.json, junit.xml, summary.md,"
              + " report.html) into DIR (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--require-all",
      description = "A missing runtime fails the run; by default it is skipped.")
  boolean requireAll;

  @Option(
      names = "--max-shrinks",
      paramLabel = "N",
      defaultValue = "5",
      description =
          "Shrink and write at most N kinds of difference per implementation; the others are"
              + " counted (default: ${DEFAULT-VALUE}).")
  int maxShrinks;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "256",
      description = "Inputs per signBatch command (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Override
  public Integer call() throws IOException {
    if (!RUNNERS.contains(runner)) {
      throw new BadInputException(
          "--runner \"" + runner + "\" is not one of " + String.join(", ", RUNNERS));
    }
    if (cases != null && cases < 1) {
      throw new BadInputException("--cases must be 1 or more; got " + cases);
    }
    if (time != null && cases != null) {
      throw new BadInputException(
          "give --time or --cases, not both (--time " + time + ", --cases " + cases + ")");
    }
    if (maxShrinks < 0) {
      throw new BadInputException("--max-shrinks must be 0 or more; got " + maxShrinks);
    }
    if (batchSize < 1 || batchSize > 10_000) {
      throw new BadInputException("--batch-size must be 1 to 10000; got " + batchSize);
    }
    Duration limit = cases != null ? Duration.ZERO : parseDuration(time == null ? "60s" : time);
    // before any adapter starts, so a long run never ends with nowhere to write
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new BadInputException("--out " + out + " is a file; give a folder (created if needed)");
    }
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new BadInputException("--out " + out + ": cannot create the folder: " + e.getMessage());
    }
    if (!Files.isWritable(out)) {
      throw new BadInputException("--out " + out + " is not writable");
    }
    long theSeed = seed == null ? new SecureRandom().nextLong() & Long.MAX_VALUE : parseSeed(seed);
    Path root = KitRoot.find();
    PrintWriter o = spec.commandLine().getOut();
    ImplementationOptions.Runners runners =
        new ImplementationOptions.Runners(
            new RunnerFactory.Sinks(
                RunnerFactory.Sinks.NO_TRANSCRIPT,
                line -> {
                  o.println("[images] " + line);
                  o.flush();
                }));
    List<Target> targets = implementations.targets(root, runner, runners, o);
    if (targets.isEmpty()) {
      throw new BadInputException("no implementation to fuzz: no samples and no --adapter");
    }
    FuzzSettings settings =
        new FuzzSettings(
            theSeed,
            cases == null ? 0 : cases,
            limit,
            out,
            root.resolve("fixtures").resolve("generate"),
            maxShrinks,
            400,
            batchSize,
            Duration.ofSeconds(5));
    // Ctrl-C or SIGTERM: the implementations finish their batches in flight, and what was found
    // is still shrunk, written and reported (up to a minute) before the JVM exits.
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch reported = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.set(true);
              o.println(
                  "itk fuzz: interrupted; finishing the batches in flight and writing what"
                      + " was found");
              o.flush();
              try {
                reported.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "itk-fuzz-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return report(o, targets, settings, stop);
    } finally {
      reported.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it ends now that the reports are written
      }
    }
  }

  private int report(PrintWriter o, List<Target> targets, FuzzSettings settings, AtomicBoolean stop)
      throws IOException {
    FuzzResult result =
        FuzzRun.run(
            targets,
            settings,
            requireAll,
            line -> {
              o.println(line);
              o.flush();
            },
            stop);
    RunReport report = FuzzReports.toRunReport(result, requireAll);
    o.println();
    o.print(Reports.textMatrix(report));
    o.println();
    for (LanguageResult l : result.languages()) {
      o.printf(
          Locale.ROOT,
          "%-22s %-7s %,10d inputs  %,8.0f/s  %,d differ  %,d refused (acceptable)%s%n",
          l.id(),
          l.status().label(),
          l.tried(),
          l.inputsPerSecond(),
          l.differed(),
          l.refusedAcceptable(),
          l.detail().isEmpty() ? "" : "  " + l.detail());
    }
    if (result.unsignable() > 0) {
      o.printf(
          "note: the reference refused %,d generated inputs (not sent; a grammar bug, please"
              + " report it with the seed)%n",
          result.unsignable());
    }
    for (FuzzFinding f : result.findings()) {
      o.println();
      o.printf(
          "Finding %s in %s (first at input %d): %s%n  minimal input: %s%n  %s%n%s%n",
          f.kind(),
          String.join(", ", f.languages()),
          f.firstCase(),
          f.vectorFile() == null ? "(not written)" : f.vectorFile(),
          f.shrunk(),
          f.confirmation(),
          indent(f.difference()));
    }
    List<Path> written = Reports.writeAll(report, out);
    o.println();
    o.printf(
        Locale.ROOT,
        "%s in %.1f s (seed %d%s). Reports: %s%n",
        result.passed() ? "PASSED" : "FAILED",
        result.durationMillis() / 1000.0,
        result.seed(),
        stop.get() ? "; interrupted before its limit, " + settings.limit() : "",
        String.join(", ", written.stream().map(Path::toString).toList()));
    o.flush();
    return result.passed() ? 0 : 1;
  }

  private static String indent(String s) {
    return s.lines().map(l -> "    " + l).reduce((a, b) -> a + "\n" + b).orElse("");
  }

  static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      throw new BadInputException(
          "--time \""
              + text
              + "\" is not a duration: a whole number with ms, s, m or h (e.g. 90s, 5m); a"
              + " number alone is seconds");
    }
    // the forms above only (a number alone is seconds); the units read as --window's and
    // --duration's
    Duration d = DurationText.parse(m.group(1) + (m.group(2) == null ? "s" : m.group(2)));
    if (d.isZero()) {
      throw new BadInputException("--time must be more than 0; got \"" + text + "\"");
    }
    return d;
  }

  static long parseSeed(String text) {
    String t = text.strip();
    try {
      if (t.startsWith("0x") || t.startsWith("0X")) {
        return Long.parseUnsignedLong(t.substring(2), 16);
      }
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw new BadInputException(
          "--seed \"" + text + "\" is not an integer (decimal, or hex with 0x; 64 bits at most)");
    }
  }
}
