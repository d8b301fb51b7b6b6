package dev.itk.runner;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How an implementation under test is addressed: {@code kind:language}, e.g. {@code process:php}.
 *
 * @param kind how it runs: {@code process}, {@code container}, {@code embedded}
 * @param language the language (the adapter manifest's {@code language}), e.g. {@code php}
 */
public record ImplementationId(String kind, String language) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

  /** Both parts are lowercase names. */
  public ImplementationId {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(language, "language");
    if (!NAME.matcher(kind).matches() || !NAME.matcher(language).matches()) {
      throw new IllegalArgumentException(
          "implementation \""
              + kind
              + ":"
              + language
              + "\" must be kind:language, both lowercase names like process:php");
    }
  }

  /**
   * Parses {@code kind:language}.
   *
   * @throws IllegalArgumentException naming the text and the rule
   */
  public static ImplementationId parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "implementation \"" + text + "\" must be kind:language, e.g. process:php");
    }
    return new ImplementationId(text.substring(0, colon), text.substring(colon + 1));
  }

  @Override
  public String toString() {
    return kind + ":" + language;
  }
}
