package dev.itk.runner;

import java.util.List;

/**
 * An adapter's answer to {@code start}.
 *
 * @param language e.g. {@code php}
 * @param implementation e.g. {@code polyglot-samples/php}
 * @param runtime the runtime's name and version, e.g. {@code PHP 8.2.26}
 * @param scenarios the scenarios it performs
 */
public record StartInfo(
    String language, String implementation, String runtime, List<String> scenarios) {
  public StartInfo {
    scenarios = List.copyOf(scenarios);
  }
}
