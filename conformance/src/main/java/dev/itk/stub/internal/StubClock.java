package dev.itk.stub.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The stub's clock: a base clock that tests can freeze at an instant or shift, and reset to the
 * base. Thread-safe; the verifier and the data both read it.
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

  private final Clock base;
  private final AtomicReference<State> state =
      new AtomicReference<>(new State(null, Duration.ZERO));

  public StubClock(Clock base) {
    this.base = Objects.requireNonNull(base, "base clock");
  }

  @Override
  public Instant instant() {
    State s = state.get();
    return (s.frozenAt() != null ? s.frozenAt() : base.instant()).plus(s.offset());
  }

  /** Stops the clock at {@code instant}. */
  public void freezeAt(Instant instant) {
    state.set(new State(Objects.requireNonNull(instant, "instant"), Duration.ZERO));
  }

  /** Moves the clock by {@code by} (negative moves it back), frozen or not. */
  public void shift(Duration by) {
    Objects.requireNonNull(by, "by");
    state.updateAndGet(s -> new State(s.frozenAt(), s.offset().plus(by)));
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
    Instant now = (s.frozenAt() != null ? s.frozenAt() : baseNow).plus(s.offset());
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
