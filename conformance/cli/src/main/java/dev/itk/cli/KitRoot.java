package dev.itk.cli;

import dev.itk.conformance.vectors.VectorSet;
import java.nio.file.Path;

/**
 * The kit's folder (a checkout or the release archive), whose fixtures and samples are defaults.
 */
final class KitRoot {
  private KitRoot() {}

  /**
   * The folder {@code ./itk} or the archive's {@code bin/itk} passes as {@code itk.root}, or the
   * nearest folder above the working one that holds {@code fixtures/vectors}.
   *
   * @throws BadInputException when there is none, saying how to run the CLI so there is
   */
  static Path find() {
    try {
      return VectorSet.repositoryRoot();
    } catch (IllegalStateException e) {
      throw new BadInputException(
          e.getMessage()
              + " (run the CLI through a checkout's ./itk or the release archive's bin/itk, which"
              + " pass their folder as itk.root)",
          e);
    }
  }
}
