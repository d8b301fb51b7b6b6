package dev.itk.signing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageRenderingTest {

  @Test
  void render_makesSeparatorsControlsAndInvisiblesVisible() {
    byte[] bytes = "a\\b\n\r\t\u0000\u007f\u0085\u00a0\ufeff\u200b é😀".getBytes(UTF_8);

    assertThat(MessageRendering.render(bytes))
        .isEqualTo("a\\\\b\\n\n\\r\\t\\x00\\x7F\\u{0085}\\u{00A0}\\u{FEFF}\\u{200B} é😀");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "E9, \\xE9",
    "C080, \\xC0\\x80",
    "EDA080, \\xED\\xA0\\x80",
    "F5, \\xF5",
    "E282, \\xE2\\x82",
    "F4908080, \\xF4\\x90\\x80\\x80",
    "C3A9FF41, é\\xFFA",
  })
  void render_showsEachByteThatIsNotWellFormedUtf8(String hex, String rendering) {
    byte[] bytes = java.util.HexFormat.of().parseHex(hex);

    assertThat(MessageRendering.render(bytes)).isEqualTo(rendering);
    assertThat(MessageRendering.readBack(rendering)).isEqualTo(bytes);
  }

  @Test
  void readBack_invertsRenderForArbitraryBytes() {
    Random random = new Random(20141010);
    for (int i = 0; i < 2_000; i++) {
      byte[] bytes = new byte[random.nextInt(64)];
      random.nextBytes(bytes);
      assertThat(MessageRendering.readBack(MessageRendering.render(bytes))).isEqualTo(bytes);
    }
  }

  @Test
  void readBack_ignoresTheRealLineBreaksAddedForReading() {
    assertThat(MessageRendering.readBack("GET\\n\nid\\n\n")).isEqualTo("GET\nid\n".getBytes(UTF_8));
  }

  @Test
  void readBack_namesTheOffsetOfAMalformedEscape() {
    assertThatThrownBy(() -> MessageRendering.readBack("ab\\q"))
        .hasMessageContaining("offset 2")
        .hasMessageContaining("unknown escape \\q");
    assertThatThrownBy(() -> MessageRendering.readBack("\\xZ1"))
        .hasMessageContaining("two hex digits");
    assertThatThrownBy(() -> MessageRendering.readBack("\\u{D800}"))
        .hasMessageContaining("not a Unicode scalar value");
  }

  @Test
  void isWellFormedUtf8_followsTheUnicodeTable() {
    assertThat(MessageRendering.isWellFormedUtf8("é😀".getBytes(UTF_8))).isTrue();
    assertThat(MessageRendering.isWellFormedUtf8(new byte[] {(byte) 0xE9})).isFalse();
  }
}
