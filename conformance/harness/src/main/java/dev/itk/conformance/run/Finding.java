package dev.itk.conformance.run;

/**
 * One difference found by a check.
 *
 * @param subject what was checked: a vector id, or a scenario's request, e.g. {@code request 2 (PUT
 *     /issues)}
 * @param part which part differs: {@code message}, {@code signature}, {@code headers}, {@code
 *     formattedTimestamp}, {@code body}, {@code path}, ... or {@code errored}
 * @param detail what differs, in words (for bytes, the first differing byte and its context)
 */
public record Finding(String subject, String part, String detail) {
  @Override
  public String toString() {
    return subject + ": " + part + ": " + detail;
  }
}
