package dev.itk.stub;

import static dev.itk.stub.StubClient.CLOCK;
import static dev.itk.stub.StubClient.KEY;
import static dev.itk.stub.StubClient.T0_TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itk.signing.HeaderLine;
import dev.itk.signing.RequestIdSource;
import dev.itk.signing.RequestSigner;
import dev.itk.signing.SignedRequest;
import dev.itk.stub.RawHttp.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests written byte by byte on a socket: the stub verifies and records exactly what was sent
 * (raw paths, method case, header order and case, body bytes) and survives garbage.
 */
class RawRequestTest {
  @RegisterExtension
  static IssuetrakStubExtension stub =
      IssuetrakStubExtension.builder().configure(b -> b.key(KEY).clock(CLOCK)).build();

  private final AtomicInteger ids = new AtomicInteger(100);

  /** A signed request head for {@code target} (raw path and query, as sent), signed as given. */
  private String signedHead(String method, String target, String signedTarget, byte[] body) {
    int q = signedTarget.indexOf('?');
    String path = q < 0 ? signedTarget : signedTarget.substring(0, q);
    String query = q < 0 ? "" : signedTarget.substring(q + 1);
    SignedRequest s =
        RequestSigner.create(
                KEY, CLOCK, RequestIdSource.fixed(StubClient.id(ids.incrementAndGet())))
            .sign(method, path, query, body);
    return method
        + " "
        + target
        + " HTTP/1.1\nHost: 127.0.0.1\nX-Issuetrak-API-Request-ID: "
        + s.headers().requestId()
        + "\nX-Issuetrak-API-Timestamp: "
        + s.headers().timestamp()
        + "\nX-Issuetrak-API-Authorization: "
        + s.headers().authorization()
        + "\nContent-Length: "
        + body.length
        + "\nConnection: close\n\n";
  }

  private Answer sendSigned(String method, String target, byte[] body) {
    return RawHttp.send(stub.stub().port(), signedHead(method, target, target, body), body);
  }

  private static JsonNode json(Answer a) {
    try {
      return StubClient.JSON.readTree(a.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + a.body(), e);
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "//api/v1/issues/false/1 | 200",
        "/api/v1//issues/false/1 | 404",
        "/API/V1/ISSUES/FALSE/1 | 200",
        "/Caf%C3%A9/api/v1/issues/false/1 | 200",
        "/café/api/v1/issues/false/1 | 200",
        "/api/v1/notes%2F1 | 404",
        "/api/v1/notes/%31 | 400",
        "/api/v1/./notes/1 | 404",
        "/x/../api/v1/notes/1 | 200",
        "/api/v1/%2e%2e/notes/1 | 404",
        "/api/v1/notes/1;v=2 | 400",
        "/api/v1/issues/false/?issueNumbers=1%2c2&x=%2F | 200"
      })
  void rawTarget_isRecordedAsSent_andVerifiedOnItsRawForm(String target, int status) {
    Answer a = sendSigned("GET", target, new byte[0]);

    assertThat(a.status()).as(a.body()).isEqualTo(status);
    RecordedRequest r = stub.stub().lastRequest();
    assertThat(r.verdict()).isEqualTo("valid");
    int q = target.indexOf('?');
    assertThat(r.path()).isEqualTo(q < 0 ? target : target.substring(0, q));
    assertThat(r.query())
        .isEqualTo(
            q < 0 ? java.util.Optional.empty() : java.util.Optional.of(target.substring(q + 1)));
  }

  @Test
  void doubleSlashSent_whileSingleSlashSigned_isBadSignature() {
    String head =
        signedHead("GET", "//api/v1/issues/false/1", "/api/v1/issues/false/1", new byte[0]);

    Answer a = RawHttp.send(stub.stub().port(), head);

    assertThat(a.status()).isEqualTo(401);
    assertThat(json(a).get("error").asText()).isEqualTo("bad-signature");
    assertThat(json(a).get("canonicalMessage").asText()).contains("//api/v1/issues/false/1");
  }

  @Test
  void escapeSent_whileDecodedFormSigned_isBadSignature() {
    String head = signedHead("GET", "/api/v1/notes/%31", "/api/v1/notes/1", new byte[0]);

    assertThat(RawHttp.send(stub.stub().port(), head).status()).isEqualTo(401);
  }

