package dev.itk.client;

import static dev.itk.client.ClientTestSupport.verify;
import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.signing.QueryForm;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The query is always sent raw; the query form changes only the field that is signed. */
@ExtendWith(CapturingServerExtension.class)
class QueryFormTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "raw      | issueNumbers=1%2C2+3",
        "with-?   | ?issueNumbers=1%2C2+3",
        "decoded  | issueNumbers=1,2 3",
        "empty    | ``",
      })
  void queryForm_signsItsFieldAndSendsTheQueryRaw(
      String label, String signedQuery, CapturingServer server) throws Exception {
    server.answer(200, "[]");
    IssuetrakClient client =
        ClientTestSupport.builder(server).queryForm(QueryForm.ofLabel(label)).build();

    client.send("GET", "/issues/true/", "issueNumbers=1%2C2+3", null);

    CapturingServer.Recorded r = server.take();
    assertThat(r.rawPath()).isEqualTo("/NestedSite1/api/v1/issues/true/");
    assertThat(r.rawQuery()).isEqualTo("issueNumbers=1%2C2+3");
    assertThat(verify(r, signedQuery).code()).isEqualTo("valid");
    if (!label.equals("raw")) {
      assertThat(verify(r, "issueNumbers=1%2C2+3").code()).isEqualTo("bad-signature");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"raw", "with-?", "decoded", "empty"})
  void queryForm_leavesAnEmptyQueryEmpty(String label, CapturingServer server) throws Exception {
    server.answer(200, "[]");
    IssuetrakClient client =
        ClientTestSupport.builder(server).queryForm(QueryForm.ofLabel(label)).build();

    client.send("GET", "/issuetypes", "", null);

    CapturingServer.Recorded r = server.take();
    assertThat(r.rawQuery()).isNull();
    assertThat(verify(r, "").code()).isEqualTo("valid");
  }
}
