package dev.itk.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryFormTest {
  @ParameterizedTest(name = "{0} of [{1}]")
  @CsvSource(
      delimiter = '|',
      emptyValue = "",
      value = {
        "raw | issueNumbers=1%2C2 | issueNumbers=1%2C2",
        "raw | '' | ''",
        "with-? | issueNumbers=1,2 | ?issueNumbers=1,2",
        "with-? | '' | ''",
        "decoded | issueNumbers=1%2C2 | issueNumbers=1,2",
        "decoded | q=printer+jam%20now | q=printer jam now",
        "decoded | name=Ren%C3%A9 | name=René",
        "decoded | bad=%zz&cut=%4 | bad=%zz&cut=%4",
        "decoded | notutf8=%FF | notutf8=\uFFFD",
        "decoded | a=%2b | a=+",
        "empty | issueNumbers=1,2 | ''",
      })
  void signedQuery(String label, String raw, String expected) {
    assertThat(QueryForm.ofLabel(label).signedQuery(raw)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"RAW, raw", "With-?, with-?", "EMPTY, empty"})
  void ofLabel_isCaseInsensitive(String label, String canonical) {
    assertThat(QueryForm.ofLabel(label).label()).isEqualTo(canonical);
  }

  @org.junit.jupiter.api.Test
  void ofLabel_namesTheValueAndTheChoices() {
    assertThatThrownBy(() -> QueryForm.ofLabel("sorted"))
        .hasMessage("query form \"sorted\" is not one of raw, with-?, decoded, empty");
  }
}
