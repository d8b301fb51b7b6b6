package dev.itk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A recipe is a value: its changes are copies, the bytes it holds are its own, and its key never
 * shows in {@code toString}.
 */
class RecipeTest {
  private static final Recipe BASE =
      Recipe.of(
          "GET",
          "0f8fad5b-d9cb-469f-a165-70867728950e",
          "2024-05-01T12:00:00.0000000Z",
          "/NestedSite1/api/v1/Issues",
          "a=1",
          ByteString.utf8("{}"),
          ByteString.utf8("the-secret-key"));

  @Test
  void with_returnsAChangedCopy_andLeavesTheRecipeAsItWas() {
    Recipe changed =
        BASE.withPathAsSent()
            .withQueryPrefix("?")
            .withBody(ByteString.EMPTY)
            .withOrder(List.of(1, 0, 2, 3, 4, 5))
            .withTrailingNewline()
            .plus(Mistake.PATH_NOT_LOWERCASED);

    assertThat(BASE.lowercasePath()).isTrue();
    assertThat(BASE.queryPrefix()).isEmpty();
    assertThat(BASE.body()).isEqualTo(ByteString.utf8("{}"));
    assertThat(BASE.order()).isEqualTo(Recipe.SCHEME_ORDER);
    assertThat(BASE.trailingNewline()).isFalse();
    assertThat(BASE.mistakes()).isEmpty();
    assertThat(changed.path()).isEqualTo("/NestedSite1/api/v1/Issues");
    assertThat(changed.mistakes()).containsExactly(Mistake.PATH_NOT_LOWERCASED);
    assertThat(BASE.withMethod("GET")).isEqualTo(BASE).isNotSameAs(BASE);
  }

  @Test
  void listsGivenToARecipe_areCopied_andItsListsCannotBeChanged() {
    List<Integer> order = new ArrayList<>(List.of(1, 0, 2, 3, 4, 5));
    Recipe r = BASE.withOrder(order);
    order.set(0, 5);

    assertThat(r.order()).containsExactly(1, 0, 2, 3, 4, 5);
    assertThatThrownBy(() -> r.order().set(0, 5)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.mistakes().add(Mistake.VERB_CASE))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void order_mustNameFiveOrSixFields_eachOnce() {
    assertThatThrownBy(() -> BASE.withOrder(List.of(0, 0, 2, 3, 4, 5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "order must name five or six of the fields 0 to 5, each once; got [0, 0, 2, 3, 4, 5]");
    assertThatThrownBy(() -> BASE.withOrder(List.of(0, 1, 2, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "order must name five or six of the fields 0 to 5, each once; got [0, 1, 2, 3]");
    assertThatThrownBy(() -> BASE.withOrder(List.of(0, 1, 2, 3, 6)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "order must name five or six of the fields 0 to 5, each once; got [0, 1, 2, 3, 6]");
  }

  @Test
  void aFieldLeftOut_isNotInTheMessage() {
    Recipe r = BASE.withOrder(List.of(0, 1, 2, 3, 5));

    assertThat(r.message().parts()).hasSize(9); // five fields, four separators
    assertThat(r.message().parts()).doesNotContain(ByteString.utf8(BASE.query()));
  }

  @Test
  void byteString_copiesTheArrayItIsGiven_andTheArrayItGivesOut() {
    byte[] sent = "{}".getBytes(StandardCharsets.UTF_8);
    ByteString body = ByteString.of(sent);
    sent[0] = 'x';
    body.toByteArray()[1] = 'x';

    assertThat(body.string(StandardCharsets.UTF_8)).isEqualTo("{}");
  }

  @Test
  void toString_neverShowsTheKey() {
    assertThat(BASE.toString()).doesNotContain("the-secret-key").contains("key=[14 bytes]");
  }

  @Test
  void message_isTheFieldsInTheirOrder_joinedByTheSeparator() {
    Recipe r =
        BASE.withOrder(List.of(1, 0, 2, 3, 4, 5))
            .withSeparator("\r\n")
            .withQueryPrefix("?")
            .withTrailingNewline();

    assertThat(text(r.message()))
        .isEqualTo(
            "0f8fad5b-d9cb-469f-a165-70867728950e\r\nGET\r\n2024-05-01T12:00:00.0000000Z\r\n"
                + "/nestedsite1/api/v1/issues\r\n?a=1\r\n{}\n");
    assertThat(r.message().length()).isEqualTo(text(r.message()).length());
  }

  @Test
  void byteString_replace_isStringReplaceOnBytes() {
    ByteString crlf = ByteString.utf8("\r\n");
    ByteString lf = ByteString.utf8("\n");

    assertThat(ByteString.utf8("a\nb\n\n").replace(lf, crlf))
        .isEqualTo(ByteString.utf8("a\r\nb\r\n\r\n"));
    assertThat(ByteString.utf8("a\r\n\r\nb").replace(crlf, lf))
        .isEqualTo(ByteString.utf8("a\n\nb"));
    assertThat(ByteString.utf8("ab").replace(lf, crlf)).isEqualTo(ByteString.utf8("ab"));
    assertThat(ByteString.utf8("ab\n").endsWith(lf)).isTrue();
    assertThat(ByteString.EMPTY.endsWith(lf)).isFalse();
  }

  private static String text(Recipe.Message m) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.parts().forEach(p -> out.writeBytes(p.toByteArray()));
    return out.toString(StandardCharsets.UTF_8);
  }
}
