package dev.itk.stub;

import static dev.itk.stub.StubClient.CLOCK;
import static dev.itk.stub.StubClient.KEY;
import static dev.itk.stub.StubClient.OTHER_KEY;
import static dev.itk.stub.StubClient.T0_TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itk.client.ApiResponse;
import dev.itk.client.CreateIssue;
import dev.itk.client.CreateNote;
import dev.itk.client.IssueSearchResult;
import dev.itk.client.IssuetrakApiException;
import dev.itk.client.IssuetrakClient;
import dev.itk.client.PreparedRequest;
import dev.itk.client.ReadIssue;
import dev.itk.client.ReadNote;
import dev.itk.client.SearchIssues;
import dev.itk.signing.ApiKey;
import dev.itk.signing.QueryForm;
import dev.itk.signing.SignatureHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reference client against the embedded stub, every operation: the stub accepts each request,
 * and what it received is, byte for byte, what the client prepared and signed. The stub sits under
 * two nested site folders, as on a real Issuetrak site.
 */
class ClientAgainstStubTest {
  private static final String SITE = "/NestedSite1/NestedSite2";

  @RegisterExtension
  static IssuetrakStubExtension extension =
      IssuetrakStubExtension.builder().key(KEY).configure(b -> b.clock(CLOCK)).build();

  private static IssuetrakClient client(IssuetrakStub stub, ApiKey key, QueryForm form) {
    AtomicInteger ids = new AtomicInteger();
    return IssuetrakClient.builder()
        .baseUrl("http://127.0.0.1:" + stub.port() + SITE + "/api/v1")
        .apiKey(key)
        .clock(CLOCK)
        .requestIds(() -> String.format("00000000-0000-4000-8000-%012d", ids.incrementAndGet()))
        .queryForm(form)
        .requestTimeout(Duration.ofSeconds(10))
        .build();
  }

  private static IssuetrakClient client(IssuetrakStub stub) {
    return client(stub, KEY, QueryForm.RAW);
  }

  /**
   * The stub accepted {@code received}, and it is exactly {@code sent}: method, raw path and query,
   * the signing headers, the content type and the body bytes; and the message the stub computed
   * from what it received is the message the client signed.
   */
  private static void assertReceivedAsSigned(RecordedRequest received, PreparedRequest sent) {
    assertThat(received.verdict()).as("stub's verdict on %s", sent).isEqualTo("valid");
    assertThat(received.method()).isEqualTo(sent.method());
    assertThat(received.path()).isEqualTo(sent.rawPath()).startsWith(SITE + "/api/v1/");
    assertThat(received.query()).isEqualTo(sent.rawQuery());
    for (String name :
        List.of(
            SignatureHeaders.REQUEST_ID,
            SignatureHeaders.TIMESTAMP,
            SignatureHeaders.AUTHORIZATION)) {
      assertThat(received.headerValues(name)).as(name).containsExactly(sent.header(name).get());
    }
    assertThat(received.header(SignatureHeaders.TIMESTAMP)).contains(T0_TEXT);
    assertThat(received.body()).as("body bytes").isEqualTo(sent.body());
    if (sent.body().length > 0) {
      assertThat(received.headerValues("Content-Type"))
          .containsExactly("application/json; charset=utf-8");
    }
    assertThat(received.verification().orElseThrow().message().orElseThrow().toBytes())
        .as("message the stub computed vs. the one the client signed")
        .isEqualTo(sent.signed().message().toBytes());
  }

  @Test
  void getIssue_withAndWithoutNotes(IssuetrakStub stub) {
    IssuetrakClient client = client(stub);

    ApiResponse<ReadIssue> withNotes = client.getIssue(1, true);
    assertReceivedAsSigned(stub.lastRequest(), withNotes.request());
    ApiResponse<ReadIssue> without = client.getIssue(2, false);
    assertReceivedAsSigned(stub.lastRequest(), without.request());

    assertThat(withNotes.status()).isEqualTo(200);
    assertThat(withNotes.body().subject()).isEqualTo("Printer on floor 3 jams");
    assertThat(withNotes.body().notes()).extracting(ReadNote::noteId).containsExactly(1, 2);
    assertThat(withNotes.request().rawPath()).isEqualTo(SITE + "/api/v1/issues/true/1");
    assertThat(without.body().subject()).isEqualTo("Café Wi-Fi drops every hour");
    assertThat(without.body().notes()).isNull();
  }

