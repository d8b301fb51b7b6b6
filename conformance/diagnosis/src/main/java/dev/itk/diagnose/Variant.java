package dev.itk.diagnose;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One recipe the client may have signed: {@code from} with {@code edit} made for {@code mistake},
 * e.g. the request's recipe with its path not lowercased for {@link Mistake#PATH_NOT_LOWERCASED}.
 * Built only when tried, so that a large body is copied only then.
 */
record Variant(Recipe from, Mistake mistake, UnaryOperator<Recipe> edit) {
  /** The recipe, with {@code mistake} added to its mistakes. */
  Recipe recipe() {
    return edit.apply(from).plus(mistake);
  }

  /** How many mistakes the recipe makes. */
  int mistakes() {
    return from.mistakes().size() + 1;
  }

  /**
   * What a mistake's variants may use besides the recipe: the request's {@code Host} and the API
   * key's text, and the JSON forms of each body, made once per body (most recipes share the
   * request's). One per diagnosis; not thread-safe.
   */
  static final class Context {
    private final String host;
    private final String keyText;
    private final Map<ByteString, List<ByteString>> jsonForms = new HashMap<>();
    private final Map<ByteString, java.util.Optional<ByteString>> inflated = new HashMap<>();

    /**
     * @param host the request's {@code Host} header, null when it has none
     * @param keyText the API key as text
     */
    Context(String host, String keyText) {
      this.host = host;
      this.keyText = keyText;
    }

    /** The request's {@code Host} header, null when it has none. */
    String host() {
      return host;
    }

    /** The API key as text. */
    String keyText() {
      return keyText;
    }

    /**
     * {@code body} inflated, when it is one gzip member of at most {@link
     * BodyEncodings#GZIP_MAX_INFLATED} bytes inflated; else null ({@link BodyEncodings#gunzipped}).
     */
    ByteString gunzipped(ByteString body) {
      if (!body.startsWith(BodyEncodings.GZIP_MAGIC)) {
        return null; // not worth hashing the body for the memo
      }
      return inflated
          .computeIfAbsent(body, b -> java.util.Optional.ofNullable(BodyEncodings.gunzipped(b)))
          .orElse(null);
    }

    /** The other JSON forms of {@code body} ({@link JsonForms#otherForms}). */
    List<ByteString> jsonForms(ByteString body) {
      if (body.length() > JsonForms.MAX_BODY) {
        return List.of(); // JsonForms makes none: not worth hashing a large body for the memo
      }
      return jsonForms.computeIfAbsent(
          body, b -> JsonForms.otherForms(b.toByteArray()).stream().map(ByteString::of).toList());
    }
  }
}
