package dev.itk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itk.conformance.vectors.Vector;
import dev.itk.signing.ApiKey;
import dev.itk.signing.CanonicalMessage;
import dev.itk.signing.SignatureVerifier;
import dev.itk.signing.SignedRequest;
import dev.itk.signing.VerificationResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code itk capture-to-vector}: a captured request becomes a vector signed with a test key. */
class CaptureToVectorCommandTest {
  /** A real-looking key the captured request was signed with; it must never reach the vector. */
  static final String REAL_KEY = "Zk9xT2RkR3ZlN0JmS0t5a1l0c0xxWkRqV2FhUmJmNGtRc2hIUXZuM0tQbQ=";

  static final String REQUEST_ID = "5051f1cb-d5f1-47ed-b320-020f6e54b9c2";
  static final String TIMESTAMP = "2019-08-27T12:37:22.7874043Z";
  static final byte[] JSON_BODY =
      "{\"IssueNumber\":1,\"NoteText\":\"Ça marche\"}".getBytes(StandardCharsets.UTF_8);

  @TempDir Path temp;

  record Run(int exitCode, String out, String err) {}

  /** Runs the command as {@code Itk.run} does: same streams and exit-code handling. */
  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter errWriter = new PrintWriter(err);
    CommandLine cli = new CommandLine(new CaptureToVectorCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(errWriter);
    cli.setParameterExceptionHandler(
        (e, ignored) -> {
          errWriter.println("capture-to-vector: " + e.getMessage());
          errWriter.flush();
          return Itk.BAD_INPUT;
        });
    cli.setExecutionExceptionHandler(
        (e, command, ignored) -> {
          if (e instanceof BadInputException || e instanceof IllegalArgumentException) {
            errWriter.println("capture-to-vector: " + e.getMessage());
            errWriter.flush();
            return Itk.BAD_INPUT;
          }
          throw e;
        });
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** The request as the client sent it, signed with {@link #REAL_KEY}. */
  static SignedRequest sentWithRealKey(String method, String path, String query, byte[] body) {
    return dev.itk.signing.RequestSigner.create(ApiKey.of(REAL_KEY))
        .sign(
            CanonicalMessage.builder()
                .method(method)
                .requestId(REQUEST_ID)
                .timestamp(TIMESTAMP)
                .path(path)
                .query(query)
                .body(body)
                .build());
  }

  static byte[] rawRequest(String target, SignedRequest sent, byte[] body) {
    String head =
        sent.message().method()
            + " "
            + target
            + " HTTP/1.1\r\n"
            + "Host: sub.example.com\r\n"
            + "Content-Type: application/json; charset=utf-8\r\n"
            + "X-IssueTrak-API-Request-ID: "
            + sent.headers().requestId()
            + "\r\n"
            + "X-IssueTrak-API-Timestamp: "
            + sent.headers().timestamp()
            + "\r\n"
            + "X-IssueTrak-API-Authorization: "
            + sent.headers().authorization()
            + "\r\n"
            + "Content-Length: "
            + body.length
            + "\r\n\r\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(body);
    return out.toByteArray();
  }

  static Vector parse(String json) throws IOException {
    return new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .readValue(json, Vector.class);
  }

  static VerificationResult verifyWithTestKey(Vector v) {
    return SignatureVerifier.builder()
        .key(ApiKey.of(CaptureToVectorCommand.DEFAULT_TEST_KEY))
        .clock(Clock.fixed(Instant.parse(v.expected().timestampInstant()), ZoneOffset.UTC))
        .build()
        .verify(v.input().toReceivedRequest(v.expected().signature()));
  }

  @Test
  void captureToVector_rawRequestBecomesAVectorSignedWithTheTestKey() throws IOException {
    SignedRequest sent =
        sentWithRealKey("POST", "/NestedSite/api/v1/Notes", "x=%2F&y=a+b", JSON_BODY);
    Path file = temp.resolve("captured.http");
    Files.write(file, rawRequest("/NestedSite/api/v1/Notes?x=%2F&y=a+b", sent, JSON_BODY));

    Run run = run("--request-file", file.toString());

    assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
    assertThat(run.out())
        .doesNotContain(REAL_KEY)
        .doesNotContain(sent.signature())
        .doesNotContain(sent.signature().substring(0, 20));
    assertThat(run.err().lines().toList())
        .singleElement()
        .asString()
        .contains("key was replaced by the test key")
        .doesNotContain(REAL_KEY);

    Vector v = parse(run.out());
    assertThat(v.id()).isEqualTo("capture-001");
    assertThat(v.result()).isEqualTo("valid");
    assertThat(v.flags()).containsExactly("captured");
    assertThat(v.source()).isEqualTo("itk capture-to-vector (core-java signer)");
    assertThat(v.comment()).contains("POST /NestedSite/api/v1/Notes?x=%2F&y=a+b");
    assertThat(v.input().key()).isEqualTo(CaptureToVectorCommand.DEFAULT_TEST_KEY);
    assertThat(v.input().method()).isEqualTo("POST");
    assertThat(v.input().path()).isEqualTo("/NestedSite/api/v1/Notes");
    assertThat(v.input().query()).isEqualTo("x=%2F&y=a+b");
    assertThat(v.input().requestId()).isEqualTo(REQUEST_ID);
    assertThat(v.input().timestamp()).isEqualTo(TIMESTAMP);
    assertThat(v.input().bodyBytes()).isEqualTo(JSON_BODY);
    assertThat(v.input().bodyBase64()).isNull();

    CanonicalMessage expected = sent.message(); // the same fields; the key plays no part in it
    assertThat(v.expected().path()).isEqualTo("/nestedsite/api/v1/notes");
    assertThat(v.expected().timestampInstant()).isEqualTo(TIMESTAMP);
    assertThat(v.expected().message())
        .isEqualTo(new String(expected.toBytes(), StandardCharsets.UTF_8));
    assertThat(v.expected().rendered()).isEqualTo(expected.render());
    assertThat(v.expected().headers())
        .isEqualTo(
            Map.of(
                "X-Issuetrak-API-Request-ID", REQUEST_ID,
                "X-Issuetrak-API-Timestamp", TIMESTAMP,
                "X-Issuetrak-API-Authorization", v.expected().signature()));
    assertThat(v.expected().signature()).isNotEqualTo(sent.signature());

    VerificationResult result = verifyWithTestKey(v);
    assertThat(result.isValid()).as("verifies with the test key: %s", result).isTrue();
  }

  @Test
  void captureToVector_keepsANonUtf8BodyAsBase64() throws IOException {
    byte[] body = {(byte) 0xFF, 0x00, (byte) 0xE9, '\n'};
    SignedRequest sent = sentWithRealKey("PUT", "/api/v1/attachments", "", body);
    Path file = temp.resolve("binary.http");
    Files.write(file, rawRequest("/api/v1/attachments", sent, body));
    Path output = temp.resolve("vector.json");

    Run run =
        run(
            "--request-file",
            file.toString(),
            "--output",
            output.toString(),
            "--id",
            "bodies-900-binary-upload",
            "--comment",
            "An upload");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(run.out()).isEmpty();
    String json = Files.readString(output);
    assertThat(json).doesNotContain(REAL_KEY).endsWith("}\n").contains("\"id\": \"bodies-900-");
    Vector v = parse(json);
    assertThat(v.id()).isEqualTo("bodies-900-binary-upload");
    assertThat(v.comment()).isEqualTo("An upload");
    assertThat(v.input().body()).isNull();
    assertThat(v.input().bodyBase64()).isEqualTo(Base64.getEncoder().encodeToString(body));
    assertThat(v.input().query()).as("no '?' is an empty query").isEmpty();
    assertThat(v.expected().message()).isNull();
    assertThat(v.expected().messageBytes()).isEqualTo(sent.message().toBytes());
    assertThat(v.expected().rendered()).isEqualTo(sent.message().render());
    assertThat(verifyWithTestKey(v).isValid()).isTrue();
  }

  @Test
  void captureToVector_readsCurlAndHarWithAnEntry() throws IOException {
    SignedRequest sent = sentWithRealKey("GET", "/Site/api/v1/issues/false/1", "", new byte[0]);
    String curl =
        "curl -sS 'https://h.example/Site/api/v1/issues/false/1' \\\n"
            + " -H 'X-Issuetrak-API-Request-ID: "
            + REQUEST_ID
            + "' -H 'X-Issuetrak-API-Timestamp: "
            + TIMESTAMP
            + "' -H 'X-Issuetrak-API-Authorization: "
            + sent.signature()
            + "'";

    Run fromCurl = run("--curl", curl);

    assertThat(fromCurl.exitCode()).as("stderr: %s", fromCurl.err()).isZero();
    Vector v = parse(fromCurl.out());
    assertThat(v.input().method()).isEqualTo("GET");
    assertThat(v.input().body()).isEmpty();
    assertThat(v.expected().rendered()).isEqualTo(sent.message().render());

    String har =
        """
        {"log": {"entries": [
          {"request": {"method": "GET", "url": "https://h/a", "headers": []}},
          {"request": {"method": "GET", "url": "https://h.example/Site/api/v1/issues/false/1",
            "headers": [{"name": "X-Issuetrak-API-Request-ID", "value": "%s"},
                        {"name": "X-Issuetrak-API-Timestamp", "value": "%s"}]}}]}}
        """
            .formatted(REQUEST_ID, TIMESTAMP);
    Path harFile = temp.resolve("x.har");
    Files.writeString(harFile, har);

    Run fromHar = run("--har", harFile.toString(), "--entry", "1");

    assertThat(fromHar.exitCode()).as("stderr: %s", fromHar.err()).isZero();
    assertThat(parse(fromHar.out()).expected()).isEqualTo(v.expected());
  }

  /** A curl command line as a customer would paste it, its body read from {@code dataFile}. */
  static String curlWithDataFile(SignedRequest sent, Path dataFile) {
    return "curl -X POST 'https://h.example/api/v1/notes' -H 'X-Issuetrak-API-Request-ID: "
        + REQUEST_ID
        + "' -H 'X-Issuetrak-API-Timestamp: "
        + TIMESTAMP
        + "' -H 'X-Issuetrak-API-Authorization: "
        + sent.signature()
        + "' --data-binary '@"
        + dataFile
        + "'";
  }

  @Test
  void captureToVector_curlNamingAFile_isRefusedWithoutAllowFiles_namingTheFileAndTheFlag()
      throws IOException {
    Path file = temp.resolve("id_rsa");
    Files.writeString(file, "-----BEGIN OPENSSH PRIVATE KEY----- not for a vector");
    SignedRequest sent = sentWithRealKey("POST", "/api/v1/notes", "", Files.readAllBytes(file));

    Run run = run("--curl", curlWithDataFile(sent, file));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "capture-to-vector: --curl: option --data-binary @"
                + file
                + ": reading a file named in a pasted curl command needs --allow-files (a pasted"
                + " command could name any file on this machine)"
                + System.lineSeparator());
  }

  @Test
  void captureToVector_curlNamingAFile_withAllowFiles_putsItsBytesInTheVector() throws IOException {
    Path file = temp.resolve("note.json");
    Files.write(file, JSON_BODY);
    SignedRequest sent = sentWithRealKey("POST", "/api/v1/notes", "", JSON_BODY);

    Run run = run("--curl", curlWithDataFile(sent, file), "--allow-files");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    Vector v = parse(run.out());
    assertThat(v.input().bodyBytes()).isEqualTo(JSON_BODY);
    assertThat(v.expected().rendered()).isEqualTo(sent.message().render());
  }

  @Test
  void captureToVector_allowFilesWithoutCurl_exits2() throws IOException {
    Path file = temp.resolve("captured.http");
    SignedRequest sent = sentWithRealKey("GET", "/api/v1/issues/false/1", "", new byte[0]);
    Files.write(file, rawRequest("/api/v1/issues/false/1", sent, new byte[0]));

    Run run = run("--request-file", file.toString(), "--allow-files");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "capture-to-vector: --allow-files lets a --curl command line read the files it names;"
                + " there is no --curl here"
                + System.lineSeparator());
  }

