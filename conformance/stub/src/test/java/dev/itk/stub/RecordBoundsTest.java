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
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record stays bounded on a long run: at most N requests and B bytes, the oldest dropped first
 * and counted; a refused request keeps only a body prefix and the SHA-256 of the whole; the record
 * file is written as the run goes.
 */
class RecordBoundsTest {
  @TempDir Path temp;

  private static IssuetrakStub start(java.util.function.UnaryOperator<IssuetrakStub.Builder> b) {
    return b.apply(IssuetrakStub.builder().key(KEY).clock(CLOCK)).build().start();
  }

  /**
   * POST /api/v1/notes with {@code body}, signed, or with its first signature character changed.
   */
  private static RawHttp.Answer post(IssuetrakStub stub, byte[] body, int id, boolean valid) {
    String requestId = StubClient.id(id);
    SignedRequest s =
        RequestSigner.create(KEY, CLOCK, RequestIdSource.fixed(requestId))
            .sign("POST", "/api/v1/notes", "", body);
    String signature =
        valid
            ? s.signature()
            : (s.signature().charAt(0) == 'A' ? "B" : "A") + s.signature().substring(1);
    String head =
        "POST /api/v1/notes HTTP/1.1\nHost: 127.0.0.1\nX-Issuetrak-API-Request-ID: "
            + requestId
            + "\nX-Issuetrak-API-Timestamp: "
            + T0_TEXT
            + "\nX-Issuetrak-API-Authorization: "
            + signature
            + "\nContent-Type: application/json\nContent-Length: "
            + body.length
            + "\nConnection: close\n\n";
    return RawHttp.send(stub.port(), head, body);
  }

  @Test
  void keepsTheNewestRequestsUpToItsCount_andCountsWhatItDropped() {
    try (IssuetrakStub stub = start(b -> b.maxRecordedRequests(3))) {
      for (int i = 1; i <= 5; i++) {
        StubClient.get(stub.url("/notes/" + i));
      }

      assertThat(stub.requests())
          .extracting(RecordedRequest::path)
          .containsExactly("/api/v1/notes/3", "/api/v1/notes/4", "/api/v1/notes/5");
      RecordCounts c = stub.recordCounts();
      assertThat(c.kept()).isEqualTo(3);
      assertThat(c.dropped()).isEqualTo(2);
      assertThat(c.total()).isEqualTo(5);
      JsonNode health = StubClient.get(stub.adminUrl() + "/health").json().get("record");
      assertThat(health.get("dropped").asLong()).isEqualTo(2);
      assertThat(health.get("maxRequests").asLong()).isEqualTo(3);
      JsonNode record = StubClient.get(stub.adminUrl() + "/requests").json();
      assertThat(record.get("counts").get("dropped").asLong()).isEqualTo(2);
      assertThat(record.get("requests")).hasSize(3);
    }
  }

