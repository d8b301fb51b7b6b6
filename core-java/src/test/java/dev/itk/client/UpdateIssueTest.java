package dev.itk.client;

import static dev.itk.client.ClientTestSupport.client;
import static dev.itk.client.ClientTestSupport.verifyRaw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CapturingServerExtension.class)
class UpdateIssueTest {
  // The issue as the stub sends it: every read-only field, a UDF with its read-only parts, and
  // fields the client does not model (CauseID, ClosedDate, ClosedBy, Cost).
  static final String ISSUE_AS_READ =
      """
      {"ExtensionData":null,"Metadata":{"APIVersion":"v1","QueryDate":"2014-02-27T11:30:10.0000000"},\
      "IssueNumber":1,"Subject":"Printer on fire","Description":"Caf\\u00e9 \u2615",\
      "SubmittedDate":"2014-02-27T11:30:10.0000000","TargetDate":"2014-03-01T00:00:00.0000000",\
      "UserDefinedFields":[{"UserDefinedFieldID":4,"Value":"1234","DisplayName":"Document Number",\
      "ExtensionData":null,"Metadata":{"APIVersion":"v1","QueryDate":"2014-02-27T11:30:10.0000000"}}],\
      "Notes":[{"NoteID":1}],"SLAComplianceStatus":"Met","Slaid":2,"Status":"Open",\
      "CauseID":7,"ClosedDate":null,"ClosedBy":null,"Cost":1.50}""";

  @Test
  void updateIssue_keepsUnknownFieldsAndRemovesReadOnlyOnes(CapturingServer server)
      throws Exception {
    server.answer(200, ISSUE_AS_READ).answer(200, "1");

    ApiResponse<Integer> response = client(server).updateIssue(1, IssueEdit.subject("Fixed"));

    CapturingServer.Recorded get = server.take();
    CapturingServer.Recorded put = server.take();
    assertThat(get.method() + " " + get.rawPath())
        .isEqualTo("GET /NestedSite1/api/v1/issues/false/1");
    assertThat(put.method() + " " + put.rawPath()).isEqualTo("PUT /NestedSite1/api/v1/issues");
    assertThat(put.bodyText())
        .isEqualTo(
            "{\"IssueNumber\":1,\"Subject\":\"Fixed\",\"Description\":\"Café ☕\","
                + "\"TargetDate\":\"2014-03-01T00:00:00.0000000\","
                + "\"UserDefinedFields\":[{\"UserDefinedFieldID\":4,\"Value\":\"1234\"}],"
                + "\"Status\":\"Open\",\"CauseID\":7,\"ClosedDate\":null,\"ClosedBy\":null,"
                + "\"Cost\":1.50}");
    assertThat(put.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(verifyRaw(get).code()).isEqualTo("valid");
    assertThat(verifyRaw(put).code()).isEqualTo("valid");
    assertThat(response.body()).isEqualTo(1);
  }

  @Test
  void updateIssue_givesTheChangeTheIssueWithoutReadOnlyFields(CapturingServer server)
      throws Exception {
    server.answer(200, ISSUE_AS_READ).answer(200, "1");
    ObjectNode[] seen = new ObjectNode[1];

    client(server)
        .updateIssue(
            1,
            issue -> {
              seen[0] = issue.deepCopy();
              return issue.put("PriorityID", 2);
            });

    assertThat(seen[0].has("Metadata")).isFalse();
    assertThat(seen[0].has("Notes")).isFalse();
    assertThat(seen[0].has("CauseID")).isTrue();
    server.take();
    assertThat(server.take().bodyText()).endsWith(",\"Cost\":1.50,\"PriorityID\":2}");
  }

  @Test
  void userDefinedFieldEdit_changesTheMatchingFieldAndAppendsAMissingOne() throws Exception {
    ObjectNode issue =
        UpdateIssueBody.from(new ObjectMapper().readTree(ISSUE_AS_READ.replace("1.50", "1.5")));

    IssueEdit.userDefinedField(4, "5678").then(IssueEdit.userDefinedField(9, "new")).apply(issue);

    assertThat(issue.get("UserDefinedFields").toString())
        .isEqualTo(
            "[{\"UserDefinedFieldID\":4,\"Value\":\"5678\"},"
                + "{\"UserDefinedFieldID\":9,\"Value\":\"new\"}]");
  }

  @Test
  void updateIssueBody_removesExactlyTheContractsReadOnlyFields() throws Exception {
    ObjectNode body = UpdateIssueBody.from(new ObjectMapper().readTree(ISSUE_AS_READ));

    assertThat(body.fieldNames())
        .toIterable()
        .containsExactly(
            "IssueNumber",
            "Subject",
            "Description",
            "TargetDate",
            "UserDefinedFields",
            "Status",
            "CauseID",
            "ClosedDate",
            "ClosedBy",
            "Cost");
    assertThat(body.get("UserDefinedFields").get(0).fieldNames())
        .toIterable()
        .containsExactly("UserDefinedFieldID", "Value");
  }

  @Test
  void fieldEdit_refusesAReadOnlyFieldByName() {
    assertThatThrownBy(() -> IssueEdit.field("Slaid", TextNode.valueOf("3")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field \"Slaid\" is read-only");
  }

  @Test
  void updateIssue_refusesAChangeThatReturnsNull(CapturingServer server) throws Exception {
    server.answer(200, ISSUE_AS_READ);

    assertThatThrownBy(() -> client(server).updateIssue(1, issue -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("returned null");
    server.take();
    assertThat(server.pending()).isZero();
  }

  @Test
  void updateIssue_whenTheIssueIsNotAnObject_raisesApiExceptionAndSendsNoPut(CapturingServer server)
      throws Exception {
    server.answer(200, "[1]");

    assertThatThrownBy(() -> client(server).updateIssue(1, IssueEdit.subject("x")))
        .isInstanceOf(IssuetrakApiException.class)
        .hasMessageContaining("expected a JSON object, got ARRAY");
    server.take();
    assertThat(server.pending()).isZero();
  }

  @Test
  void updateIssueAsync_readsThenPuts(CapturingServer server) throws Exception {
    server.answer(200, ISSUE_AS_READ).answer(200, "1");

    Integer number =
        client(server)
            .updateIssueAsync(1, IssueEdit.subject("Async"))
            .get(10, TimeUnit.SECONDS)
            .body();

    assertThat(number).isEqualTo(1);
    server.take();
    CapturingServer.Recorded put = server.take();
    assertThat(put.bodyText()).startsWith("{\"IssueNumber\":1,\"Subject\":\"Async\",");
    assertThat(verifyRaw(put).code()).isEqualTo("valid");
  }

  @Test
  void updateIssueAsync_failsTheFutureWhenTheReadFails(CapturingServer server) {
    server.answer(400, "{\"error\":\"unknown-issue\",\"message\":\"issue 99 does not exist\"}");

    assertThatThrownBy(
            () ->
                client(server)
                    .updateIssueAsync(99, IssueEdit.subject("x"))
                    .get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(IssuetrakApiException.class)
        .hasMessageContaining("unknown-issue");
  }
}
