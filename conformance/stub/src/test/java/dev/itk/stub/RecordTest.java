package dev.itk.stub;

import static dev.itk.stub.StubClient.CLOCK;
import static dev.itk.stub.StubClient.KEY;
import static dev.itk.stub.StubClient.T0_TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itk.signing.RequestIdSource;
import dev.itk.signing.RequestSigner;
import dev.itk.signing.SignedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The record: exact, in order, exported as the JSON of docs/stub.md#the-record. */
class RecordTest {
  @RegisterExtension
  static IssuetrakStubExtension stub =
      IssuetrakStubExtension.builder().configure(b -> b.key(KEY).clock(CLOCK)).build();

  @TempDir Path temp;

  private RawHttp.Answer sendNoteWithBody(byte[] body, String id) {
    SignedRequest s =
        RequestSigner.create(KEY, CLOCK, RequestIdSource.fixed(id))
            .sign("POST", "/Site/api/v1/notes", "x=%2F", body);
    String head =
        "POST /Site/api/v1/notes?x=%2F HTTP/1.1\n"
            + "Host: 127.0.0.1\n"
            + "X-Issuetrak-API-Request-ID: "
            + id
            + "\nX-Issuetrak-API-Timestamp: "
            + T0_TEXT
            + "\nX-Issuetrak-API-Authorization: "
            + s.signature()
            + "\ncontent-type: application/json; charset=utf-8\n"
            + "Content-Length: "
            + body.length
            + "\nConnection: close\n\n";
    return RawHttp.send(stub.stub().port(), head, body);
  }

  @Test
  void export_isTheDocumentedJson_withTextBodiesAsTextAndOthersAsBase64() throws Exception {
    byte[] text = "{\"IssueNumber\":1,\"NoteText\":\"Ça marche\"}".getBytes(StandardCharsets.UTF_8);
    byte[] binary = {'{', (byte) 0xFF, '}'};
    sendNoteWithBody(text, "00000000-0000-4000-8000-000000000001");
    sendNoteWithBody(binary, "00000000-0000-4000-8000-000000000002");

    JsonNode record = StubClient.JSON.readTree(stub.stub().requestsAsJson());

    assertThat(record.get("format").asText()).isEqualTo("itk-stub-record/2");
    JsonNode first = record.get("requests").get(0);
    assertThat(first.get("seq").asLong()).isPositive();
    assertThat(first.get("time").asText()).isEqualTo("2014-09-10T17:28:08.322735100Z");
    assertThat(first.get("method").asText()).isEqualTo("POST");
    assertThat(first.get("path").asText()).isEqualTo("/Site/api/v1/notes");
    assertThat(first.get("query").asText()).isEqualTo("x=%2F");
    assertThat(first.get("headers").get(0).toString()).isEqualTo("[\"Host\",\"127.0.0.1\"]");
    assertThat(first.get("headers").get(4).toString())
        .isEqualTo("[\"content-type\",\"application/json; charset=utf-8\"]");
    assertThat(first.get("bodyLength").intValue()).isEqualTo(41);
    assertThat(first.get("bodyKept").asText()).isEqualTo("whole");
    assertThat(first.get("bodySha256").isNull()).isTrue();
    assertThat(first.get("bodyEncoding").asText()).isEqualTo("utf-8");
    assertThat(first.get("body").asText())
        .isEqualTo("{\"IssueNumber\":1,\"NoteText\":\"Ça marche\"}");
    assertThat(first.get("bodyTruncated").booleanValue()).isFalse();
    assertThat(first.get("verification").get("code").asText()).isEqualTo("valid");
    assertThat(first.get("verification").get("keyFingerprint").asText())
        .isEqualTo("sha256:b08c9ef92d3cd8a0");
    assertThat(first.get("verdict").asText()).isEqualTo("valid");
    assertThat(first.get("status").intValue()).isEqualTo(200);

    JsonNode second = record.get("requests").get(1);
    assertThat(second.get("seq").asLong()).isEqualTo(first.get("seq").asLong() + 1);
    assertThat(second.get("bodyEncoding").asText()).isEqualTo("base64");
    assertThat(second.get("body").asText()).isEqualTo("e/99");
    assertThat(second.get("bodyLength").intValue()).isEqualTo(3);
    assertThat(second.get("status").intValue()).isEqualTo(400);
  }

  @Test
  void unsignedRequest_isRecordedWithItsVerdictAndNullQuery() throws Exception {
    StubClient.get(stub.stub().url("/issues/false/1"));

    JsonNode r = StubClient.JSON.readTree(stub.stub().requestsAsJson()).get("requests").get(0);

    assertThat(r.get("query").isNull()).isTrue();
    assertThat(r.get("verification").get("code").asText()).isEqualTo("missing-header");
    assertThat(r.get("verification").get("keyFingerprint").isNull()).isTrue();
    assertThat(r.get("verdict").asText()).isEqualTo("missing-header");
    assertThat(r.get("status").intValue()).isEqualTo(401);
  }

  @Test
  void recordedBody_isACopy_thatCallersCannotChange() {
    sendNoteWithBody("{}".getBytes(StandardCharsets.UTF_8), "00000000-0000-4000-8000-000000000003");
    RecordedRequest r = stub.stub().lastRequest();

    r.body()[0] = 'X';

    assertThat(r.body()).containsExactly('{', '}');
    assertThat(r.bodyText()).contains("{}");
  }

  @Test
  void clearRequests_empties_butSequenceNumbersKeepCounting() {
    StubClient.get(stub.stub().url("/notes/1"));
    long before = stub.stub().lastRequest().sequence();

    stub.stub().clearRequests();
    StubClient.get(stub.stub().url("/notes/1"));

    assertThat(stub.stub().requests()).hasSize(1);
    assertThat(stub.stub().lastRequest().sequence()).isEqualTo(before + 1);
  }

  @Test
  void adminRequests_areNotRecorded() {
    StubClient.get(stub.stub().adminUrl() + "/health");

    assertThat(stub.stub().requests()).isEmpty();
  }

  @Test
  void writeRequests_writesTheJsonToAFile() throws Exception {
    StubClient.get(stub.stub().url("/notes/1"));
    Path file = temp.resolve("record.json");

    stub.stub().writeRequests(file);

    JsonNode written = StubClient.JSON.readTree(Files.readString(file));
    assertThat(written.get("format").asText()).isEqualTo("itk-stub-record/2");
    assertThat(written.get("requests").get(0).get("path").asText()).isEqualTo("/api/v1/notes/1");
  }

  @Test
  void recordIsComplete_whenTheClientHasItsAnswer() {
    for (int i = 0; i < 20; i++) {
      StubClient.get(stub.stub().url("/notes/" + i));
      assertThat(stub.stub().requests()).hasSize(i + 1);
    }
  }
}
