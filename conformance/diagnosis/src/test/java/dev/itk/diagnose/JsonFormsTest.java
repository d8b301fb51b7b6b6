package dev.itk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The serializations the diagnosis tries for {@code body-reserialized}, and their bounds: no body,
 * however nested, makes a form longer than 4 times itself plus 8 KiB (found in review: 1000 nested
 * arrays made the indented forms grow to gigabytes).
 */
class JsonFormsTest {
  @Test
  void otherForms_areTheCommonSerializations_withoutTheOneSent() {
    List<String> forms = texts(JsonForms.otherForms(utf8("{\"a\":[1,\"x/y\"]}")));

    assertThat(forms)
        .containsExactly(
            "{\"a\": [1, \"x/y\"]}",
            "{\n  \"a\": [\n    1,\n    \"x/y\"\n  ]\n}",
            "{\n    \"a\": [\n        1,\n        \"x/y\"\n    ]\n}",
            "{\"a\":[1,\"x\\/y\"]}");
  }

  @Test
  void otherForms_refuseJsonNestedDeeperThan64() {
    // a long string, so that the forms indented 64 deep stay within 4 times the body
    String inside = "\"" + "x".repeat(4000) + "\",2";

    assertThat(JsonForms.otherForms(nested(64, inside)).size())
        .as("forms of 64 deep: Python's separators, indented by 2 and by 4")
        .isEqualTo(3);
    assertThat(JsonForms.otherForms(nested(65, inside)).size()).as("forms of 65 deep").isZero();
  }

  @Test
  void otherForms_ofAMegabyteOf1000NestedArrays_isNothing() {
    byte[] body = nested(1000, "0,".repeat(500_000) + "0");
    assertThat(body.length).isGreaterThan(1_000_000);

    assertThat(JsonForms.otherForms(body).size()).isZero();
  }

  @Test
  void otherForms_ofDeepManyElementsJustUnderTheSizeLimit_dropTheIndentedForms() {
    // 63 deep, 130 000 elements, 256 KiB minus a little: indented by 4, each element would sit on
    // its own line behind 256 spaces, about 34 MB per form.
    String elements = "0," + "0,".repeat(129_999) + "0";
    byte[] body = nested(63, elements);
    assertThat(body.length).isBetween(256 * 1024 - 2048, 256 * 1024);

    List<byte[]> forms = JsonForms.otherForms(body);

    assertThat(forms)
        .allSatisfy(f -> assertThat(f.length).isLessThanOrEqualTo(4 * body.length + 8192));
    // Only Python's default separators remain; the indented forms were abandoned as too long.
    assertThat(texts(forms))
        .containsExactly(
            new String(nested(63, elements.replace(",", ", ")), StandardCharsets.UTF_8));
  }

  @Test
  void otherForms_ofABodyOverTheSizeLimit_isNothing_evenFlat() {
    byte[] body = utf8("[" + "1,".repeat(140_000) + "1]");
    assertThat(body.length).isGreaterThan(256 * 1024);

    assertThat(JsonForms.otherForms(body).size()).isZero();
  }

  private static byte[] nested(int depth, String inside) {
    return utf8("[".repeat(depth) + inside + "]".repeat(depth));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> texts(List<byte[]> forms) {
    return forms.stream().map(f -> new String(f, StandardCharsets.UTF_8)).toList();
  }
}