  @Test
  void keepsItsBytesUnderTheBound_droppingTheOldest() {
    byte[] body =
        ("{\"IssueNumber\":1,\"NoteText\":\"" + "x".repeat(10_000) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    try (IssuetrakStub stub = start(b -> b.maxRecordedBytes(35_000))) {
      for (int i = 1; i <= 6; i++) {
        assertThat(post(stub, body, i, true).status()).isEqualTo(200);
      }

      RecordCounts c = stub.recordCounts();
      assertThat(c.keptBytes()).isLessThanOrEqualTo(35_000);
      assertThat(c.kept()).isEqualTo(3);
      assertThat(c.dropped()).isEqualTo(3);
      assertThat(c.droppedBytes()).isGreaterThan(30_000);
      assertThat(stub.requests()).allSatisfy(r -> assertThat(r.body()).hasSize(body.length));
    }
  }

  @Test
  void refusedRequestsWithLargeBodies_weighTheWholeBody_whichTheirCanonicalMessageHolds() {
    // The record keeps a 64 KiB prefix of a refused body, but the verification it keeps holds the
    // canonical message the stub computed, whole body included: 1 MiB each, so at most two fit
    // in 3 MiB. Counted as 64 KiB each, all five were kept: 5 MiB held under a 3 MiB bound.
    byte[] body = new byte[1 << 20];
    Arrays.fill(body, (byte) 'b');
    try (IssuetrakStub stub = start(b -> b.maxRecordedBytes(3 << 20))) {
      for (int i = 1; i <= 5; i++) {
        assertThat(post(stub, body, i, false).status()).isEqualTo(401);
      }

      RecordCounts c = stub.recordCounts();
      assertThat(stub.requests()).allSatisfy(r -> assertThat(r.bodyIsPrefix()).isTrue());
      assertThat(c.kept()).isEqualTo(2);
      assertThat(c.dropped()).isEqualTo(3);
      assertThat(c.keptBytes()).isBetween(2L << 20, 3L << 20);
    }
  }

  @Test
  void aRefusedRequest_keepsABodyPrefixAndTheSha256OfTheWhole_anAcceptedOneItsWholeBody() {
    // 100 000 bytes of 'a': SHA-256 from `python3 -c "import
    // hashlib;print(hashlib.sha256(b'a'*100000).hexdigest())"`
    byte[] body = new byte[100_000];
    Arrays.fill(body, (byte) 'a');
    try (IssuetrakStub stub = start(b -> b.refusedBodyPrefixBytes(1000))) {
      assertThat(post(stub, body, 1, false).status()).isEqualTo(401);
      assertThat(post(stub, body, 2, true).status()).isEqualTo(400); // not JSON: a route error

      List<RecordedRequest> r = stub.requests();
      RecordedRequest refused = r.get(0);
      assertThat(refused.verdict()).isEqualTo("bad-signature");
      assertThat(refused.body()).hasSize(1000);
      assertThat(refused.bodyLength()).isEqualTo(100_000);
      assertThat(refused.bodyIsPrefix()).isTrue();
      assertThat(refused.bodySha256()).contains(EXPECTED_SHA256);
      RecordedRequest accepted = r.get(1);
      assertThat(accepted.verdict()).isEqualTo("valid");
      assertThat(accepted.body()).hasSize(100_000);
      assertThat(accepted.bodyIsPrefix()).isFalse();
      assertThat(accepted.bodySha256()).isEmpty();

      JsonNode json = StubClient.get(stub.adminUrl() + "/requests").json().get("requests").get(0);
      assertThat(json.get("bodyKept").asText()).isEqualTo("prefix");
      assertThat(json.get("bodyLength").asLong()).isEqualTo(100_000);
      assertThat(json.get("body").asText()).isEqualTo("a".repeat(1000));
      assertThat(json.get("bodySha256").asText()).isEqualTo(EXPECTED_SHA256);
    }
  }

  private static final String EXPECTED_SHA256 =
      "6d1cf22d7cc09b085dfc25ee1a1f3ae0265804c607bc2074ad253bcc82fd81ee";

  @Test
  void theRecordFile_holdsEachRequestAsItIsAnswered_andEndsWithTheCounts() throws Exception {
    Path file = temp.resolve("run.jsonl");
    IssuetrakStub stub = start(b -> b.recordFile(file).maxRecordedRequests(1));
    try {
      StubClient.get(stub.url("/notes/1"));
      StubClient.get(stub.url("/notes/2"));

      // Written while the stub runs: a stub killed now loses nothing answered.
      List<String> lines = Files.readAllLines(file);
      assertThat(lines).hasSize(3);
      assertThat(StubClient.JSON.readTree(lines.get(0)).get("format").asText())
          .isEqualTo("itk-stub-record-lines/1");
      assertThat(StubClient.JSON.readTree(lines.get(2)).get("path").asText())
          .isEqualTo("/api/v1/notes/2");
    } finally {
      stub.close();
    }

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(4);
    JsonNode end = StubClient.JSON.readTree(lines.get(3)).get("end");
    assertThat(end.get("written").asLong()).isEqualTo(2);
    assertThat(end.get("dropped").asLong()).isEqualTo(1);
    // itk diagnose and capture-to-vector read the file as a record
    assertThat(
            dev.itk.diagnose.CaptureReaders.detect(Files.readAllBytes(file), "record file", null)
                .rawPath())
        .isEqualTo("/api/v1/notes/2");
    assertThat(stub.recordFileResult())
        .hasValueSatisfying(r -> assertThat(r.requests()).isEqualTo(2));
  }
}