  @Test
  void getIssues_byNumberList_keepsTheOrderAndSignsTheQuery(IssuetrakStub stub) {
    ApiResponse<List<ReadIssue>> r = client(stub).getIssues(List.of(3, 1, 2), false);

    assertReceivedAsSigned(stub.lastRequest(), r.request());
    assertThat(r.request().rawQuery()).contains("issueNumbers=3,1,2");
    assertThat(r.request().signed().message().query()).isEqualTo("issueNumbers=3,1,2");
    assertThat(r.body()).extracting(ReadIssue::issueNumber).containsExactly(3, 1, 2);
  }

  @Test
  void createIssue_returnsTheNumber_andTheIssueReadsBack(IssuetrakStub stub) {
    IssuetrakClient client = client(stub);
    CreateIssue issue =
        CreateIssue.builder()
            .subject("Zoë's “smart” café issue – naïve résumé ✓")
            .description("Line one\nLine two with a / slash and \"quotes\"")
            .notes(List.of(CreateNote.of(null, "first note, 日本語")))
            .build();

    ApiResponse<Integer> created = client.createIssue(issue);
    assertReceivedAsSigned(stub.lastRequest(), created.request());
    ApiResponse<ReadIssue> back = client.getIssue(created.body(), true);

    assertThat(created.body()).isEqualTo(4);
    String sentBody = new String(created.request().body(), StandardCharsets.UTF_8);
    assertThat(sentBody)
        .as("raw UTF-8, no \\u escapes, '/' not escaped")
        .contains("Zoë's “smart” café issue – naïve résumé ✓", "a / slash");
    assertThat(back.body().subject()).isEqualTo(issue.subject());
    assertThat(back.body().description()).isEqualTo(issue.description());
    assertThat(back.body().notes()).extracting(ReadNote::noteText).contains("first note, 日本語");
  }

  @Test
  void updateIssue_readsModifiesWrites_keepingFieldsItDoesNotKnow(IssuetrakStub stub)
      throws Exception {
    IssuetrakClient client = client(stub);

    ApiResponse<Integer> updated =
        client.updateIssue(1, issue -> issue.put("Subject", "Printer fixed – ✓"));
    List<RecordedRequest> both = stub.requests();

    assertThat(both).extracting(RecordedRequest::method).containsExactly("GET", "PUT");
    assertThat(both.get(0).path()).isEqualTo(SITE + "/api/v1/issues/false/1");
    assertReceivedAsSigned(both.get(1), updated.request());
    assertThat(updated.body()).isEqualTo(1);
    JsonNode put = StubClient.JSON.readTree(both.get(1).body());
    assertThat(put.get("Subject").asText()).isEqualTo("Printer fixed – ✓");
    assertThat(put.has("SLAComplianceStatus")).as("read-only fields are not sent back").isFalse();
    assertThat(put.has("Notes")).as("read-only fields are not sent back").isFalse();
    assertThat(put.get("Status").asText()).as("UpdateIssueDTO carries Status").isEqualTo("Open");
    assertThat(put.get("CauseID").asInt()).as("a field the DTOs do not name, kept").isEqualTo(2);
    assertThat(put.get("UserDefinedFields")).hasSize(2);
    assertThat(client.getIssue(1, false).body().subject()).isEqualTo("Printer fixed – ✓");
  }

  @Test
  void searchIssues(IssuetrakStub stub) {
    ApiResponse<IssueSearchResult> r =
        client(stub)
            .searchIssues(
                SearchIssues.page(0, 2)
                    .withOrdering(new SearchIssues.QueryOrdering("IssueNumber", "Descending")));

    assertReceivedAsSigned(stub.lastRequest(), r.request());
    assertThat(r.body().totalRecordCount()).isEqualTo(3);
    assertThat(r.body().collection()).extracting(ReadIssue::issueNumber).containsExactly(3, 2);
  }

  @Test
  void notes_byId_byIssue_andCreate(IssuetrakStub stub) {
    IssuetrakClient client = client(stub);

    ApiResponse<ReadNote> one = client.getNote(2);
    assertReceivedAsSigned(stub.lastRequest(), one.request());
    ApiResponse<List<ReadNote>> ofIssue = client.getNotesOfIssue(1);
    assertReceivedAsSigned(stub.lastRequest(), ofIssue.request());
    ApiResponse<Integer> created =
        client.createNote(CreateNote.of(3, "Laptop delivered – “thanks”").withCreatedBy("zoë"));
    assertReceivedAsSigned(stub.lastRequest(), created.request());

    assertThat(one.body().noteText()).isEqualTo("<p>Vendor visit booked for <b>Monday</b>.</p>");
    assertThat(ofIssue.body()).extracting(ReadNote::noteId).containsExactly(1, 2);
    assertThat(client.getNote(created.body()).body().noteText())
        .isEqualTo("Laptop delivered – “thanks”");
    assertThat(client.getNotesOfIssue(3).body())
        .extracting(ReadNote::noteId)
        .contains(created.body());
  }

