package dev.itk.client;

import static dev.itk.client.ClientTestSupport.REQUEST_ID;
import static dev.itk.client.ClientTestSupport.TIMESTAMP;
import static dev.itk.client.ClientTestSupport.client;
import static dev.itk.client.ClientTestSupport.verify;
import static dev.itk.client.ClientTestSupport.verifyRaw;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.itk.client.SearchIssues.QueryExpression;
import dev.itk.client.SearchIssues.QueryOrdering;
import dev.itk.client.SearchIssues.QuerySet;
import dev.itk.signing.HeaderLine;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CapturingServerExtension.class)
class IssuetrakClientTest {
  // Signatures below were computed with OpenSSL 3.0, not with this code, e.g.
  //   printf 'GET\n<id>\n<ts>\n/nestedsite1/api/v1/issues/false/1\n\n' \
  //     | openssl dgst -sha512 -hmac '<key>' -binary | base64 -w0

  static final String ISSUE_1 =
      """
      {"ExtensionData":null,"Metadata":{"APIVersion":"v1","QueryDate":"2014-02-27T11:30:10.0000000"},\
      "IssueNumber":1,"Subject":"Printer on fire","Description":"Third floor","IssueTypeID":1,\
      "LocationID":"HQ","SubmittedBy":"admin","SubmittedDate":"2014-02-27T11:30:10.0000000",\
      "UserDefinedFields":[{"UserDefinedFieldID":4,"Value":"1234","DisplayName":"Document Number",\
      "ExtensionData":null,"Metadata":{"APIVersion":"v1","QueryDate":"2014-02-27T11:30:10.0000000"}}],\
      "Notes":null,"SLAComplianceStatus":null,"Slaid":null,"Status":"Open",\
      "CauseID":7,"ClosedDate":null,"ClosedBy":null}""";

  static final String NOTE_1 =
      """
      {"ExtensionData":null,"Metadata":{"APIVersion":"v1","QueryDate":"2014-02-27T11:30:10.0000000"},\
      "NoteID":1,"IssueNumber":1,"CreatedDate":"2014-02-27T11:30:10.0000000","CreatedBy":"admin",\
      "ModifiedBy":null,"ModifiedDate":null,"NoteText":"First note","IsPrivate":false,\
      "IsRichText":false}""";