  @Test
  void captureToVector_missingSignatureHeadersExit2NamingThem() throws IOException {
    Path file = temp.resolve("bare.http");
    Files.writeString(file, "GET /api/v1/issues/false/1 HTTP/1.1\r\nHost: h\r\n\r\n");

    Run run = run("--request-file", file.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "capture-to-vector: request file "
                + file
                + ": no X-Issuetrak-API-Request-ID and no X-Issuetrak-API-Timestamp header; a"
                + " vector keeps the request's own request ID and timestamp"
                + System.lineSeparator());
  }

  @Test
  void captureToVector_badInputExits2WithOneLine() throws IOException {
    Path file = temp.resolve("broken.http");
    Files.writeString(file, "POST /a HTTP/1.1\nContent-Length: 10\n\nabc");

    for (List<String> args :
        List.<List<String>>of(
            List.of("--request-file", file.toString()),
            List.of("--curl", "curl -G http://h/a"),
            List.of("--request-file", temp.resolve("absent.http").toString()),
            List.of(),
            List.of("--curl", "curl http://h/a", "--har", "x.har"),
            List.of("--curl", "curl http://h/a", "--id", "Not An Id"))) {
      Run run = run(args.toArray(String[]::new));

      assertThat(run.exitCode()).as("exit code of %s", args).isEqualTo(2);
      assertThat(run.out()).as("stdout of %s", args).isEmpty();
      assertThat(run.err().lines().toList())
          .as("stderr of %s", args)
          .singleElement()
          .asString()
          .startsWith("capture-to-vector: ");
    }
    assertThat(run("--request-file", file.toString()).err()).contains("the body is truncated");
  }

