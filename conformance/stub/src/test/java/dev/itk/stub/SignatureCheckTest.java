package dev.itk.stub;

import static dev.itk.stub.StubClient.CLOCK;
import static dev.itk.stub.StubClient.KEY;
import static dev.itk.stub.StubClient.OTHER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itk.signing.ApiKey;
import dev.itk.signing.HeaderLine;
import dev.itk.signing.QueryForm;
import dev.itk.signing.RequestIdSource;
import dev.itk.signing.RequestSigner;
import dev.itk.stub.StubClient.Reply;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The stub checks every signature with core-java's verifier and answers a failure with the 401 body
 * of the contract, one code per failed check.
 */
class SignatureCheckTest {
  static final String REQUEST_ID = "X-Issuetrak-API-Request-ID";
  static final String TIMESTAMP = "X-Issuetrak-API-Timestamp";
  static final String AUTHORIZATION = "X-Issuetrak-API-Authorization";
  static final String ID1 = "00000000-0000-4000-8000-000000000001";

  @RegisterExtension
  static IssuetrakStubExtension stub =
      IssuetrakStubExtension.builder()
          .configure(b -> b.key(KEY).key(OTHER_KEY).clock(CLOCK))
          .build();

  StubClient client;

  @BeforeEach
  void newClient() {
    client = new StubClient(stub.stub());
  }

  private static JsonNode rejected(Reply reply, String code) {
    assertThat(reply.status()).as("status; body %s", reply.text()).isEqualTo(401);
    JsonNode body = reply.json();
    assertThat(body.get("error").asText()).isEqualTo(code);
    assertThat(stub.stub().lastRequest().verdict()).isEqualTo(code);
    assertThat(stub.stub().lastRequest().status()).isEqualTo(401);
    return body;
  }

