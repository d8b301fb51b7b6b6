package dev.itk.conformance.run;

/** Where a run reports what it is doing, as it does it (the terminal, a test log). */
public interface Progress {
  /** A line about {@code target}, e.g. its runtime, or a finished check. */
  void line(String target, String text);

  /** Discards everything. */
  Progress NONE = (target, text) -> {};
}
