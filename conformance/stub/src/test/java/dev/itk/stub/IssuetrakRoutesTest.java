package dev.itk.stub;

import static dev.itk.stub.StubClient.CLOCK;
import static dev.itk.stub.StubClient.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itk.stub.StubClient.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every route of the wire contract (contract-issue3), its success and its documented failures. */
class IssuetrakRoutesTest {
  @RegisterExtension
  static IssuetrakStubExtension stub =
      IssuetrakStubExtension.builder().configure(b -> b.key(KEY).clock(CLOCK)).build();

  StubClient client;

  @BeforeEach
  void newClient() {
    client = new StubClient(stub.stub());
  }

  private static void assertError(Reply reply, int status, String code, String... mentions) {
    assertThat(reply.status()).as("status; body %s", reply.text()).isEqualTo(status);
    assertThat(reply.json().get("error").asText()).isEqualTo(code);
    assertThat(reply.json().get("message").asText()).contains(mentions);
  }

  private static List<Integer> numbers(JsonNode array, String field) {
    List<Integer> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get(field).intValue()));
    return out;
  }

  // --- GET /issues/{includeNotes}/{issueNumber}

  @Test
  void getIssue_answersReadIssueDtoWithNullNotes() {
    Reply r = client.send("GET", "/api/v1/issues/false/1");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers().get("content-type")).isEqualTo("application/json; charset=utf-8");
    JsonNode issue = r.json();
    assertThat(issue.get("ExtensionData").isNull()).isTrue();
    assertThat(issue.get("Metadata").get("APIVersion").asText()).isEqualTo("v1");
    assertThat(issue.get("Metadata").get("QueryDate").asText())
        .isEqualTo("2014-09-10T17:28:08.3227351");
    assertThat(issue.get("IssueNumber").intValue()).isEqualTo(1);
    assertThat(issue.get("Subject").asText()).isEqualTo("Printer on floor 3 jams");
    assertThat(issue.get("Notes").isNull()).isTrue();
    assertThat(issue.get("SubmittedDate").asText()).isEqualTo("2014-02-27T11:30:10.0000000");
    assertThat(issue.get("SLAComplianceStatus").asText()).isEqualTo("Compliant");
    assertThat(issue.get("Slaid").intValue()).isEqualTo(3);
    assertThat(issue.get("CauseID").intValue()).isEqualTo(2);
    assertThat(issue.get("ClosedDate").isNull()).isTrue();
    assertThat(issue.has("ClosedBy")).isTrue();
    JsonNode udf = issue.get("UserDefinedFields").get(0);
    assertThat(udf.get("UserDefinedFieldID").intValue()).isEqualTo(1);
    assertThat(udf.get("Value").asText()).isEqualTo("ASSET-1042");
    assertThat(udf.get("DisplayName").asText()).isEqualTo("Asset Tag");
    assertThat(udf.get("ExtensionData").isNull()).isTrue();
    assertThat(udf.get("Metadata").get("APIVersion").asText()).isEqualTo("v1");
  }

  @Test
  void getIssue_withIncludeNotesTrue_listsTheIssuesNotes() {
    JsonNode issue = client.send("GET", "/api/v1/issues/true/1").json();

    assertThat(numbers(issue.get("Notes"), "NoteID")).containsExactly(1, 2);
    assertThat(issue.get("Notes").get(1).get("NoteText").asText())
        .isEqualTo("<p>Vendor visit booked for <b>Monday</b>.</p>");
  }

  @Test
  void getIssue_keepsNonAsciiTextAsUtf8() {
    Reply r = client.send("GET", "/api/v1/issues/false/2");

    assertThat(r.json().get("Subject").asText()).isEqualTo("Café Wi-Fi drops every hour");
    assertThat(r.text()).contains("\"SubmittedBy\":\"zoë\"");
  }

  @Test
  void getIssue_routesNestedFoldersAndCapitalisedSegments() {
    Reply r = client.send("GET", "/NestedSite1/NestedSite2/API/v1/Issues/True/1");

    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().get("Notes").size()).isEqualTo(2);
  }

  @Test
  void getIssue_unknownNumber_is400UnknownIssue() {
    assertError(client.send("GET", "/api/v1/issues/false/99"), 400, "unknown-issue", "99");
  }

  @Test
  void getIssue_nonNumericNumber_is400InvalidArgument() {
    assertError(client.send("GET", "/api/v1/issues/false/abc"), 400, "invalid-argument", "abc");
  }

  @Test
  void getIssue_includeNotesNotTrueOrFalse_is400InvalidArgument() {
    assertError(client.send("GET", "/api/v1/issues/yes/1"), 400, "invalid-argument", "yes");
  }

  // --- GET /issues/{includeNotes}/?issueNumbers=...

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/v1/issues/false/?issueNumbers=3,1",
        "/api/v1/issues/false?issueNumbers=3,1",
        "/api/v1/issues/false/list?issueNumbers=3,1",
        "/api/v1/issues/false/?issueNumbers=3%2C1",
        "/api/v1/issues/false/?IssueNumbers=3,%201"
      })
  void issueList_answersTheIssuesInTheRequestedOrder(String target) {
    Reply r = client.send("GET", target);

    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(numbers(r.json(), "IssueNumber")).containsExactly(3, 1);
    assertThat(r.json().get(0).get("Notes").isNull()).isTrue();
    assertThat(r.json().get(1).get("Metadata").get("APIVersion").asText()).isEqualTo("v1");
  }

  @Test
  void issueList_withNotes_carriesEachIssuesNotes() {
    JsonNode list = client.send("GET", "/api/v1/issues/true/?issueNumbers=1,3").json();

    assertThat(list.get(0).get("Notes").size()).isEqualTo(2);
    assertThat(list.get(1).get("Notes").size()).isZero();
  }

  @Test
  void issueList_unknownNumber_is400NamingIt() {
    assertError(
        client.send("GET", "/api/v1/issues/false/?issueNumbers=1,42"), 400, "unknown-issue", "42");
  }

  @Test
  void issueList_withoutIssueNumbers_is400() {
    assertError(
        client.send("GET", "/api/v1/issues/false/"), 400, "invalid-argument", "issueNumbers");
  }

  @Test
  void issueList_malformedList_is400() {
    assertError(
        client.send("GET", "/api/v1/issues/false/?issueNumbers=1,,2"),
        400,
        "invalid-argument",
        "1,,2");
  }

  // --- POST /issues

  static final String CREATE =
      """
      {"ShouldSuppressEmailForCreateOperation": true,
       "Notes": [{"CreatedDate": "2014-09-10 17:00:00.123456", "CreatedBy": "admin",
                  "NoteText": "This is a note", "IsPrivate": false, "IsRichText": true}],
       "UserDefinedFields": [{"UserDefinedFieldID": 1, "Value": "ASSET-9"}],
       "SubmittedDate": "2014-09-10T17:00:00", "EnteredBy": "admin", "SeverityID": null,
       "Subject": "Keyboard missing the € key", "Description": "Desk 12", "IssueTypeID": 1,
       "PriorityID": 1, "OrganizationID": 1, "SubmittedBy": "admin", "LocationID": "",
       "CustomerReference": "CR-7"}
      """;

  @Test
  void createIssue_answersTheNewNumber_andTheIssueReadsBack() {
    Reply created = client.send("POST", "/api/v1/issues", CREATE);

    assertThat(created.status()).as(created.text()).isEqualTo(200);
    assertThat(created.text()).isEqualTo("4");

    JsonNode issue = client.send("GET", "/api/v1/issues/true/4").json();
    assertThat(issue.get("IssueNumber").intValue()).isEqualTo(4);
    assertThat(issue.get("Subject").asText()).isEqualTo("Keyboard missing the € key");
    assertThat(issue.get("Status").asText()).isEqualTo("Open");
    assertThat(issue.get("SubmittedDate").asText()).isEqualTo("2014-09-10T17:00:00");
    assertThat(issue.get("CustomerReference").asText()).isEqualTo("CR-7");
    assertThat(issue.get("UserDefinedFields").get(0).get("DisplayName").asText())
        .isEqualTo("Asset Tag");
    assertThat(issue.get("Notes").get(0).get("NoteID").intValue()).isEqualTo(3);
    assertThat(issue.get("Notes").get(0).get("NoteText").asText()).isEqualTo("This is a note");
  }

  @Test
  void createIssue_numbersContinueFromTheHighest() {
    client.send("POST", "/api/v1/issues", CREATE);

    assertThat(client.send("POST", "/api/v1/issues", CREATE).text()).isEqualTo("5");
  }

  @Test
  void createIssue_withoutSubject_is400() {
    assertError(
        client.send("POST", "/api/v1/issues", "{\"Description\": \"no subject\"}"),
        400,
        "invalid-argument",
        "Subject");
  }

  @Test
  void createIssue_malformedJson_is400MalformedJson() {
    assertError(
        client.send("POST", "/api/v1/issues", "{\"Subject\": \"x\","),
        400,
        "malformed-json",
        "not valid JSON");
  }

  @Test
  void createIssue_duplicateKey_is400MalformedJson() {
    assertError(
        client.send("POST", "/api/v1/issues", "{\"Subject\": \"a\", \"Subject\": \"b\"}"),
        400,
        "malformed-json",
        "Subject");
  }

  @Test
  void createIssue_jsonArray_is400MalformedJson() {
    assertError(client.send("POST", "/api/v1/issues", "[1]"), 400, "malformed-json", "ARRAY");
  }

  @Test
  void createIssue_bodyNotUtf8_is400MalformedBody() {
    byte[] latin1 = {
      '{', '"', 'S', 'u', 'b', 'j', 'e', 'c', 't', '"', ':', '"', (byte) 0xE9, '"', '}'
    };

    assertError(client.send("POST", "/api/v1/issues", latin1), 400, "malformed-body", "offset 12");
  }

  // --- PUT /issues

  /** The vendor's Python sample: read, drop the read-only fields, change, send back. */
  private ObjectNode readForUpdate(int number) {
    ObjectNode issue = (ObjectNode) client.send("GET", "/api/v1/issues/false/" + number).json();
    issue.remove(List.of("Metadata", "ExtensionData", "Notes", "SubmittedDate"));
    issue.remove(List.of("SLAComplianceStatus", "Slaid"));
    for (JsonNode udf : issue.get("UserDefinedFields")) {
      ((ObjectNode) udf).remove(List.of("ExtensionData", "Metadata", "DisplayName"));
    }
    return issue;
  }

  @Test
  void updateIssue_readModifyWrite_changesTheFieldAndKeepsTheRest() {
    ObjectNode update = readForUpdate(1);
    update.put("Subject", "Altering my subject");
    update.put("SomethingNew", "kept");

    Reply r = client.send("PUT", "/api/v1/issues", update.toString());

    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("1");
    JsonNode after = client.send("GET", "/api/v1/issues/true/1").json();
    assertThat(after.get("Subject").asText()).isEqualTo("Altering my subject");
    assertThat(after.get("SomethingNew").asText()).isEqualTo("kept");
    assertThat(after.get("CauseID").intValue()).isEqualTo(2);
    assertThat(after.get("SubmittedDate").asText()).isEqualTo("2014-02-27T11:30:10.0000000");
    assertThat(after.get("Slaid").intValue()).isEqualTo(3);
    assertThat(after.get("Notes").size()).isEqualTo(2);
    assertThat(after.get("UserDefinedFields").get(1).get("DisplayName").asText())
        .isEqualTo("Document Number");
  }

  @Test
  void updateIssue_aFieldLeftOut_becomesNull() {
    ObjectNode update = readForUpdate(1);
    update.remove("CauseID");

    client.send("PUT", "/api/v1/issues", update.toString());

    assertThat(client.send("GET", "/api/v1/issues/false/1").json().get("CauseID").isNull())
        .isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "Metadata",
    "ExtensionData",
    "Notes",
    "SubmittedDate",
    "SLAComplianceStatus",
    "Slaid"
  })
  void updateIssue_withReadOnlyField_is400NamingIt(String field) {
    ObjectNode update = readForUpdate(1);
    update.putNull(field);

    assertError(
        client.send("PUT", "/api/v1/issues", update.toString()), 400, "read-only-field", field);
  }

  @Test
  void updateIssue_withUdfDisplayName_is400NamingIt() {
    ObjectNode update = readForUpdate(1);
    ((ObjectNode) update.get("UserDefinedFields").get(0)).put("DisplayName", "Asset Tag");

    assertError(
        client.send("PUT", "/api/v1/issues", update.toString()),
        400,
        "read-only-field",
        "UserDefinedFields[0].DisplayName");
  }

  @Test
  void updateIssue_unknownNumber_is400UnknownIssue() {
    ObjectNode update = readForUpdate(1);
    update.put("IssueNumber", 77);

    assertError(
        client.send("PUT", "/api/v1/issues", update.toString()), 400, "unknown-issue", "77");
  }

  @Test
  void updateIssue_withoutIssueNumber_is400() {
    assertError(
        client.send("PUT", "/api/v1/issues", "{\"Subject\": \"x\"}"),
        400,
        "invalid-argument",
        "IssueNumber");
  }

  // --- POST /issues/search

  @Test
  void search_ordersAndPages() {
    String search =
        """
        {"PageIndex": 0, "PageSize": 2,
         "QueryOrderingDefinitions": [{"FieldName": "IssueNumber", "QueryOrderingDirection": "Descending"}]}
        """;

    JsonNode page = client.send("POST", "/api/v1/issues/search", search).json();

    assertThat(page.get("ExtensionData").isNull()).isTrue();
    assertThat(page.get("Metadata").get("APIVersion").asText()).isEqualTo("v1");
    assertThat(page.get("TotalRecordCount").intValue()).isEqualTo(3);
    assertThat(page.get("PageIndex").intValue()).isZero();
    assertThat(page.get("PageSize").intValue()).isEqualTo(2);
    assertThat(numbers(page.get("Collection"), "IssueNumber")).containsExactly(3, 2);
  }

  @Test
  void search_secondPage_holdsTheRest() {
    String search =
        """
        {"PageIndex": 1, "PageSize": 2,
         "QueryOrderingDefinitions": [{"FieldName": "IssueNumber", "QueryOrderingDirection": "Descending"}]}
        """;

    JsonNode page = client.send("POST", "/api/v1/issues/search", search).json();

    assertThat(page.get("TotalRecordCount").intValue()).isEqualTo(3);
    assertThat(numbers(page.get("Collection"), "IssueNumber")).containsExactly(1);
  }

  @Test
  void search_filtersWithinASetAndAcrossSets() {
    String search =
        """
        {"QuerySetDefinitions": [
          {"QuerySetIndex": 0, "QuerySetOperator": "And", "QuerySetExpressions": [
            {"FieldName": "Status", "FieldFilterValue1": "open", "QueryExpressionOperation": "Equal"},
            {"FieldName": "subject", "FieldFilterValue1": "WI-FI", "QueryExpressionOperation": "Contains",
             "QueryExpressionOperator": "And"}]},
          {"QuerySetIndex": 1, "QuerySetOperator": "Or", "QuerySetExpressions": [
            {"FieldName": "PriorityID", "FieldFilterValue1": "3", "FieldFilterValue2": "9",
             "QueryExpressionOperation": "Between"}]}]}
        """;

    JsonNode page = client.send("POST", "/api/v1/issues/search", search).json();

    assertThat(numbers(page.get("Collection"), "IssueNumber")).containsExactly(2, 3);
    assertThat(page.get("TotalRecordCount").intValue()).isEqualTo(2);
  }

  @Test
  void search_canIncludeNotes() {
    JsonNode page =
        client.send("POST", "/api/v1/issues/search", "{\"CanIncludeNotes\": true}").json();

    assertThat(page.get("Collection").get(0).get("Notes").size()).isEqualTo(2);
  }

  @Test
  void search_unknownField_is400() {
    String search =
        "{\"QuerySetDefinitions\": [{\"QuerySetExpressions\": [{\"FieldName\": \"Colour\","
            + " \"FieldFilterValue1\": \"red\"}]}]}";

    assertError(
        client.send("POST", "/api/v1/issues/search", search), 400, "invalid-argument", "Colour");
  }

  @Test
  void search_malformed_is400() {
    assertError(
        client.send("POST", "/api/v1/issues/search", "{"), 400, "malformed-json", "not valid JSON");
  }

  // --- notes

  @Test
  void getNote_answersReadNoteDto() {
    JsonNode note = client.send("GET", "/api/v1/notes/1").json();

    assertThat(note.get("ExtensionData").isNull()).isTrue();
    assertThat(note.get("Metadata").get("QueryDate").asText())
        .isEqualTo("2014-09-10T17:28:08.3227351");
    assertThat(note.get("NoteID").intValue()).isEqualTo(1);
    assertThat(note.get("IssueNumber").intValue()).isEqualTo(1);
    assertThat(note.get("CreatedBy").asText()).isEqualTo("helpdesk");
    assertThat(note.get("IsPrivate").booleanValue()).isFalse();
    assertThat(note.get("IsRichText").booleanValue()).isFalse();
  }

  @Test
  void getNote_unknownId_is400UnknownNote() {
    assertError(client.send("GET", "/api/v1/notes/404"), 400, "unknown-note", "404");
  }

  @Test
  void getNote_nonNumericId_is400() {
    assertError(client.send("GET", "/api/v1/notes/first"), 400, "invalid-argument", "first");
  }

  @Test
  void notesOfIssue_listsThemAndAnIssueWithoutNotesGivesAnEmptyArray() {
    assertThat(numbers(client.send("GET", "/api/v1/notes/issue/1").json(), "NoteID"))
        .containsExactly(1, 2);
    assertThat(client.send("GET", "/api/v1/notes/issue/3").text()).isEqualTo("[]");
  }

  @Test
  void notesOfIssue_unknownIssue_is400() {
    assertError(client.send("GET", "/api/v1/notes/issue/99"), 400, "unknown-issue", "99");
  }

  @Test
  void createNote_answersTheNewId_andTheNoteReadsBack() {
    String note =
        "{\"IssueNumber\": 2, \"CreatedBy\": \"zoë\", \"NoteText\": \"Rebooted the access point\","
            + " \"IsPrivate\": true, \"IsRichText\": false,"
            + " \"ShouldSuppressEmailForCreateOperation\": true}";

    Reply created = client.send("POST", "/api/v1/notes", note);

    assertThat(created.status()).as(created.text()).isEqualTo(200);
    assertThat(created.text()).isEqualTo("3");
    JsonNode read = client.send("GET", "/api/v1/notes/3").json();
    assertThat(read.get("NoteText").asText()).isEqualTo("Rebooted the access point");
    assertThat(read.get("CreatedBy").asText()).isEqualTo("zoë");
    assertThat(read.get("CreatedDate").asText()).isEqualTo("2014-09-10T17:28:08.3227351");
    assertThat(read.get("IsPrivate").booleanValue()).isTrue();
    assertThat(numbers(client.send("GET", "/api/v1/notes/issue/2").json(), "NoteID"))
        .containsExactly(3);
  }

  @Test
  void createNote_unknownIssue_is400() {
    assertError(
        client.send("POST", "/api/v1/notes", "{\"IssueNumber\": 50, \"NoteText\": \"x\"}"),
        400,
        "unknown-issue",
        "50");
  }

  @Test
  void createNote_withoutText_is400() {
    assertError(
        client.send("POST", "/api/v1/notes", "{\"IssueNumber\": 1}"),
        400,
        "invalid-argument",
        "NoteText");
  }

  // --- lookups

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "issuetypes, IssueTypeID, IssueTypeName, Hardware, 3",
    "issuesubtypes2, IssueSubType2ID, IssueSubType2Name, Printer, 2",
    "issuesubtypes3, IssueSubType3ID, IssueSubType3Name, Paper jam, 2",
    "userdefinedfieldtypes, UserDefinedFieldTypeID, UserDefinedFieldTypeName, Text, 3"
  })
  void lookup_listsEntries_andReadsOneById(
      String route, String idField, String nameField, String firstName, int count) {
    JsonNode list = client.send("GET", "/api/v1/" + route).json();
    JsonNode one = client.send("GET", "/api/v1/" + route + "/1").json();

    assertThat(list.size()).isEqualTo(count);
    assertThat(list.get(0).get(nameField).asText()).isEqualTo(firstName);
    assertThat(list.get(0).get("Metadata").get("APIVersion").asText()).isEqualTo("v1");
    assertThat(one.get(idField).intValue()).isEqualTo(1);
    assertThat(one.get(nameField).asText()).isEqualTo(firstName);
    assertThat(one.get("ExtensionData").isNull()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"issuetypes", "issuesubtypes2", "issuesubtypes3", "userdefinedfieldtypes"})
  void lookup_missingId_is404_andNonNumericId_is422(String route) {
    assertError(client.send("GET", "/api/v1/" + route + "/9"), 404, "not-found", "9");
    assertError(client.send("GET", "/api/v1/" + route + "/abc"), 422, "not-a-number", "abc");
  }

  @Test
  void concurrentCreates_getDistinctNumbers_andAllReadBack() throws Exception {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Reply>> replies = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String body = "{\"Subject\": \"parallel " + i + "\"}";
        replies.add(pool.submit(() -> client.send("POST", "/api/v1/issues", body)));
      }
      java.util.Set<Integer> numbers = new java.util.TreeSet<>();
      for (var f : replies) {
        Reply r = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        numbers.add(Integer.parseInt(r.text()));
      }

      assertThat(numbers).hasSize(40).first().isEqualTo(4);
      assertThat(numbers).last().isEqualTo(43);
      assertThat(stub.stub().requests()).hasSize(40);
      JsonNode all = client.send("POST", "/api/v1/issues/search", "{}").json();
      assertThat(all.get("TotalRecordCount").intValue()).isEqualTo(43);
    } finally {
      pool.shutdownNow();
    }
  }

  // --- methods and unknown routes

  @Test
  void wrongMethod_is405NamingTheAllowedOnes() {
    Reply r = client.send("DELETE", "/api/v1/issues");

    assertError(r, 405, "method-not-allowed", "DELETE", "POST, PUT");
    assertThat(r.headers().get("allow")).isEqualTo("POST, PUT");
  }

  @Test
  void getOnSearch_is405() {
    assertError(client.send("GET", "/api/v1/issues/search"), 405, "method-not-allowed", "POST");
  }

  @Test
  void mixedCaseVerb_signedAsSent_passesTheCheckButIs405() {
    Reply r = client.send("Get", "/api/v1/issues/false/1");

    assertError(r, 405, "method-not-allowed", "case-sensitive", "send and sign GET");
    assertThat(stub.stub().lastRequest().method()).isEqualTo("Get");
    assertThat(stub.stub().lastRequest().verdict()).isEqualTo("valid");
  }

  @Test
  void signedRequestToUnknownRoute_is404UnknownRoute() {
    assertError(
        client.send("GET", "/api/v1/attachments/1/false"),
        404,
        "unknown-route",
        "/api/v1/attachments/1/false");
  }

  @Test
  void signedRequestOutsideApiV1_is404UnknownRoute() {
    assertError(client.send("GET", "/favicon.ico"), 404, "unknown-route", "/favicon.ico");
  }

  @Test
  void unsignedRequestToUnknownRoute_is401() {
    Reply r = StubClient.get(stub.baseUrl() + "/attachments/1/false");

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("error").asText()).isEqualTo("missing-header");
  }
}