  @Test
  void mixedCaseVerb_reachesTheVerifierUnchanged() {
    Answer a = sendSigned("Get", "/api/v1/notes/1", new byte[0]);

    assertThat(a.status()).isEqualTo(405);
    assertThat(stub.stub().lastRequest().method()).isEqualTo("Get");
    assertThat(
            stub.stub().lastRequest().verification().orElseThrow().message().orElseThrow().method())
        .isEqualTo("Get");
  }

  @Test
  void headers_areRecordedInReceivedOrderAndCase() {
    SignedRequest s =
        RequestSigner.create(KEY, CLOCK, RequestIdSource.fixed(StubClient.id(7)))
            .sign("GET", "/api/v1/notes/1", "", new byte[0]);
    String head =
        "GET /api/v1/notes/1 HTTP/1.1\n"
            + "host: 127.0.0.1\n"
            + "x-issuetrak-api-timestamp: "
            + T0_TEXT
            + "\n"
            + "accept: application/json\n"
            + "X-ISSUETRAK-API-REQUEST-ID: 00000000-0000-4000-8000-000000000007\n"
            + "X-Custom: b\n"
            + "CONTENT-type: text/plain\n"
            + "X-Issuetrak-API-Authorization: "
            + s.headers().authorization()
            + "\n"
            + "x-custom: a\n"
            + "connection: close\n\n";

    Answer a = RawHttp.send(stub.stub().port(), head);

    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(stub.stub().lastRequest().headers())
        .containsExactly(
            new HeaderLine("host", "127.0.0.1"),
            new HeaderLine("x-issuetrak-api-timestamp", T0_TEXT),
            new HeaderLine("accept", "application/json"),
            new HeaderLine("X-ISSUETRAK-API-REQUEST-ID", "00000000-0000-4000-8000-000000000007"),
            new HeaderLine("X-Custom", "b"),
            new HeaderLine("CONTENT-type", "text/plain"),
            new HeaderLine("X-Issuetrak-API-Authorization", s.headers().authorization()),
            new HeaderLine("x-custom", "a"),
            new HeaderLine("connection", "close"));
  }

  @Test
  void nonUtf8Body_isVerifiedAndRecordedByteForByte() {
    byte[] body = {
      '{', '"', 'N', 'o', 't', 'e', 'T', 'e', 'x', 't', '"', ':', '"', (byte) 0xE9, '"', '}'
    };

    Answer a = sendSigned("POST", "/api/v1/notes", body);

    assertThat(a.status()).isEqualTo(400);
    assertThat(json(a).get("error").asText()).isEqualTo("malformed-body");
    RecordedRequest r = stub.stub().lastRequest();
    assertThat(r.verdict()).isEqualTo("valid");
    assertThat(r.body()).containsExactly(body);
    assertThat(r.bodyText()).isEmpty();
  }

  @Test
  void bodyStartingWithTheGzipMagicBytes_isKeptExact_notUnzipped() {
    byte[] body = {0x1f, (byte) 0x8b, 0x08, 0x00, 'n', 'o', 't', ' ', 'g', 'z', 'i', 'p'};
    String head =
        signedHead("POST", "/api/v1/notes", "/api/v1/notes", body)
            .replace("Connection: close\n", "Connection: close\nContent-Encoding: gzip\n");

    Answer a = RawHttp.send(stub.stub().port(), head, body);

    assertThat(a.status()).as(a.body()).isEqualTo(400);
    assertThat(json(a).get("error").asText()).isEqualTo("malformed-body");
    assertThat(stub.stub().lastRequest().verdict()).isEqualTo("valid");
    assertThat(stub.stub().lastRequest().body()).containsExactly(body);
  }

