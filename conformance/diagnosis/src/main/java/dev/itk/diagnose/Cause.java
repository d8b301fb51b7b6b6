package dev.itk.diagnose;

/**
 * One cause a diagnosis names.
 *
 * @param id the catalogue id, e.g. {@code query-not-signed}
 * @param explanation what the client did, in one line (with specifics, e.g. the clock offset)
 * @param fix what to change
 */
public record Cause(String id, String explanation, String fix) {
  static Cause of(Mistake m) {
    return new Cause(m.id(), m.explanation(), m.fix());
  }

  static Cause of(Mistake m, String detail) {
    return new Cause(m.id(), m.explanation() + " (" + detail + ")", m.fix());
  }
}
