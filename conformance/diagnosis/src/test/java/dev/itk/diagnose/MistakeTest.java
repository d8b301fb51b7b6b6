package dev.itk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The variants each catalogue entry makes: each a real change of what is signed, naming its
 * mistake, and made for a recipe with room for every mistake but those found otherwise.
 */
class MistakeTest {
  /**
   * A request with something for every recipe mistake: upper case, "//", an escape, a query, a JSON
   * body.
   */
  private static final Recipe BASE =
      Recipe.of(
          "Post",
          "0f8fad5b-d9cb-469f-a165-70867728950e",
          "2024-05-01T12:00:00.1234567Z",
          "/NestedSite1//api/v1/Notes/Caf%C3%A9",
          "q=a+b%20c",
          ByteString.utf8("{\"text\": \"caf\u00e9\"}\r\n"),
          ByteString.utf8("c2VjcmV0LWtleQ=="));

  private static final Variant.Context CONTEXT =
      new Variant.Context("example.issuetrak.com", "c2VjcmV0LWtleQ==");

  /** The same request with its body sent gzip-compressed. */
  private static final Recipe GZIP_BASE = BASE.withBody(gzip(BASE.body()));

  private static ByteString gzip(ByteString body) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
      z.write(body.toByteArray());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return ByteString.of(out.toByteArray());
  }

  /** Keys of the other shapes a key mistake needs: hex, and base64url with a '-' or '_'. */
  private static final List<Variant.Context> OTHER_KEYS =
      List.of(
          new Variant.Context("example.issuetrak.com", "73656372657420686578206b6579"),
          new Variant.Context("example.issuetrak.com", "c2VjcmV0_a2V5-Zm9yIHVybA"));

  @Test
  void everyVariant_changesWhatIsSigned_andNamesItsMistake() {
    for (Mistake m : Mistake.values()) {
      for (Recipe base : List.of(BASE, GZIP_BASE)) {
        List<Variant> variants = new java.util.ArrayList<>(m.variants(base, CONTEXT));
        OTHER_KEYS.forEach(c -> variants.addAll(m.variants(base, c)));
        for (Variant v : variants) {
          Recipe r = v.recipe();

          assertThat(r.mistakes()).as(m.id()).containsExactly(m);
          assertThat(v.mistakes()).isEqualTo(1);
          assertThat(r.message().equals(base.message()) && r.key().equals(base.key()))
              .as("%s: a variant that signs what the base signs", m.id())
              .isFalse();
        }
      }
    }
  }

  @Test
  void onlyTheMistakesFoundOtherwise_makeNoVariant() {
    Set<Mistake> none = EnumSet.noneOf(Mistake.class);
    for (Mistake m : Mistake.values()) {
      if (m.variants(BASE, CONTEXT).isEmpty()
          && m.variants(GZIP_BASE, CONTEXT).isEmpty()
          && OTHER_KEYS.stream().allMatch(c -> m.variants(BASE, c).isEmpty())) {
        none.add(m);
      }
    }

    // the signature's encodings and where it was sent are read from the request; the rest refuse
    // a right signature
    assertThat(none)
        .containsExactlyInAnyOrder(
            Mistake.WRONG_HASH,
            Mistake.SIGNATURE_HEX,
            Mistake.SIGNATURE_BASE64URL,
            Mistake.HEADER_NAME_MISSPELLED,
            Mistake.TIMESTAMP_EPOCH,
            Mistake.TIMESTAMP_LOCAL_TIME,
            Mistake.SIGNATURE_SCHEME_WORD,
            Mistake.SIGNATURE_MIME_WRAPPED,
            Mistake.SIGNATURE_IN_AUTHORIZATION_HEADER,
            Mistake.CLOCK_SKEW,
            Mistake.REPLAYED_REQUEST_ID);
  }

  @Test
  void fieldOrder_isTheOtherOrders_triedAlone() {
    List<Variant> orders = Mistake.FIELD_ORDER.variants(BASE, CONTEXT);
    Set<List<Integer>> distinct = new HashSet<>();
    orders.forEach(v -> distinct.add(v.recipe().order()));

    assertThat(distinct).hasSize(719).doesNotContain(Recipe.SCHEME_ORDER);
    assertThat(Mistake.FIELD_ORDER.triedAlone()).isTrue();
    assertThat(EnumSet.allOf(Mistake.class).stream().filter(Mistake::triedAlone))
        .containsExactly(Mistake.FIELD_ORDER);
  }
}
