package dev.itk.fuzz;

import dev.itk.conformance.run.Status;
import java.util.List;

/**
 * What a fuzz run learned about one implementation.
 *
 * @param id e.g. {@code process:php}
 * @param language e.g. {@code php}
 * @param displayName e.g. {@code PHP}
 * @param runner the runner kind
 * @param runtime what the adapter reported, or why it did not run
 * @param environment where it ran
 * @param implementation its folder
 * @param status passed (no difference), failed (a difference), broken (the adapter broke the
 *     protocol, crashed or timed out: not a signing difference), skipped or missing
 * @param detail why it broke, was skipped or is missing; empty otherwise
 * @param scope what was compared when it is less than everything (an embedded JavaScript run: the
 *     message only); empty otherwise
 * @param tried inputs it signed (or refused)
 * @param refusedAcceptable acceptable inputs it refused with a message (allowed)
 * @param differed inputs whose answer differed from the reference's
 * @param inputsPerSecond its throughput while fuzzing (shrinking not counted)
 * @param kinds each kind of difference, with how often and where it was first seen
 * @param firstRefusal the message of its first refusal, for the report; empty if none
 * @param stderr the end of its standard error when it broke or differed
 */
public record LanguageResult(
    String id,
    String language,
    String displayName,
    String runner,
    String runtime,
    String environment,
    String implementation,
    Status status,
    String detail,
    String scope,
    long tried,
    long refusedAcceptable,
    long differed,
    double inputsPerSecond,
    List<KindCount> kinds,
    String firstRefusal,
    String stderr) {
  public LanguageResult {
    kinds = List.copyOf(kinds);
  }

  /**
   * One kind of difference in one implementation.
   *
   * @param kind see {@link Difference#kind()}
   * @param count inputs that showed it
   * @param firstCase the index of the first input that showed it
   */
  public record KindCount(String kind, long count, long firstCase) {}
}