  @Test
  void formBodyWithAnUnknownCharset_doesNotBreakTheServer() {
    byte[] body = "a=1&b=%zz".getBytes(StandardCharsets.US_ASCII);
    String head =
        signedHead("POST", "/api/v1/notes", "/api/v1/notes", body)
            .replace(
                "Connection: close\n",
                "Connection: close\nContent-Type: application/x-www-form-urlencoded; charset=nonsense\nCookie: =;;=\n");

    Answer a = RawHttp.send(stub.stub().port(), head, body);

    assertThat(a.status()).as(a.body()).isEqualTo(400);
    assertThat(json(a).get("error").asText()).isEqualTo("malformed-json");
    assertThat(stub.stub().lastRequest().body()).containsExactly(body);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "request line of garbage | GARBAGE~~",
        "header line without a colon | GET /api/v1/notes/1 HTTP/1.1~Host: x~Broken header~~",
        "non-numeric Content-Length | POST /api/v1/notes HTTP/1.1~Host: x~Content-Length: abc~~",
        "dot segments above the root | GET /api/v1/../../../etc/passwd HTTP/1.1~Host: x~~",
        "NUL escape in the path | GET /api/v1/notes/%00 HTTP/1.1~Host: x~~",
        "malformed escape | GET /api/v1/notes/%zz HTTP/1.1~Host: x~~"
      })
  void garbageTheHttpServerRefuses_getsAJson400_andTheServerKeepsServing(
      String what, String lines) {
    String head = lines.replace('~', '\n');
    int before = stub.stub().requests().size();

    Answer a = RawHttp.send(stub.stub().port(), head);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.head()).contains("Content-Type: application/json; charset=utf-8");
    assertThat(json(a).get("error").asText()).isEqualTo("malformed-http");
    assertThat(stub.stub().requests()).as("never reached the stub").hasSize(before);
    assertThat(sendSigned("GET", "/api/v1/notes/1", new byte[0]).status()).isEqualTo(200);
  }

  @Test
  void badChunkedBody_is400_andTheServerKeepsServing() {
    String head =
        "POST /api/v1/notes HTTP/1.1\nHost: x\nTransfer-Encoding: chunked\nConnection: close\n\n";

    Answer a =
        RawHttp.send(
            stub.stub().port(), head, "zz\r\nnot a chunk\r\n".getBytes(StandardCharsets.US_ASCII));

    assertThat(a.status()).isEqualTo(400);
    assertThat(json(a).get("error").asText()).isIn("malformed-body", "malformed-http");
    assertThat(sendSigned("GET", "/api/v1/notes/1", new byte[0]).status()).isEqualTo(200);
  }

  @Test
  void oversizedBody_is413_recordedTruncatedAndNotChecked() {
    try (IssuetrakStub small =
        IssuetrakStub.builder().key(KEY).clock(CLOCK).maxBodyBytes(16).build().start()) {
      byte[] body =
          "{\"NoteText\": \"a body longer than sixteen bytes\"}".getBytes(StandardCharsets.UTF_8);
      String head = signedHead("POST", "/api/v1/notes", "/api/v1/notes", body);

      Answer a = RawHttp.send(small.port(), head, body);

      assertThat(a.status()).isEqualTo(413);
      assertThat(json(a).get("error").asText()).isEqualTo("body-too-large");
      assertThat(json(a).get("message").asText()).contains("16 bytes");
      RecordedRequest r = small.lastRequest();
      assertThat(r.bodyTruncated()).isTrue();
      assertThat(r.verdict()).isEqualTo("not-checked");
      assertThat(r.status()).isEqualTo(413);
    }
  }

  @Test
  void oversizedChunkedBody_is413_withTheFirstBytesKept() {
    try (IssuetrakStub small =
        IssuetrakStub.builder().key(KEY).clock(CLOCK).maxBodyBytes(4).build().start()) {
      String head =
          "POST /api/v1/notes HTTP/1.1\nHost: x\nTransfer-Encoding: chunked\nConnection: close\n\n";

      Answer a =
          RawHttp.send(
              small.port(),
              head,
              "a\r\n0123456789\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

      assertThat(a.status()).isEqualTo(413);
      assertThat(small.lastRequest().body()).containsExactly('0', '1', '2', '3');
    }
  }

  @Test
  void manyBadRequestsInARow_leaveTheServerServing() {
    List<String> garbage =
        List.of(
            "\u0000\u0001\u0002\n\n",
            "GET / HTTP/9.9\nHost: x\n\n",
            "GET /api/v1/notes/1 HTTP/1.1\nHost: x\nX-Issuetrak-API-Request-ID: \u00ff\u00fe\n\n",
            "DELETE /__itk/nothing HTTP/1.1\nHost: x\nConnection: close\n\n",
            "GET /__admin/mappings HTTP/1.1\nHost: x\nConnection: close\n\n");
    for (String g : garbage) {
      Answer a = RawHttp.send(stub.stub().port(), g);
      assertThat(a.status()).as(g).isBetween(400, 505);
    }

    assertThat(sendSigned("GET", "/api/v1/notes/1", new byte[0]).status()).isEqualTo(200);
  }
}