  @Test
  void captureToVector_refusesTheRealKeyAsTestKey() throws IOException {
    SignedRequest sent = sentWithRealKey("GET", "/api/v1/issues/false/1", "", new byte[0]);
    Path file = temp.resolve("captured.http");
    Files.write(file, rawRequest("/api/v1/issues/false/1", sent, new byte[0]));

    Run run = run("--request-file", file.toString(), "--test-key", REAL_KEY);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith("capture-to-vector: --test-key reproduces the captured signature")
        .doesNotContain(REAL_KEY);
  }

  @Test
  void captureToVector_acceptsAnotherTestKey() throws IOException {
    SignedRequest sent = sentWithRealKey("GET", "/api/v1/issues/false/1", "", new byte[0]);
    Path file = temp.resolve("captured.http");
    Files.write(file, rawRequest("/api/v1/issues/false/1", sent, new byte[0]));

    Run run = run("--request-file", file.toString(), "--test-key", "my-test-key");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    Vector v = parse(run.out());
    assertThat(v.input().key()).isEqualTo("my-test-key");
    assertThat(
            SignatureVerifier.builder()
                .key(ApiKey.of("my-test-key"))
                .clock(Clock.fixed(Instant.parse(TIMESTAMP), ZoneOffset.UTC))
                .build()
                .verify(v.input().toReceivedRequest(v.expected().signature()))
                .isValid())
        .isTrue();
  }
}
