package dev.itk.diagnose;

/**
 * How long each fuzz test fuzzes when {@code JAZZER_FUZZ} is set (the build's {@code fuzz}
 * execution, docs/security.md#fuzzing). Without it the fuzz tests replay their committed inputs
 * only, like any regression test.
 */
public final class FuzzBudget {
  /** Per fuzz test, in the CI build. */
  public static final String CI = "15s";

  private FuzzBudget() {}
}
