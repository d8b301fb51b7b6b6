package dev.itk.runner.embedded;

import dev.itk.conformance.run.CrossLanguageSuite;
import dev.itk.runner.AdapterManifest;
import dev.itk.runner.Runner;

/**
 * The cross-language checks in-process on GraalVM Polyglot: the Python sample's own adapter and
 * signer in GraalPy (everything, scenarios included), the Node sample's own canonicalization in
 * GraalJS (message bytes and timestamps; its scenarios and bench are refused with the reason).
 */
class EmbeddedConformanceTest extends CrossLanguageSuite {
  private final EmbeddedRunner runner = new EmbeddedRunner(line -> {});

  @Override
  protected Runner runner() {
    return runner;
  }

  @Override
  protected boolean includes(AdapterManifest m) {
    return EmbeddedRunner.supports(m);
  }

  @Override
  protected boolean performsScenarios(AdapterManifest m) {
    return m.language().equals("python");
  }

  /** GraalJS has no HMAC: the JavaScript glue answers bench skipped. */
  @Override
  protected boolean benches(AdapterManifest m) {
    return m.language().equals("python");
  }
}
