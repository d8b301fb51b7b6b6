package dev.itk.fuzz;

import java.nio.file.Path;
import java.util.List;

/**
 * One difference, shrunk and written as a vector.
 *
 * @param kind see {@link Difference#kind()}
 * @param foundBy the implementation whose difference was shrunk
 * @param languages every implementation that differs on the shrunk input
 * @param firstCase the index of the input where it was first seen (with the run's seed, the input
 *     itself)
 * @param original that input
 * @param shrunk the minimal input that still shows the difference
 * @param difference the difference on the shrunk input, rendered
 * @param shrinkTried candidates tried while shrinking
 * @param vectorFile the vector file written, or null if writing failed
 * @param confirmed whether {@code fixtures/generate --confirm} computed the same expectation
 * @param confirmation what the generator said, or why it was not asked
 */
public record FuzzFinding(
    String kind,
    String foundBy,
    List<String> languages,
    long firstCase,
    FuzzInput original,
    FuzzInput shrunk,
    String difference,
    int shrinkTried,
    Path vectorFile,
    boolean confirmed,
    String confirmation) {
  public FuzzFinding {
    languages = List.copyOf(languages);
  }
}
