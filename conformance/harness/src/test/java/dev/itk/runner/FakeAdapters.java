package dev.itk.runner;

import dev.itk.conformance.vectors.VectorSet;
import java.nio.file.Path;
import java.util.List;

/**
 * The adapter that misbehaves on purpose, {@code
 * conformance/harness/src/test/resources/fake-adapters/fake_adapter.py}: its first argument is the
 * mode (good, errors, wrong-language, bench-wrong-signature, ...).
 */
public final class FakeAdapters {
  /** The folder holding {@code fake_adapter.py}, found from any module's tests. */
  public static final Path FOLDER =
      VectorSet.repositoryRoot().resolve("conformance/harness/src/test/resources/fake-adapters");

  private FakeAdapters() {}

  /** The manifest of the fake adapter run in {@code mode}, language {@code fake}. */
  public static AdapterManifest manifest(String mode) {
    return new AdapterManifest(
        FOLDER,
        "fake",
        "Fake",
        List.of("python3", "--version"),
        "apt-get install -y python3",
        List.of(),
        List.of("python3", "fake_adapter.py", mode),
        List.of());
  }
}
