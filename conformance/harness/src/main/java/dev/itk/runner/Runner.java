package dev.itk.runner;

/**
 * Runs implementations of one kind ({@code process}, later {@code container} and {@code embedded}).
 * A runner opens one {@link AdapterSession} per implementation per run.
 */
public interface Runner {
  /** The kind, the first part of {@code kind:language}. */
  String kind();

  /**
   * The language part of the implementation's {@code kind:language} id: the manifest's language,
   * unless the runner names it otherwise ({@code embedded:javascript} for the Node sample).
   */
  default String languageOf(AdapterManifest manifest) {
    return manifest.language();
  }

  /** Whether the implementation's runtime is available to this runner. */
  Availability availability(AdapterManifest manifest);

  /**
   * Builds (if needed) and starts the implementation's adapter and smoke-tests it with {@code
   * start}.
   *
   * @throws BrokenHarnessException if the build fails or the adapter does not answer {@code start}
   *     correctly
   */
  AdapterSession open(AdapterManifest manifest);
}
