package dev.itk.cli;

import static dev.itk.cli.ItkRun.itk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itk.signing.ApiKey;
import dev.itk.signing.RequestSigner;
import dev.itk.signing.SignedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code itk stub}: bad input exits 2 in-process; the real thing runs as a child process. */
class StubCommandTest {
  static final String KEY = "stub-command-test-key";
  static final String SECOND_KEY = "another-client";

  @TempDir Path temp;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--port 70000 | --port must be 0 to 65535; got 70000",
        "--window soon | --window: duration \"soon\" is not like 5m",
        "--window -5m | --window must be zero or positive; got -5m",
        "--window 9000000000000h | --window must be at most 3652500 days (10 000 years); got"
            + " 9000000000000h",
        "--record-max-requests 0 | --record-max-requests must be at least 1; got 0",
        "--record-max-bytes 0 | --record-max-bytes must be at least 1; got 0",
        "--admin-token-file /nonexistent/t | cannot read admin token file /nonexistent/t: no such"
            + " file",
        "--query-form sorted | query form \"sorted\" is not one of raw, with-?, decoded, empty",
        "--max-body-bytes -1 | --max-body-bytes must be 0 or more; got -1",
        "--key-file /nonexistent/key | cannot read key file /nonexistent/key: no such file",
        "--record /nonexistent/dir/r.json | --record: the folder of /nonexistent/dir/r.json does not exist",
        "--port x | Invalid value for option '--port'",
        "--bind localhost | --bind: the bind address must be an IP address literal such as"
            + " 127.0.0.1, 0.0.0.0 or ::1 (no host name, brackets or zone); got \"localhost\""
      })
  void badInput_exits2_withOneLineNamingTheProblem(String options, String message)
      throws IOException {
    Path keyFile = temp.resolve("key");
    Files.writeString(keyFile, KEY);
    List<String> args = new ArrayList<>(List.of("stub", "--key-file", keyFile.toString()));
    args.addAll(List.of(options.split(" ")));

    ItkRun run = itk(args.toArray(String[]::new));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("itk stub: ").contains(message);
    assertThat(run.err().strip()).doesNotContain("\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void emptyKey_exits2_withoutPrintingIt() {
    ItkRun run = itk("stub", "--key", "");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines().toList())
        .containsExactly(
            "itk stub: " + KeyArgumentsTest.WARNING,
            "itk stub: API key is empty; it must be the key text issued by Issuetrak (HMAC needs"
                + " a non-empty key)");
  }

  @Test
  void runsAsAProcess_printsUrlAndFingerprints_logsRequests_andWritesTheRecordOnSigterm()
      throws Exception {
    Path keyFile = temp.resolve("second.key");
    Files.writeString(keyFile, SECOND_KEY + "\n");
    Path record = temp.resolve("record.json");
    try (ItkStubProcess stub =
        ItkStubProcess.start(
            temp, "--key", KEY, "--key-file", keyFile.toString(), "--record", record.toString())) {
      assertThat(stub.baseUrl()).matches("http://127\\.0\\.0\\.1:[1-9][0-9]*/api/v1");
      assertThat(stub.banner())
          .contains(
              "accepted keys: sha256:" + sha256Prefix(KEY) + ", sha256:" + sha256Prefix(SECOND_KEY))
          .doesNotContain(KEY)
          .doesNotContain(SECOND_KEY);
      String inspector = stub.baseUrl().replace("/api/v1", "/__itk/ui");
      assertThat(stub.banner()).contains("inspector:     " + inspector + " (open in a browser");
      HttpResponse<String> page =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(inspector)).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();

      SignedRequest signed =
          RequestSigner.create(ApiKey.of(SECOND_KEY))
              .sign("GET", "/api/v1/notes/1", "", new byte[0]);
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/notes/1"));
      signed.headers().asMap().forEach(request::header);
      HttpResponse<String> answer =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(stub.awaitOutput("GET /api/v1/notes/1"))
          .contains("GET /api/v1/notes/1  valid  200\n");

      assertThat(stub.stop()).as("stopped on SIGTERM").isTrue();
      assertThat(stub.stdout())
          .endsWith("itk stub: stopped; 1 requests served, 1 recorded in " + record + "\n");
      List<String> lines = Files.readAllLines(record);
      ObjectMapper json = new ObjectMapper();
      assertThat(json.readTree(lines.get(0)).get("format").asText())
          .isEqualTo("itk-stub-record-lines/1");
      assertThat(json.readTree(lines.get(1)).get("verdict").asText()).isEqualTo("valid");
      assertThat(json.readTree(lines.get(2)).get("end").get("written").asLong()).isEqualTo(1);
      assertThat(stub.stderr())
          .as("only the warning that --key shows in ps")
          .isEqualTo("itk stub: " + KeyArgumentsTest.WARNING + "\n");
    }
  }

  @Test
  void bindEveryInterface_warnsOnce_andStillServesOnLoopback() throws Exception {
    Path keyFile = temp.resolve("k.key");
    Files.writeString(keyFile, KEY);
    try (ItkStubProcess stub =
        ItkStubProcess.start(temp, "--key-file", keyFile.toString(), "--bind", "0.0.0.0")) {
      SignedRequest signed =
          RequestSigner.create(ApiKey.of(KEY)).sign("GET", "/api/v1/notes/1", "", new byte[0]);
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/notes/1"));
      signed.headers().asMap().forEach(request::header);
      HttpResponse<String> answer =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .send(request.build(), HttpResponse.BodyHandlers.ofString());

      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(stub.banner()).contains("  bind:          0.0.0.0\n");
      String port = stub.baseUrl().replaceAll(".*:([0-9]+)/api/v1", "$1");
      assertThat(stub.stderr())
          .isEqualTo(
              "itk stub: warning: --bind 0.0.0.0 listens beyond this machine: anything that"
                  + " reaches it on port "
                  + port
                  + " can send the stub requests and read its record (/__itk/ refuses a"
                  + " non-loopback Host, which stops browsers, not other programs; changes still"
                  + " need the admin token; docs/stub.md#admin-routes)\n");
    }
  }

  @Test
  void bindLoopback_byDefault_warnsNothing() throws Exception {
    Path keyFile = temp.resolve("k.key");
    Files.writeString(keyFile, KEY);
    try (ItkStubProcess stub = ItkStubProcess.start(temp, "--key-file", keyFile.toString())) {
      assertThat(stub.banner()).contains("  bind:          127.0.0.1\n");
      assertThat(stub.stderr()).isEmpty();
    }
  }

  @Test
  void aKilledStub_hasAlreadyWrittenEveryAnsweredRequestToItsRecord() throws Exception {
    Path keyFile = temp.resolve("k.key");
    Files.writeString(keyFile, KEY);
    Path record = temp.resolve("killed.jsonl");
    try (ItkStubProcess stub =
        ItkStubProcess.start(
            temp, "--key-file", keyFile.toString(), "--record", record.toString())) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (int i = 1; i <= 3; i++) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/notes/" + i)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
      }

      stub.kill();

      List<String> lines = Files.readAllLines(record);
      assertThat(lines).hasSize(4); // the format line and the three requests; no end line
      assertThat(new ObjectMapper().readTree(lines.get(3)).get("path").asText())
          .isEqualTo("/api/v1/notes/3");
    }
  }

  /** The first 16 hex digits of SHA-256 of the key text: what a fingerprint shows. */
  private static String sha256Prefix(String text) throws Exception {
    byte[] d =
        java.security.MessageDigest.getInstance("SHA-256")
            .digest(text.getBytes(StandardCharsets.UTF_8));
    return java.util.HexFormat.of().formatHex(d, 0, 8);
  }

  @Test
  void adminTokenFile_tooShort_isBadInput_withoutShowingTheToken() throws IOException {
    Path keyFile = temp.resolve("k.key");
    Files.writeString(keyFile, KEY);
    Path tokenFile = temp.resolve("admin.token");
    Files.writeString(tokenFile, "tiny-tok\n");

    ItkRun run =
        itk("stub", "--key-file", keyFile.toString(), "--admin-token-file", tokenFile.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("--admin-token-file " + tokenFile + ": the admin token must be 16 to 256")
        .doesNotContain("tiny-tok");
  }

  @Test
  void adminTokenFile_isTheTokenTheAdminRoutesWant_andIsNotPrinted() throws Exception {
    Path keyFile = temp.resolve("k.key");
    Files.writeString(keyFile, KEY);
    Path tokenFile = temp.resolve("admin.token");
    String token = "a-chosen-admin-token-0123456789";
    Files.writeString(tokenFile, token + "\n");
    try (ItkStubProcess stub =
        ItkStubProcess.start(
            temp, "--key-file", keyFile.toString(), "--admin-token-file", tokenFile.toString())) {
      String admin = stub.baseUrl().replace("/api/v1", "/__itk");
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpResponse<String> without =
          http.send(
              HttpRequest.newBuilder(URI.create(admin + "/reset"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> with =
          http.send(
              HttpRequest.newBuilder(URI.create(admin + "/reset"))
                  .header("X-Itk-Admin-Token", token)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(stub.banner()).contains("admin token:   from " + tokenFile).doesNotContain(token);
      assertThat(without.statusCode()).isEqualTo(401);
      assertThat(with.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void help_listsTheOptions() throws IOException {
    ItkRun run = itk("stub", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains(
            "--port", "--bind", "--key", "--key-file", "--record", "--window", "--no-replay-check")
        .contains("--query-form", "--max-body-bytes")
        .contains(
            "--no-diagnosis", "--admin-token-file", "--record-max-requests", "--record-max-bytes");
  }
}
