package dev.itk.stub.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The stub's clock: a base clock that tests can freeze at an instant or shift, and reset to the
 * base. Thread-safe; the verifier and the data both read it. It always shows an instant the
 * canonical timestamp form can write (years 0001-9999): moves that would leave that range are
 * refused, and a running clock that reaches an end stays there.
 *
 * <pre>{@code
 * clock.freezeAt(Instant.parse("2014-09-10T17:28:08.3227351Z"));
 * clock.shift(Duration.ofMinutes(6)); // now 2014-09-10T17:34:08.3227351Z
 * clock.reset();                      // back to the base clock
 * }</pre>
 */
public final class StubClock extends Clock {
  /** A frozen instant (null while the base clock runs) and an offset added to either. */
  private record State(Instant frozenAt, Duration offset) {}

  /** The first instant the stub's clock shows: 0001-01-01T00:00:00Z. */
  public static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");

  /** The last instant the stub's clock shows: 9999-12-31T23:59:59.9999999Z. */
  public static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999900Z");

  private final Clock base;
  private final AtomicReference<State> state =
      new AtomicReference<>(new State(null, Duration.ZERO));

  public StubClock(Clock base) {
    this.base = Objects.requireNonNull(base, "base clock");
  }

  @Override
  public Instant instant() {
    return clamp(read(state.get()));
  }

  /**
   * Stops the clock at {@code instant}.
   *
   * @throws IllegalArgumentException if {@code instant} is outside {@link #FIRST} to {@link #LAST}
   */
  public void freezeAt(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    if (instant.isBefore(FIRST) || instant.isAfter(LAST)) {
      throw new IllegalArgumentException(
          "the stub's clock must stay within " + FIRST + " to " + LAST + "; got " + instant);
    }
    state.set(new State(instant, Duration.ZERO));
  }

  /**
   * Moves the clock by {@code by} (negative moves it back), frozen or not.
   *
   * @throws IllegalArgumentException if the clock would leave {@link #FIRST} to {@link #LAST}
   */
  public void shift(Duration by) {
    Objects.requireNonNull(by, "by");
    state.updateAndGet(
        s -> {
          try {
            State moved = new State(s.frozenAt(), s.offset().plus(by));
            Instant now = read(moved);
            if (!now.isBefore(FIRST) && !now.isAfter(LAST)) {
              return moved;
            }
          } catch (ArithmeticException | DateTimeException e) {
            // beyond any instant: refused below
          }
          throw new IllegalArgumentException(
              "shifting the stub's clock by "
                  + by
                  + " would take it outside "
                  + FIRST
                  + " to "
                  + LAST
                  + " (it is now "
                  + instant()
                  + ")");
        });
  }

  private Instant read(State s) {
    return (s.frozenAt() != null ? s.frozenAt() : base.instant()).plus(s.offset());
  }

  /** Within the range the canonical timestamp form can write, even as a running clock moves on. */
  private static Instant clamp(Instant t) {
    return t.isBefore(FIRST) ? FIRST : t.isAfter(LAST) ? LAST : t;
  }

  /** Back to the base clock, unshifted. */
  public void reset() {
    state.set(new State(null, Duration.ZERO));
  }

  /** Whether the clock is frozen. */
  public boolean isFrozen() {
    return state.get().frozenAt() != null;
  }

  /** This clock's time minus the base clock's time now. */
  public Duration offsetFromBase() {
    State s = state.get();
    Instant baseNow = base.instant();
    Instant now = clamp((s.frozenAt() != null ? s.frozenAt() : baseNow).plus(s.offset()));
    return Duration.between(baseNow, now);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the stub's clock is always UTC");
  }

  @Override
  public String toString() {
    return "StubClock[" + instant() + (isFrozen() ? ", frozen" : "") + "]";
  }
}
