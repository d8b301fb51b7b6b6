package dev.itk.runner;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an adapter runs a {@code bench}: it signs for {@code warmup} without counting, then
 * counts until it has made at least {@code iterations} signatures <em>and</em> spent at least
 * {@code duration} ({@code docs/runner-protocol.md#bench}).
 *
 * <pre>{@code
 * new BenchSettings(200, Duration.ofSeconds(1), Duration.ofSeconds(1))
 * }</pre>
 *
 * @param iterations the fewest signatures to count, at least 1
 * @param duration the shortest time to count them over
 * @param warmup how long to sign before counting (JIT compilation, caches)
 */
public record BenchSettings(long iterations, Duration duration, Duration warmup) {
  public BenchSettings {
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(warmup, "warmup");
    if (iterations < 1) {
      throw new IllegalArgumentException("bench iterations " + iterations + "; must be at least 1");
    }
    if (duration.isNegative() || warmup.isNegative()) {
      throw new IllegalArgumentException(
          "bench duration " + duration + " and warm-up " + warmup + " must not be negative");
    }
  }
}
