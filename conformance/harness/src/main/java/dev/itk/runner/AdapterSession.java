package dev.itk.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A started adapter: one per implementation per run. Every method may throw {@link
 * BrokenHarnessException}; after one, the session is closed and answers nothing more.
 */
public interface AdapterSession extends AutoCloseable {
  /** Every part of a {@code sign} result. */
  Set<String> ALL_SIGN_PARTS = Set.of("message", "signature", "headers", "formattedTimestamp");

  /** What the adapter answered to {@code start}. */
  StartInfo info();

  /**
   * Where the adapter runs, for reports: {@code host (PATH)} for a process, the image for a
   * container, e.g. {@code image localhost/itk-sample-php:3f2a9c1d0b7e}.
   */
  String environment();

  /** The parts of a {@code sign} result this implementation produces. */
  Set<String> signParts();

  /** What a run through this session checks, when it is less than everything; else empty. */
  String scope();

  /** {@code sign} one valid vector's inputs (the vector file's {@code input} object). */
  Answer sign(String vectorId, JsonNode input);

  /** One input of a {@link #signBatch}: an id for reports and a {@code sign} input. */
  record SignItem(String id, JsonNode input) {}

  /**
   * {@code signBatch}: signs every item, answering in the items' order exactly as {@link #sign}
   * would answer each (a refused item is {@link Answer.Errored}, the others go on). One round trip
   * for many inputs, which is what makes fuzzing fast. This default sends one {@code sign} per
   * item; a session whose adapter knows {@code signBatch} sends one command.
   */
  default List<Answer> signBatch(List<SignItem> items) {
    List<Answer> out = new ArrayList<>(items.size());
    for (SignItem item : items) {
      out.add(sign(item.id(), item.input()));
    }
    return List.copyOf(out);
  }

  /**
   * {@code bench}: the adapter signs {@code input} (a {@code sign} input) over and over, timed by
   * its own clock, and answers {@code {"operations", "elapsedNanos", "signature"}}. An adapter that
   * does not know {@code bench} answers {@code errored} (unknown command), which callers treat as
   * "not benchmarked", not as a failure.
   */
  Answer bench(JsonNode input, BenchSettings settings);

  /** {@code scenario}: the command's fields other than {@code seq} and {@code cmd}. */
  Answer scenario(ObjectNode command);

  /** The end of what the adapter wrote to standard error so far. */
  String stderr();

  /** Sends {@code stop}, waits briefly for the exit, then ends the adapter. Never throws. */
  @Override
  void close();
}