  @Test
  void jsonBodies_writeEveryCharacterAsRawUtf8_evenOutsideTheBmp(CapturingServer server) {
    byte[] body = client(server).toJson(CreateNote.of(1, "a 😀 é / <b>"));

    assertThat(body)
        .as("U+1F600 as the 4 bytes F0 9F 98 80, never a \\uD83D escape pair")
        .isEqualTo(
            "{\"IssueNumber\":1,\"NoteText\":\"a 😀 é / <b>\"}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void getIssue_sendsASignedGetOnTheSitePathAsWritten(CapturingServer server) throws Exception {
    server.answer(200, ISSUE_1);

    ApiResponse<ReadIssue> response = client(server).getIssue(1, false);

    CapturingServer.Recorded r = server.take();
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.rawPath()).isEqualTo("/NestedSite1/api/v1/issues/false/1");
    assertThat(r.rawQuery()).isNull();
    assertThat(r.header("X-Issuetrak-API-Request-ID")).isEqualTo(REQUEST_ID);
    assertThat(r.header("X-Issuetrak-API-Timestamp")).isEqualTo(TIMESTAMP);
    assertThat(r.header("X-Issuetrak-API-Authorization"))
        .isEqualTo(
            "zaJsGbhzqsVWepBLrXrBv9wzIV4SmWnPgWlTbHE2ekRyB/JfXTCDhH0Wowk5WhpygN4zogOQynyp0jNs2bUgIg==");
    assertThat(r.header("Accept")).isEqualTo("application/json");
    assertThat(r.header("Content-Type")).isNull();
    assertThat(r.body()).isEmpty();
    assertThat(verifyRaw(r).code()).isEqualTo("valid");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.text()).isEqualTo(ISSUE_1);
    assertThat(response.headers().firstValue("content-type"))
        .contains("application/json; charset=utf-8");
  }

  @Test
  void getIssue_parsesTheIssueAndIgnoresFieldsItDoesNotModel(CapturingServer server)
      throws Exception {
    server.answer(200, ISSUE_1);

    ReadIssue issue = client(server).getIssue(1, false).body();

    assertThat(issue.issueNumber()).isEqualTo(1);
    assertThat(issue.subject()).isEqualTo("Printer on fire");
    assertThat(issue.issueTypeId()).isEqualTo(1);
    assertThat(issue.locationId()).isEqualTo("HQ");
    assertThat(issue.submittedDate()).isEqualTo("2014-02-27T11:30:10.0000000");
    assertThat(issue.metadata()).isEqualTo(new Metadata("v1", "2014-02-27T11:30:10.0000000"));
    assertThat(issue.userDefinedFields())
        .containsExactly(
            new UserDefinedField(
                4,
                "1234",
                "Document Number",
                NullNode.getInstance(),
                new Metadata("v1", "2014-02-27T11:30:10.0000000")));
    assertThat(issue.notes()).isNull();
    assertThat(issue.status()).isEqualTo("Open");
  }

  @Test
  void getIssue_withNotes_asksForTrueInLowercaseAndParsesTheNotes(CapturingServer server)
      throws Exception {
    server.answer(200, ISSUE_1.replace("\"Notes\":null", "\"Notes\":[" + NOTE_1 + "]"));

    ReadIssue issue = client(server).getIssue(1, true).body();

    CapturingServer.Recorded r = server.take();
    assertThat(r.rawPath()).isEqualTo("/NestedSite1/api/v1/issues/true/1");
    assertThat(verifyRaw(r).code()).isEqualTo("valid");
    assertThat(issue.notes()).extracting(ReadNote::noteText).containsExactly("First note");
  }

  @Test
  void getIssues_sendsTheListAsARawQueryAndSignsItRaw(CapturingServer server) throws Exception {
    server.answer(
        200,
        "["
            + ISSUE_1.replace("\"IssueNumber\":1", "\"IssueNumber\":3")
            + ","
            + ISSUE_1
            + ","
            + ISSUE_1.replace("\"IssueNumber\":1", "\"IssueNumber\":2")
            + "]");

    ApiResponse<List<ReadIssue>> response = client(server).getIssues(List.of(3, 1, 2), true);

    CapturingServer.Recorded r = server.take();
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.rawPath()).isEqualTo("/NestedSite1/api/v1/issues/true/");
    assertThat(r.rawQuery()).isEqualTo("issueNumbers=3,1,2");
    assertThat(r.header("X-Issuetrak-API-Authorization"))
        .isEqualTo(
            "s1QWAWEvuBkrBzDlBBPay3wLECnbaTYGRB7V8TzMVm6M9jLuCeoBQpt4DeLzXdUrikfTUKSu8gPGxEaFM7fy1g==");
    assertThat(verify(r, "issueNumbers=3,1,2").code()).isEqualTo("valid");
    assertThat(verify(r, "").code()).isEqualTo("bad-signature");
    assertThat(response.body()).extracting(ReadIssue::issueNumber).containsExactly(3, 1, 2);
  }

  @Test
  void createIssue_signsExactlyTheBytesItSends(CapturingServer server) throws Exception {
    server.answer(200, "4");
    CreateIssue issue =
        CreateIssue.builder()
            .subject("Printer on fire")
            .description("Third floor, \"near\" the lift")
            .issueTypeId(1)
            .submittedBy("admin")
            .userDefinedFields(List.of(UserDefinedField.of(4, "1234")))
            .build();

    ApiResponse<Integer> response = client(server).createIssue(issue);

    CapturingServer.Recorded r = server.take();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.rawPath()).isEqualTo("/NestedSite1/api/v1/issues");
    assertThat(r.bodyText())
        .isEqualTo(
            "{\"UserDefinedFields\":[{\"UserDefinedFieldID\":4,\"Value\":\"1234\"}],"
                + "\"Subject\":\"Printer on fire\",\"Description\":\"Third floor, \\\"near\\\" the"
                + " lift\",\"IssueTypeID\":1,\"SubmittedBy\":\"admin\"}");
    assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(r.body().length));
    assertThat(verifyRaw(r).code()).isEqualTo("valid");
    assertThat(response.body()).isEqualTo(4);
    assertThat(response.request().body()).isEqualTo(r.body());
  }

  @Test
  void createNote_sendsTheUtf8BytesItSigned(CapturingServer server) throws Exception {
    server.answer(200, "3");

    ApiResponse<Integer> response = client(server).createNote(CreateNote.of(1, "Café ☕"));

    CapturingServer.Recorded r = server.take();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.rawPath()).isEqualTo("/NestedSite1/api/v1/notes");
    assertThat(r.body()).isEqualTo("{\"IssueNumber\":1,\"NoteText\":\"Café ☕\"}".getBytes(UTF_8));
    assertThat(r.header("X-Issuetrak-API-Authorization"))
        .isEqualTo(
            "WYpEOCp37TLJbOjwOiH+g1NPa7GMlbKegzQbG19Cu/5oiCE3b4k3Kb3mijk9abIkx5FXwABDAEZEEEvYLX542Q==");
    assertThat(verifyRaw(r).code()).isEqualTo("valid");
    assertThat(response.body()).isEqualTo(3);
  }

  @Test
  void getNote_andNotesOfIssue_useTheirRoutes(CapturingServer server) throws Exception {
    server.answer(200, NOTE_1).answer(200, "[" + NOTE_1 + "]");
    IssuetrakClient client = client(server);

    ReadNote note = client.getNote(1).body();
    List<ReadNote> notes = client.getNotesOfIssue(1).body();

    CapturingServer.Recorded first = server.take();
    CapturingServer.Recorded second = server.take();
    assertThat(first.method() + " " + first.rawPath()).isEqualTo("GET /NestedSite1/api/v1/notes/1");
    assertThat(second.method() + " " + second.rawPath())
        .isEqualTo("GET /NestedSite1/api/v1/notes/issue/1");
    assertThat(verifyRaw(first).code()).isEqualTo("valid");
    assertThat(verifyRaw(second).code()).isEqualTo("valid");
    assertThat(note)
        .isEqualTo(
            new ReadNote(
                NullNode.getInstance(),
                new Metadata("v1", "2014-02-27T11:30:10.0000000"),
                1,
                1,
                "2014-02-27T11:30:10.0000000",
                "admin",
                null,
                null,
                "First note",
                false,
                false));
    assertThat(notes).containsExactly(note);
  }

  @Test
  void searchIssues_postsTheSearchAndParsesThePage(CapturingServer server) throws Exception {
    server.answer(
        200,
        "{\"ExtensionData\":null,\"Metadata\":{\"APIVersion\":\"v1\",\"QueryDate\":\"x\"},"
            + "\"TotalRecordCount\":3,\"PageIndex\":0,\"PageSize\":1,\"Collection\":["
            + ISSUE_1
            + "]}");
    SearchIssues search =
        SearchIssues.page(0, 1)
            .withOrdering(new QueryOrdering("IssueNumber", "Descending"))
            .withQuerySet(
                new QuerySet(
                    0,
                    "And",
                    List.of(new QueryExpression("Subject", "printer", null, "Contains", "And"))));

    IssueSearchResult page = client(server).searchIssues(search).body();

    CapturingServer.Recorded r = server.take();
    assertThat(r.method() + " " + r.rawPath()).isEqualTo("POST /NestedSite1/api/v1/issues/search");
    assertThat(r.bodyText())
        .isEqualTo(
            "{\"CanIncludeNotes\":false,\"PageIndex\":0,\"PageSize\":1,"
                + "\"QueryOrderingDefinitions\":[{\"FieldName\":\"IssueNumber\","
                + "\"QueryOrderingDirection\":\"Descending\"}],"
                + "\"QuerySetDefinitions\":[{\"QuerySetIndex\":0,\"QuerySetOperator\":\"And\","
                + "\"QuerySetExpressions\":[{\"FieldName\":\"Subject\",\"FieldFilterValue1\":\"printer\","
                + "\"QueryExpressionOperation\":\"Contains\",\"QueryExpressionOperator\":\"And\"}]}]}");
    assertThat(verifyRaw(r).code()).isEqualTo("valid");
    assertThat(page.totalRecordCount()).isEqualTo(3);
    assertThat(page.collection()).extracting(ReadIssue::subject).containsExactly("Printer on fire");
  }

  @Test
  void send_reachesAnyRouteWithItsRawQueryAndBody(CapturingServer server) throws Exception {
    server.answer(200, "{\"AttachmentID\":9}");
    byte[] body =
        "{\"IssueNumber\":1,\"FileName\":\"a.txt\",\"FileContent\":\"aGk=\"}".getBytes(UTF_8);

    ApiResponse<JsonNode> response =
        client(server).send("POST", "/Attachments", "mode=fast&x=%2F", body);

    CapturingServer.Recorded r = server.take();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.rawPath()).isEqualTo("/NestedSite1/api/v1/Attachments");
    assertThat(r.rawQuery()).isEqualTo("mode=fast&x=%2F");
    assertThat(r.body()).isEqualTo(body);
    assertThat(verify(r, "mode=fast&x=%2F").code()).isEqualTo("valid");
    assertThat(response.body().get("AttachmentID").asInt()).isEqualTo(9);
  }

  @Test
  void send_leavesTheBodyNullWhenTheAnswerIsNotJson(CapturingServer server) throws Exception {
    server.answer(200, "PK\u0003\u0004 not json");

    ApiResponse<JsonNode> response =
        client(server).send("GET", "/attachments/compressed/issueNumber/1", "", null);

    assertThat(response.body()).isNull();
    assertThat(response.text()).isEqualTo("PK\u0003\u0004 not json");
  }

  @Test
  void prepare_showsExactlyWhatExecuteSends(CapturingServer server) throws Exception {
    server.answer(200, "5");
    IssuetrakClient client = client(server);
    byte[] body = "{\"IssueNumber\":5}".getBytes(UTF_8);

    PreparedRequest prepared = client.prepare("PUT", "/issues", "", body);
    client.execute(prepared);

    CapturingServer.Recorded r = server.take();
    assertThat(prepared.requestLine()).isEqualTo("PUT /NestedSite1/api/v1/issues HTTP/1.1");
    assertThat(prepared.uri().toString()).isEqualTo(server.url("/NestedSite1/api/v1/issues"));
    assertThat(prepared.headers())
        .extracting(HeaderLine::name)
        .containsExactly(
            "X-Issuetrak-API-Request-ID",
            "X-Issuetrak-API-Timestamp",
            "X-Issuetrak-API-Authorization",
            "Accept",
            "Content-Type");
    for (HeaderLine h : prepared.headers()) {
      assertThat(r.header(h.name())).as(h.name()).isEqualTo(h.value());
    }
    assertThat(r.body()).isEqualTo(body).isEqualTo(prepared.body());
    assertThat(prepared.signed().message().body()).isEqualTo(body);
    assertThat(prepared.signed().message().path()).isEqualTo("/nestedsite1/api/v1/issues");
    assertThat(prepared.signed().signature())
        .isEqualTo(prepared.header("x-issuetrak-api-authorization").orElseThrow());
  }

  @Test
  void prepare_withoutABody_setsNoContentType(CapturingServer server) {
    PreparedRequest prepared = client(server).prepare("GET", "/issuetypes", null, null);

    assertThat(prepared.header("Content-Type")).isEmpty();
    assertThat(prepared.body()).isEmpty();
    assertThat(prepared.requestLine()).isEqualTo("GET /NestedSite1/api/v1/issuetypes HTTP/1.1");
  }

  @Test
  void baseUrlWithATrailingSlash_isJoinedWithOneSlash(CapturingServer server) throws Exception {
    server.answer(200, NOTE_1);
    IssuetrakClient client =
        ClientTestSupport.builder(server).baseUrl(server.url("/NestedSite1/api/v1/")).build();

    client.getNote(1);

    assertThat(server.take().rawPath()).isEqualTo("/NestedSite1/api/v1/notes/1");
    assertThat(client.baseUrl()).isEqualTo(server.url("/NestedSite1/api/v1"));
  }

  @Test
  void asyncVariants_sendTheSameRequestsAndCompleteWithTheAnswers(CapturingServer server)
      throws Exception {
    server.answer(200, ISSUE_1).answer(200, "4").answer(200, NOTE_1);
    IssuetrakClient client = client(server);

    ReadIssue issue = client.getIssueAsync(1, false).get(10, TimeUnit.SECONDS).body();
    Integer created =
        client
            .createIssueAsync(CreateIssue.builder().subject("S").build())
            .get(10, TimeUnit.SECONDS)
            .body();
    ReadNote note = client.getNoteAsync(1).get(10, TimeUnit.SECONDS).body();

    assertThat(issue.subject()).isEqualTo("Printer on fire");
    assertThat(created).isEqualTo(4);
    assertThat(note.noteId()).isEqualTo(1);
    CapturingServer.Recorded get = server.take();
    CapturingServer.Recorded post = server.take();
    CapturingServer.Recorded getNote = server.take();
    assertThat(get.rawPath()).isEqualTo("/NestedSite1/api/v1/issues/false/1");
    assertThat(post.bodyText()).isEqualTo("{\"Subject\":\"S\"}");
    assertThat(getNote.rawPath()).isEqualTo("/NestedSite1/api/v1/notes/1");
    assertThat(verifyRaw(get).code()).isEqualTo("valid");
    assertThat(verifyRaw(post).code()).isEqualTo("valid");
    assertThat(verifyRaw(getNote).code()).isEqualTo("valid");
  }
}
