package dev.itk.fuzz;

/**
 * How an implementation's answer to one input differs from the reference's.
 *
 * @param kind what differs, the same for every input that shows the same bug: {@code message:path}
 *     (the first differing byte is in the path), {@code signature} (same message, other signature),
 *     {@code headers:X-Issuetrak-API-Timestamp}, {@code refused} (a valid input refused), {@code
 *     answer} (an answer that is not a signing result)
 * @param detail the first difference, rendered for a person (for a message: both messages field by
 *     field, the first differing byte named)
 */
public record Difference(String kind, String detail) {}