  @Test
  void send_anyOtherRoute(IssuetrakStub stub) {
    ApiResponse<JsonNode> types = client(stub).send("GET", "/issuetypes", null, null);

    assertReceivedAsSigned(stub.lastRequest(), types.request());
    assertThat(types.status()).isEqualTo(200);
    assertThat(types.body().isArray()).isTrue();
  }

  @Test
  void asyncOperations_sendTheSameBytes(IssuetrakStub stub) {
    IssuetrakClient client = client(stub);

    ApiResponse<ReadIssue> issue = client.getIssueAsync(1, false).join();
    assertReceivedAsSigned(stub.lastRequest(), issue.request());
    ApiResponse<Integer> note = client.createNoteAsync(CreateNote.of(1, "async ✓")).join();
    assertReceivedAsSigned(stub.lastRequest(), note.request());
    ApiResponse<IssueSearchResult> search =
        client.searchIssuesAsync(SearchIssues.page(0, 10)).join();
    assertReceivedAsSigned(stub.lastRequest(), search.request());

    assertThat(issue.body().issueNumber()).isEqualTo(1);
    assertThat(search.body().collection()).hasSize(3);
  }

  @Test
  void queryForms_agreeWithAStubConfiguredTheSameWay() {
    for (QueryForm form : QueryForm.values()) {
      try (IssuetrakStub stub =
          IssuetrakStub.builder().key(KEY).clock(CLOCK).queryForm(form).build().start()) {
        ApiResponse<List<ReadIssue>> r = client(stub, KEY, form).getIssues(List.of(2, 1), true);

        assertReceivedAsSigned(stub.lastRequest(), r.request());
        assertThat(r.body()).as("form %s", form).hasSize(2);
      }
    }
  }

  @Test
  void wrongKey_isA401_carryingTheCodeAndTheServersMessage(IssuetrakStub stub) {
    IssuetrakClient client = client(stub, OTHER_KEY, QueryForm.RAW);

    assertThatThrownBy(() -> client.getIssue(1, false))
        .isInstanceOfSatisfying(
            IssuetrakApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.errorCode()).contains("bad-signature");
              assertThat(e.serverCanonicalMessage())
                  .contains(e.request().signed().message().render());
              assertThat(e.getMessage())
                  .contains("server computed", "this client signed", "./itk sign")
                  .doesNotContain("second-client-key");
            });
    assertThat(stub.lastRequest().verdict()).isEqualTo("bad-signature");
  }

  @Test
  void mismatchedQueryForm_isA401_whoseMessageShowsTheDifferentQueryField() {
    try (IssuetrakStub stub =
        IssuetrakStub.builder().key(KEY).clock(CLOCK).queryForm(QueryForm.EMPTY).build().start()) {
      IssuetrakClient client = client(stub, KEY, QueryForm.RAW);

      assertThatThrownBy(() -> client.getIssues(List.of(1), false))
          .isInstanceOfSatisfying(
              IssuetrakApiException.class,
              e -> {
                assertThat(e.errorCode()).contains("bad-signature");
                assertThat(e.serverCanonicalMessage()).isPresent();
                assertThat(e.serverCanonicalMessage().get())
                    .isNotEqualTo(e.request().signed().message().render())
                    .doesNotContain("issueNumbers=1");
              });
    }
  }

  @Test
  void clockOutsideTheWindow_isA401_namingTheOffset(IssuetrakStub stub) {
    stub.shiftClock(Duration.ofMinutes(6));

    assertThatThrownBy(() -> client(stub).getNote(1))
        .isInstanceOfSatisfying(
            IssuetrakApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.errorCode()).contains("stale-timestamp");
              assertThat(e.getMessage()).contains("clock offset");
            });
  }

  @Test
  void notFound_isA4xx_withTheStubsCode(IssuetrakStub stub) {
    assertThatThrownBy(() -> client(stub).getIssue(99, false))
        .isInstanceOfSatisfying(
            IssuetrakApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.errorCode()).contains("unknown-issue");
              assertThat(e.serverCanonicalMessage()).isEmpty();
            });
    assertThat(stub.lastRequest().verdict()).isEqualTo("valid");
  }
}