  private static String base64(String message) {
    return Base64.getEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void validSignature_isAccepted_andTheRecordNamesTheKey() {
    Reply r = client.send("GET", "/api/v1/issues/false/1");

    assertThat(r.status()).isEqualTo(200);
    RecordedRequest recorded = stub.stub().lastRequest();
    assertThat(recorded.verdict()).isEqualTo("valid");
    assertThat(recorded.verification().orElseThrow().keyFingerprint())
        .contains("sha256:b08c9ef92d3cd8a0");
  }

  @Test
  void changedBody_isBadSignature_withTheMessageTheStubComputed() {
    String signed = "{\"IssueNumber\":1,\"NoteText\":\"original\"}";
    String sent = "{\"IssueNumber\":1,\"NoteText\":\"tampered\"}";

    Reply r =
        client.send(
            "POST",
            "/api/v1/notes",
            signed.getBytes(StandardCharsets.UTF_8),
            h -> h,
            b -> b.method("POST", HttpRequest.BodyPublishers.ofString(sent)));

    JsonNode body = rejected(r, "bad-signature");
    String message = "POST\n" + ID1 + "\n2014-09-10T17:28:08.3227351Z\n/api/v1/notes\n\n" + sent;
    assertThat(body.get("canonicalMessageBase64").asText()).isEqualTo(base64(message));
    assertThat(body.get("canonicalMessage").asText())
        .isEqualTo(
            "POST\\n\n"
                + ID1
                + "\\n\n2014-09-10T17:28:08.3227351Z\\n\n/api/v1/notes\\n\n\\n\n"
                + sent);
    assertThat(body.get("rule").asText())
        .isEqualTo(
            "X-Issuetrak-API-Authorization must be base64(HMAC-SHA512(key, canonical message))");
    assertThat(body.get("detail").asText()).contains("with any of its 2 keys");
    assertThat(body.get("header").asText()).isEqualTo(AUTHORIZATION);
    assertThat(body.get("queryForm").asText()).isEqualTo("raw");
    assertThat(body.get("clockOffset").asText()).isEqualTo("PT0S");
    assertThat(body.get("hint").asText())
        .contains("canonicalMessageBase64", "serialize the body once");
  }

  @Test
  void badSignature_neverRevealsTheExpectedSignature() {
    String sent = "{\"IssueNumber\":1,\"NoteText\":\"tampered\"}";
    // What a client with the right key would have to send for the tampered body.
    String expected =
        RequestSigner.create(KEY, CLOCK, RequestIdSource.fixed(ID1))
            .sign("POST", "/api/v1/notes", "", sent.getBytes(StandardCharsets.UTF_8))
            .signature();

    Reply r =
        client.send(
            "POST",
            "/api/v1/notes",
            "{}".getBytes(StandardCharsets.UTF_8),
            h -> h,
            b -> b.method("POST", HttpRequest.BodyPublishers.ofString(sent)));

    rejected(r, "bad-signature");
    assertThat(r.text()).doesNotContain(expected);
    assertThat(r.headers().toString()).doesNotContain(expected);
  }

  @Test
  void changedPath_isBadSignature() {
    Reply r =
        client.send(
            "GET",
            "/api/v1/issues/false/1",
            new byte[0],
            h -> h,
            b -> b.uri(URI.create(stub.stub().url("/issues/false/2"))));

    JsonNode body = rejected(r, "bad-signature");
    assertThat(body.get("canonicalMessage").asText()).contains("/api/v1/issues/false/2\\n\n");
  }

  @Test
  void changedQuery_isBadSignature() {
    Reply r =
        client.send(
            "GET",
            "/api/v1/issues/false/?issueNumbers=1,2",
            new byte[0],
            h -> h,
            b -> b.uri(URI.create(stub.stub().url("/issues/false/?issueNumbers=1,3"))));

    JsonNode body = rejected(r, "bad-signature");
    assertThat(body.get("canonicalMessage").asText()).contains("\\n\nissueNumbers=1,3\\n\n");
  }

  @Test
  void changedVerb_isBadSignature() {
    Reply r =
        client.send(
            "POST",
            "/api/v1/issues/search",
            "{}".getBytes(StandardCharsets.UTF_8),
            h -> h,
            b -> b.method("PUT", HttpRequest.BodyPublishers.ofString("{}")));

    JsonNode body = rejected(r, "bad-signature");
    assertThat(body.get("canonicalMessage").asText()).startsWith("PUT\\n\n");
  }

  @Test
  void mixedCaseVerbSent_whileUppercaseSigned_isBadSignature_theVerbReachesTheVerifierUnchanged() {
    Reply r =
        client.send(
            "GET",
            "/api/v1/issues/false/1",
            new byte[0],
            h -> h,
            b -> b.method("Get", HttpRequest.BodyPublishers.noBody()));

    JsonNode body = rejected(r, "bad-signature");
    assertThat(body.get("canonicalMessage").asText()).startsWith("Get\\n\n");
    assertThat(stub.stub().lastRequest().method()).isEqualTo("Get");
  }

  @Test
  void changedTimestamp_isBadSignature_withItsClockOffset() {
    Reply r =
        client.send(
            "GET",
            "/api/v1/issues/false/1",
            new byte[0],
            h -> {
              h.put(TIMESTAMP, "2014-09-10T17:28:09.3227351Z");
              return h;
            },
            b -> b);

    JsonNode body = rejected(r, "bad-signature");
    assertThat(body.get("clockOffset").asText()).isEqualTo("PT1S");
    assertThat(body.get("canonicalMessage").asText()).contains("2014-09-10T17:28:09.3227351Z");
  }

  @Test
  void timestampOutsideTheWindow_isStaleTimestamp() {
    stub.stub().shiftClock(Duration.ofMinutes(6));

    JsonNode body = rejected(client.send("GET", "/api/v1/issues/false/1"), "stale-timestamp");

    assertThat(body.get("clockOffset").asText()).isEqualTo("PT-6M");
    assertThat(body.get("header").asText()).isEqualTo(TIMESTAMP);
    assertThat(body.get("detail").asText()).contains("6m behind", "+/-5m");
    assertThat(body.get("hint").asText()).contains("/__itk/clock");
  }

  @Test
  void timestampExactlyAtTheWindowEdge_isAccepted() {
    stub.stub().shiftClock(Duration.ofMinutes(-5));

    assertThat(client.send("GET", "/api/v1/issues/false/1").status()).isEqualTo(200);
  }

  @Test
  void replayedRequestId_isRefusedTheSecondTime() {
    AtomicReference<Map<String, String>> first = new AtomicReference<>();
    Reply once =
        client.send(
            "GET",
            "/api/v1/issues/false/1",
            new byte[0],
            h -> {
              first.set(h);
              return h;
            },
            b -> b);

    Reply again =
        client.send("GET", "/api/v1/issues/false/1", new byte[0], h -> first.get(), b -> b);

    assertThat(once.status()).isEqualTo(200);
    JsonNode body = rejected(again, "replayed-request-id");
    assertThat(body.get("detail").asText()).contains(ID1);
  }

  @Test
  void replayCheckOff_acceptsTheSameRequestTwice() {
    try (IssuetrakStub noReplay =
        IssuetrakStub.builder().key(KEY).clock(CLOCK).replayCheck(false).build().start()) {
      StubClient c = new StubClient(noReplay);
      AtomicReference<Map<String, String>> first = new AtomicReference<>();
      c.send(
          "GET",
          "/api/v1/notes/1",
          new byte[0],
          h -> {
            first.set(h);
            return h;
          },
          b -> b);

      Reply again = c.send("GET", "/api/v1/notes/1", new byte[0], h -> first.get(), b -> b);

      assertThat(again.status()).isEqualTo(200);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({REQUEST_ID, TIMESTAMP, AUTHORIZATION})
  void missingHeader_isMissingHeader_namingIt(String header) {
    Reply r =
        client.send(
            "GET",
            "/api/v1/issues/false/1",
            new byte[0],
            h -> {
              h.remove(header);
              return h;
            },
            b -> b);

    JsonNode body = rejected(r, "missing-header");
    assertThat(body.get("header").asText()).isEqualTo(header);
    assertThat(body.get("detail").asText()).isEqualTo(header + " is missing");
    assertThat(body.has("canonicalMessage")).as("no message could be built").isFalse();
    assertThat(body.has("canonicalMessageBase64")).isFalse();
    assertThat(body.get("clockOffset").isNull()).isTrue();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({
    REQUEST_ID + ", not-a-uuid, malformed-request-id",
    TIMESTAMP + ", 2014-09-10 17:28:08, malformed-timestamp",
    AUTHORIZATION + ", c2lnbmF0dXJl, malformed-signature",
  })
  void malformedHeader_isRefusedWithItsCode(String header, String value, String code) {
    Reply r =
        client.send(
            "GET",
            "/api/v1/issues/false/1",
            new byte[0],
            h -> {
              h.put(header, value);
              return h;
            },
            b -> b);

    JsonNode body = rejected(r, code);
    assertThat(body.get("header").asText()).isEqualTo(header);
  }

  @Test
  void hexSignature_isMalformedSignature_withAHint() {
    String hex = "ab".repeat(64);
    Reply r =
        client.send(
            "GET",
            "/api/v1/issues/false/1",
            new byte[0],
            h -> {
              h.put(AUTHORIZATION, hex);
              return h;
            },
            b -> b);

    assertThat(rejected(r, "malformed-signature").get("detail").asText())
        .contains("looks like hex");
  }

  @Test
  void repeatedSignatureHeader_isDuplicateHeader() {
    Reply r =
        client.send(
            "GET",
            "/api/v1/issues/false/1",
            new byte[0],
            h -> h,
            b -> b.header(REQUEST_ID, "00000000-0000-4000-8000-000000000099"));

    JsonNode body = rejected(r, "duplicate-header");
    assertThat(body.get("detail").asText()).contains("sent 2 times");
  }

  @Test
  void headerNamesInTheVendorsCase_areAccepted() {
    Reply r =
        client.send(
            "GET",
            "/api/v1/issues/false/1",
            new byte[0],
            h -> {
              Map<String, String> vendor = new LinkedHashMap<>();
              h.forEach((k, v) -> vendor.put(k.replace("Issuetrak", "IssueTrak"), v));
              return vendor;
            },
            b -> b);

    assertThat(r.status()).isEqualTo(200);
    assertThat(stub.stub().lastRequest().headers())
        .extracting(HeaderLine::name)
        .contains("X-IssueTrak-API-Authorization");
  }

  @Test
  void secondKey_isAccepted_andTheRecordNamesIt() {
    Reply r = new StubClient(stub.stub(), OTHER_KEY).send("GET", "/api/v1/notes/2");

    assertThat(r.status()).isEqualTo(200);
    assertThat(stub.stub().lastRequest().verification().orElseThrow().keyFingerprint())
        .contains("sha256:8580ccfbf0c746a0");
  }

  @Test
  void unknownKey_isBadSignature() {
    Reply r =
        new StubClient(stub.stub(), ApiKey.of("not-a-configured-key"))
            .send("GET", "/api/v1/notes/2");

    rejected(r, "bad-signature");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(QueryForm.class)
  void eachQueryForm_acceptsAClientSigningThatForm(QueryForm form) {
    try (IssuetrakStub s =
        IssuetrakStub.builder().key(KEY).clock(CLOCK).queryForm(form).build().start()) {
      Reply r =
          new StubClient(s, KEY, form).send("GET", "/api/v1/issues/false/?issueNumbers=1%2C2");

      assertThat(r.status()).as(r.text()).isEqualTo(200);
    }
  }

  @Test
  void withQuestionMarkForm_refusesARawSigningClient_andSaysWhichFormItUsed() {
    try (IssuetrakStub s =
        IssuetrakStub.builder()
            .key(KEY)
            .clock(CLOCK)
            .queryForm(QueryForm.WITH_QUESTION_MARK)
            .build()
            .start()) {
      Reply r = new StubClient(s).send("GET", "/api/v1/issues/false/?issueNumbers=1,2");

      assertThat(r.status()).isEqualTo(401);
      assertThat(r.json().get("error").asText()).isEqualTo("bad-signature");
      assertThat(r.json().get("queryForm").asText()).isEqualTo("with-?");
      assertThat(r.json().get("canonicalMessage").asText()).contains("\\n\n?issueNumbers=1,2\\n\n");
    }
  }

  @Test
  void adminRoutes_areNotSigned() {
    Reply r = StubClient.get(stub.stub().adminUrl() + "/health");

    assertThat(r.status()).isEqualTo(200);
  }
}
