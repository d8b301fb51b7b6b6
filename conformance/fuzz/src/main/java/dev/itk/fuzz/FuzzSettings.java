package dev.itk.fuzz;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How long and how a fuzz run goes.
 *
 * @param seed the run's seed: input {@code n} is a function of it (printed at the start)
 * @param cases stop each language after this many inputs; 0 for no limit
 * @param time stop each language after this long; {@link Duration#ZERO} for no limit (one of the
 *     two limits must be set)
 * @param out where the finding vectors and the reports go
 * @param generator {@code fixtures/generate}, to confirm each finding's expectation; null to skip
 *     confirmation (the report says so)
 * @param maxShrinksPerLanguage how many kinds of difference are shrunk per language (the others are
 *     counted)
 * @param shrinkBatches the most batches one shrink may send
 * @param batchSize the most inputs per {@code signBatch}
 * @param progressEvery how often the progress line is printed
 */
public record FuzzSettings(
    long seed,
    long cases,
    Duration time,
    Path out,
    Path generator,
    int maxShrinksPerLanguage,
    int shrinkBatches,
    int batchSize,
    Duration progressEvery) {
  public FuzzSettings {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(progressEvery, "progressEvery");
    if (cases < 0) {
      throw new IllegalArgumentException("cases must be 0 or more; got " + cases);
    }
    if (cases == 0 && (time.isZero() || time.isNegative())) {
      throw new IllegalArgumentException("a fuzz run needs a limit: cases or time");
    }
    if (batchSize < 1 || maxShrinksPerLanguage < 0 || shrinkBatches < 1) {
      throw new IllegalArgumentException(
          "batchSize and shrinkBatches must be 1 or more, maxShrinksPerLanguage 0 or more");
    }
  }

  /** The defaults with a seed and a limit. */
  public static FuzzSettings of(long seed, long cases, Duration time, Path out, Path generator) {
    return new FuzzSettings(seed, cases, time, out, generator, 5, 400, 256, Duration.ofSeconds(5));
  }

  /** The whole-run limit in words, e.g. {@code 60 s} or {@code 2,000 inputs}. */
  public String limit() {
    String t = time.isZero() ? "" : time.toMillis() / 1000.0 + " s";
    String c = cases == 0 ? "" : String.format(java.util.Locale.ROOT, "%,d inputs", cases);
    return t.isEmpty() ? c : c.isEmpty() ? t : c + " or " + t + ", whichever comes first";
  }
}
