package dev.itk.client;

import static dev.itk.client.ClientTestSupport.KEY_TEXT;
import static dev.itk.client.ClientTestSupport.REQUEST_ID;
import static dev.itk.client.ClientTestSupport.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.itk.signing.ApiKey;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CapturingServerExtension.class)
class ErrorHandlingTest {
  // A 401 body shaped like the stub's (docs/stub.md): never the expected signature.
  static final String UNAUTHORIZED =
      """
      {"error":"bad-signature","rule":"X-Issuetrak-API-Authorization must be base64(HMAC-SHA512(key, canonical message))",\
      "detail":"the signature does not match the canonical message this verifier computed for the request",\
      "header":"X-Issuetrak-API-Authorization",\
      "canonicalMessage":"GET\\\\n\\nc3838d04-46f8-43d6-92fd-62b3d0b59f3e\\\\n\\n2014-09-10T17:28:08.3227351Z\\\\n\\n/nestedsite1/api/v1/issues/false/1\\\\n\\n\\\\n\\n",\
      "canonicalMessageBase64":"R0VU","queryForm":"raw","clockOffset":"PT0.5S",\
      "hint":"compare this message with the one your client signed"}""";

  @Test
  void nonSuccess_raisesApiExceptionWithStatusBodyAndCode(CapturingServer server) {
    String body = "{\"error\":\"unknown-issue\",\"message\":\"issue 99 does not exist\"}";
    server.answer(400, body);

    IssuetrakApiException e =
        catchThrowableOfType(IssuetrakApiException.class, () -> client(server).getIssue(99, false));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.body()).isEqualTo(body);
    assertThat(e.errorCode()).contains("unknown-issue");
    assertThat(e.serverCanonicalMessage()).isEmpty();
    assertThat(e.request().rawPath()).isEqualTo("/NestedSite1/api/v1/issues/false/99");
    assertThat(e)
        .hasMessage(
            "GET "
                + server.url("/NestedSite1/api/v1/issues/false/99")
                + " failed with HTTP 400 (unknown-issue): issue 99 does not exist");
  }

  @Test
  void nonJsonError_keepsTheBodyAndHasNoCode(CapturingServer server) {
    server.answer(502, "Bad gateway");

    IssuetrakApiException e =
        catchThrowableOfType(IssuetrakApiException.class, () -> client(server).getNote(1));

    assertThat(e.status()).isEqualTo(502);
    assertThat(e.errorCode()).isEmpty();
    assertThat(e.body()).isEqualTo("Bad gateway");
    assertThat(e).hasMessageEndingWith("failed with HTTP 502; body: Bad gateway");
  }

  @Test
  void unauthorized_messageExplainsHowToDiagnoseAndNeverShowsTheKey(CapturingServer server) {
    server.answer(401, UNAUTHORIZED);

    IssuetrakApiException e =
        catchThrowableOfType(IssuetrakApiException.class, () -> client(server).getIssue(1, false));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.errorCode()).contains("bad-signature");
    assertThat(e.serverCanonicalMessage())
        .contains(
            "GET\\n\nc3838d04-46f8-43d6-92fd-62b3d0b59f3e\\n\n2014-09-10T17:28:08.3227351Z\\n\n"
                + "/nestedsite1/api/v1/issues/false/1\\n\n\\n\n");
    assertThat(e.getMessage())
        .contains("failed with HTTP 401 (bad-signature): the signature does not match")
        .contains("compare the canonical message the server computed with the one this client")
        .contains("server computed (query form raw):")
        .contains("this client signed (query form raw, key " + ApiKey.of(KEY_TEXT).fingerprint())
        // the client's rendering of what it signed, one field per line
        .contains(
            "GET\\n\n"
                + REQUEST_ID
                + "\\n\n2014-09-10T17:28:08.3227351Z\\n\n/nestedsite1/api/v1/issues/false/1\\n\n\\n\n")
        .contains(
            "./itk sign --key-file KEY_FILE --method GET --path '/NestedSite1/api/v1/issues/false/1'"
                + " --request-id "
                + REQUEST_ID
                + " --timestamp 2014-09-10T17:28:08.3227351Z")
        .contains("clock offset (timestamp minus server time): PT0.5S")
        .doesNotContain(KEY_TEXT)
        .doesNotContain(e.request().signed().signature());
  }

  @Test
  void unauthorizedWithoutAReportedMessage_stillShowsWhatTheClientSigned(CapturingServer server) {
    server.answer(401, "");

    IssuetrakApiException e =
        catchThrowableOfType(
            IssuetrakApiException.class, () -> client(server).createNote(CreateNote.of(1, "x")));

    assertThat(e.errorCode()).isEmpty();
    assertThat(e.getMessage())
        .contains("The server did not report the message it computed.")
        .contains("\"IssueNumber\":1,\"NoteText\":\"x\"")
        .contains("--body-file BODY_FILE")
        .doesNotContain(KEY_TEXT);
  }

  @Test
  void successWithAnUnexpectedBody_raisesApiExceptionNamingWhatWasExpected(CapturingServer server) {
    server.answer(200, "\"four\"");

    IssuetrakApiException e =
        catchThrowableOfType(
            IssuetrakApiException.class,
            () -> client(server).createIssue(CreateIssue.builder().subject("S").build()));

    assertThat(e.status()).isEqualTo(200);
    assertThat(e.body()).isEqualTo("\"four\"");
    assertThat(e).hasMessageContaining("answered HTTP 200 but the body is not a JSON Integer");
  }

  @Test
  void asyncNonSuccess_failsTheFutureWithTheApiException(CapturingServer server) {
    server.answer(404, "{\"error\":\"not-found\",\"message\":\"issue type 9 does not exist\"}");

    assertThatThrownBy(
            () ->
                client(server)
                    .sendAsync("GET", "/issuetypes/9", "", null)
                    .get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(IssuetrakApiException.class)
        .hasMessageContaining("HTTP 404 (not-found)");
  }

  @Test
  void connectionRefused_raisesTransportExceptionNamingTheUrl() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    IssuetrakClient client =
        IssuetrakClient.builder()
            .baseUrl("http://127.0.0.1:" + port + "/api/v1")
            .apiKey(ClientTestSupport.KEY)
            .build();

    assertThatThrownBy(() -> client.getNote(1))
        .isInstanceOf(IssuetrakTransportException.class)
        .hasMessage(
            "GET http://127.0.0.1:"
                + port
                + "/api/v1/notes/1: could not connect (connection refused or host unreachable)");
  }

  @Test
  void asyncConnectionRefused_failsTheFutureWithTheTransportException() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    IssuetrakClient client =
        IssuetrakClient.builder()
            .baseUrl("http://127.0.0.1:" + port + "/api/v1")
            .apiKey(ClientTestSupport.KEY)
            .build();

    assertThatThrownBy(() -> client.getNoteAsync(1).get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(IssuetrakTransportException.class)
        .hasMessageContaining("/api/v1/notes/1: could not connect");
  }

  @Test
  void noAnswerInTime_raisesTransportExceptionNamingTheUrlAndTheTimeout(CapturingServer server) {
    server.answerSlowly(Duration.ofMillis(1500), 200, "{}");
    IssuetrakClient client =
        ClientTestSupport.builder(server).requestTimeout(Duration.ofMillis(300)).build();

    assertThatThrownBy(() -> client.getNote(1))
        .isInstanceOf(IssuetrakTransportException.class)
        .hasMessage(
            "GET "
                + server.url("/NestedSite1/api/v1/notes/1")
                + ": no answer within PT0.3S (the request timeout)");
  }
}
