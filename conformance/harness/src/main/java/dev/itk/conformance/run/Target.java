package dev.itk.conformance.run;

import dev.itk.runner.AdapterManifest;
import dev.itk.runner.ImplementationId;
import dev.itk.runner.Runner;

/**
 * One implementation to check, and the runner that runs it.
 *
 * @param id e.g. {@code process:php}
 * @param manifest its {@code adapter.json}
 * @param runner the runner of {@code id.kind()}
 */
public record Target(ImplementationId id, AdapterManifest manifest, Runner runner) {
  public Target {
    if (!id.kind().equals(runner.kind()) || !id.language().equals(runner.languageOf(manifest))) {
      throw new IllegalArgumentException(
          "target "
              + id
              + " does not match runner "
              + runner.kind()
              + " and language "
              + runner.languageOf(manifest));
    }
  }
}
