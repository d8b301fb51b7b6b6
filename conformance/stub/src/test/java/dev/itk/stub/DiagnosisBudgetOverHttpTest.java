package dev.itk.stub;

import static dev.itk.stub.StubClient.CLOCK;
import static dev.itk.stub.StubClient.KEY;
import static dev.itk.stub.StubClient.T0_TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itk.signing.ApiKey;
import dev.itk.signing.RequestIdSource;
import dev.itk.signing.RequestSigner;
import dev.itk.signing.SignedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A refused request's 401 costs a bounded amount of work: a 9 MiB body with a wrong signature took
 * 28 s (about 745 HMACs of the whole body) and a 1 MB body of nested arrays got a 500 after 26 s.
 * The work is counted in bytes hashed, which the 401 reports, not timed here.
 */
class DiagnosisBudgetOverHttpTest {
  private static final int NINE_MIB = 9 * 1024 * 1024;

  private static IssuetrakStub start(UnaryOperator<IssuetrakStub.Builder> b) {
    return b.apply(IssuetrakStub.builder().key(KEY).clock(CLOCK)).build().start();
  }

  /** POST /api/v1/notes with {@code body}, signed with {@code key}. */
  private static RawHttp.Answer post(IssuetrakStub stub, ApiKey key, byte[] body) {
    String id = StubClient.id(9);
    SignedRequest s =
        RequestSigner.create(key, CLOCK, RequestIdSource.fixed(id))
            .sign("POST", "/api/v1/notes", "", body);
    String head =
        "POST /api/v1/notes HTTP/1.1\nHost: 127.0.0.1\nX-Issuetrak-API-Request-ID: "
            + id
            + "\nX-Issuetrak-API-Timestamp: "
            + T0_TEXT
            + "\nX-Issuetrak-API-Authorization: "
            + s.signature()
            + "\nContent-Type: application/json\nContent-Length: "
            + body.length
            + "\nConnection: close\n\n";
    return RawHttp.send(stub.port(), head, body);
  }

  private static JsonNode json(RawHttp.Answer a) throws Exception {
    return StubClient.JSON.readTree(a.body());
  }

  private static byte[] nineMiBOfJson() {
    byte[] body = new byte[NINE_MIB];
    Arrays.fill(body, (byte) 'x');
    byte[] head = "{\"IssueNumber\":1,\"NoteText\":\"".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, body, 0, head.length);
    body[body.length - 2] = '"';
    body[body.length - 1] = '}';
    return body;
  }

  @Test
  void aNineMiBBodyWithAWrongSignature_hashesAtMostTheServerBudget_andSaysItWasCutShort()
      throws Exception {
    byte[] body = nineMiBOfJson();
    try (IssuetrakStub stub = start(b -> b)) {
      RawHttp.Answer a = post(stub, ApiKey.of("not-the-stub-key"), body);

      assertThat(a.status()).isEqualTo(401);
      JsonNode r = json(a);
      assertThat(r.get("error").asText()).isEqualTo("bad-signature");
      JsonNode d = r.get("diagnosis");
      assertThat(d.get("status").asText()).isEqualTo("cut-short");
      assertThat(d.get("detail").asText()).contains("cut short after").contains("budget");
      long message = r.get("canonicalMessageLength").asLong();
      assertThat(message).isGreaterThan(NINE_MIB);
      // DiagnosisBudget.SERVER: 8 MiB plus 4 times the message, here about 5 HMACs of the body
      // where the unbudgeted search made some 745.
      assertThat(d.get("hashedBytes").asLong())
          .isPositive()
          .isLessThanOrEqualTo((8L << 20) + 4 * message);
      // The 401 shows the start of the message, its length and digest, not 9 MiB twice over.
      assertThat(a.body().length()).isLessThan(256 * 1024);
      assertThat(r.get("canonicalMessageSha256").asText()).hasSize(64);
      assertThat(r.get("canonicalMessage").asText()).contains("more bytes of the body");
    }
  }

  @Test
  void withDiagnosisOff_theSame401HashesNothingMore() throws Exception {
    try (IssuetrakStub stub = start(b -> b.diagnosis(false))) {
      RawHttp.Answer a = post(stub, ApiKey.of("not-the-stub-key"), nineMiBOfJson());

      assertThat(a.status()).isEqualTo(401);
      JsonNode d = json(a).get("diagnosis");
      assertThat(d.get("status").asText()).isEqualTo("off");
      assertThat(d.get("hashedBytes").asLong()).isZero();
      assertThat(json(a).get("causes")).isEmpty();
    }
  }

  @Test
  void aMegabyteOfNestedArraysWithAWrongSignature_gets401_not500() throws Exception {
    StringBuilder json = new StringBuilder();
    json.append("[".repeat(1000));
    while (json.length() < 1_000_000) {
      json.append("1,");
    }
    json.append('1').append("]".repeat(1000));
    try (IssuetrakStub stub = start(b -> b)) {
      RawHttp.Answer a =
          post(
              stub,
              ApiKey.of("not-the-stub-key"),
              json.toString().getBytes(StandardCharsets.UTF_8));

      assertThat(a.status()).isEqualTo(401);
      JsonNode d = json(a).get("diagnosis");
      assertThat(d.get("hashedBytes").asLong())
          .isLessThanOrEqualTo((8L << 20) + 4 * json(a).get("canonicalMessageLength").asLong());
      // and the stub serves on
      assertThat(new StubClient(stub).send("GET", "/api/v1/notes/1").status()).isEqualTo(200);
    }
  }

  @Test
  void aSmallRefusedRequest_stillGetsItsCompleteDiagnosis() throws Exception {
    try (IssuetrakStub stub = start(b -> b)) {
      // signed with the key's text plus a line feed: a catalogued mistake (key-whitespace)
      RawHttp.Answer a =
          post(
              stub,
              ApiKey.of(new String(KEY.asSecretKey().getEncoded(), StandardCharsets.UTF_8) + "\n"),
              "{\"IssueNumber\":1,\"NoteText\":\"hi\"}".getBytes(StandardCharsets.UTF_8));

      JsonNode r = json(a);
      assertThat(r.get("diagnosis").get("status").asText()).isEqualTo("complete");
      assertThat(r.get("causes").get(0).get("id").asText()).isEqualTo("key-whitespace");
      assertThat(r.has("canonicalMessageLength")).as("a small message is shown whole").isFalse();
    }
  }
}
