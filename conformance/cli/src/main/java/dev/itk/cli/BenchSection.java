package dev.itk.cli;

import dev.itk.conformance.run.Progress;
import java.io.PrintWriter;

/**
 * One section of {@code itk bench}'s report: it measures one thing and prints it as a Markdown
 * section, so the output can go into {@code docs/performance.md} as is. {@link BenchCommand} runs
 * its sections in order; a new measurement (for example the stub's throughput with and without
 * signature checking) is a new section there.
 */
interface BenchSection {
  /** The heading, e.g. {@code Sample languages}, printed as {@code ## Sample languages}. */
  String heading();

  /**
   * Measures, with a line on {@code progress} for each step, and prints the section's body (what
   * was measured, the table, the notes) to {@code out}.
   *
   * @return whether everything the section checked held (signatures right, runs passed)
   */
  boolean run(PrintWriter out, Progress progress);
}
