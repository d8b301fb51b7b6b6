package dev.itk.cli;

import static dev.itk.cli.ItkRun.itk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itk.diagnose.CapturedRequest;
import dev.itk.diagnose.Diagnosis;
import dev.itk.diagnose.DiagnosisCases;
import dev.itk.signing.ApiKey;
import dev.itk.signing.IssuetrakTimestamp;
import dev.itk.signing.RequestSigner;
import dev.itk.signing.SignedRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code itk diagnose --json} on every case of {@code fixtures/diagnosis/cases.json}, each written
 * as a raw HTTP request file: the right causes, the right exit status; bad input exits 2.
 */
class DiagnoseCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  static List<DiagnosisCases.Case> cases() {
    return DiagnosisCases.all();
  }

  static byte[] rawHttp(DiagnosisCases.Case c) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder head =
        new StringBuilder(c.method())
            .append(' ')
            .append(c.path())
            .append(c.query() == null ? "" : "?" + c.query())
            .append(" HTTP/1.1\r\n");
    for (String[] h : c.headers()) {
      head.append(h[0]).append(": ").append(h[1]).append("\r\n");
    }
    head.append("Content-Length: ").append(c.body().length).append("\r\n\r\n");
    out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(c.body());
    return out.toByteArray();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void diagnoseJson_namesTheCauses(DiagnosisCases.Case c) throws Exception {
    if (c.headers().stream().anyMatch(h -> h[1].indexOf('\n') >= 0)) {
      // a header value with a line break (signature-mime-wrapped) cannot be sent over HTTP/1.1;
      // it reaches the diagnosis from a curl command or a HAR file (DiagnoserTest covers it)
      return;
    }
    Path file = temp.resolve(c.id() + ".http");
    Files.write(file, rawHttp(c));
    Path key = temp.resolve("key");
    Files.writeString(key, c.key());
    if (!c.seenRequestIds().isEmpty()) {
      return; // the CLI has no replay memory; the stub's 401 covers replayed-request-id
    }

    ItkRun run =
        itk(
            "diagnose",
            "--key-file",
            key.toString(),
            "--request-file",
            file.toString(),
            "--now",
            IssuetrakTimestamp.format(c.now()),
            "--json");

    assertThat(run.err()).isEmpty();
    JsonNode d = JSON.readTree(run.out());
    Set<String> ids = new TreeSet<>();
    d.path("causes").forEach(x -> ids.add(x.path("id").asText()));
    assertThat(ids).as("%s: %s", c.id(), run.out()).isEqualTo(c.causes());
    assertThat(d.path("valid").asBoolean()).isEqualTo(c.valid());
    assertThat(d.path("code").asText()).isEqualTo(c.code());
    assertThat(d.path("complete").asBoolean()).as("offline, nothing is cut short").isTrue();
    assertThat(d.path("limit").isNull()).isTrue();
    assertThat(run.exitCode()).isEqualTo(c.valid() ? 0 : 1);
    assertThat(run.out()).doesNotContain(c.key());
  }

  /**
   * A header value with a line break (a MIME-wrapped signature) cannot travel over HTTP/1.1, but a
   * pasted curl command carries it: the causes are named from there.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void diagnoseCurl_namesTheCauses_ofAHeaderWithALineBreak(DiagnosisCases.Case c) throws Exception {
    if (c.headers().stream().noneMatch(h -> h[1].indexOf('\n') >= 0)) {
      return;
    }
    StringBuilder curl =
        new StringBuilder("curl -X ")
            .append(c.method())
            .append(" 'https://example.issuetrak.com")
            .append(c.path())
            .append(c.query() == null ? "" : "?" + c.query())
            .append("'");
    for (String[] h : c.headers()) {
      curl.append(" -H '").append(h[0]).append(": ").append(h[1]).append("'");
    }
    if (c.body().length > 0) {
      curl.append(" --data-binary '")
          .append(new String(c.body(), StandardCharsets.UTF_8))
          .append("'");
    }
    Path key = temp.resolve("key");
    Files.writeString(key, c.key());

    ItkRun run =
        itk(
            "diagnose",
            "--key-file",
            key.toString(),
            "--curl",
            curl.toString(),
            "--now",
            IssuetrakTimestamp.format(c.now()),
            "--json");

    JsonNode d = JSON.readTree(run.out());
    Set<String> ids = new TreeSet<>();
    d.path("causes").forEach(x -> ids.add(x.path("id").asText()));
    assertThat(ids).as("%s: %s", c.id(), run.out()).isEqualTo(c.causes());
    assertThat(d.path("code").asText()).isEqualTo(c.code());
  }

  @Test
  void text_namesCauseFixAndServerMessage() throws Exception {
    DiagnosisCases.Case c =
        cases().stream()
            .filter(x -> x.causes().equals(Set.of("query-not-signed")))
            .findFirst()
            .orElseThrow();
    Path file = temp.resolve("q.http");
    Files.write(file, rawHttp(c));

    ItkRun run = itk("diagnose", "--key", c.key(), "--request-file", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("refused (bad-signature)")
        .contains("- query-not-signed: the request has a query, but the client signed an empty")
        .contains("  fix: sign the raw query")
        .contains("The server's canonical message:");
  }

  @Test
  void text_ofAnUnknownMistake_saysWhatWasRuledOut_andShowsTheServersMessage() throws Exception {
    DiagnosisCases.Case c =
        cases().stream()
            .filter(x -> x.id().startsWith("wrong-key-") && x.causes().isEmpty())
            .findFirst()
            .orElseThrow();
    Path file = temp.resolve("w.http");
    Files.write(file, rawHttp(c));
    Path key = temp.resolve("key");
    Files.writeString(key, c.key());

    ItkRun run =
        itk(
            "diagnose",
            "--key-file",
            key.toString(),
            "--request-file",
            file.toString(),
            "--now",
            IssuetrakTimestamp.format(c.now()));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "No catalogued mistake reproduces the signature: each alone, every pair, and three"
                + " with one in the signature's form or the header names were all ruled out.")
        .contains("The server's canonical message:")
        .contains("  " + c.method() + "\\n");
  }

  // itk diagnose has no budget; a server's diagnosis (DiagnosisBudget.SERVER) may be cut short
  private static final Diagnosis CUT_SHORT =
      new Diagnosis(
          false,
          "bad-signature",
          List.of(),
          "POST\\n...",
          false,
          "cut short after 4 of 739 variants: the next would pass the budget of 44.00 MiB hashed",
          37_749_115);

  @Test
  void text_ofADiagnosisCutShort_saysSoInsteadOfNoCause() {
    StringWriter text = new StringWriter();
    CapturedRequest r =
        new CapturedRequest(
            "POST", "/api/v1/notes", Optional.empty(), List.of(), new byte[0], "test");

    DiagnoseCommand.print(CUT_SHORT, r, new PrintWriter(text, true));

    assertThat(text.toString().replace(System.lineSeparator(), "\n"))
        .contains(
            "No catalogued mistake among those tried reproduces the signature.\n"
                + "Search cut short after 4 of 739 variants: the next would pass the budget of"
                + " 44.00 MiB hashed\n")
        .doesNotContain("ruled out");
  }

  @Test
  void json_ofADiagnosisCutShort_carriesCompleteAndLimit() throws Exception {
    JsonNode d = JSON.readTree(DiagnoseCommand.toJson(CUT_SHORT));

    assertThat(d.path("complete").asBoolean(true)).isFalse();
    assertThat(d.path("limit").asText()).startsWith("cut short after 4 of 739 variants: ");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--key k --request-file /nonexistent/r.http | cannot read /nonexistent/r.http: no such file",
        "--key k --curl 'wget http://x' | ",
        "--key k | Missing required argument",
        "--key k --request-file /dev/null --now yesterday | ",
      })
  void badInput_exits2_withOneLine(String options, String message) {
    ItkRun run = itk(("diagnose " + options).replace("'", "").split(" "));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    if (message != null) {
      assertThat(run.err()).contains(message);
    }
    // One line of error; --key adds its documented warning (KeyArgumentsTest) when it is read.
    assertThat(
            run.err().lines().filter(l -> !l.equals("itk diagnose: " + KeyArgumentsTest.WARNING)))
        .as(run.err())
        .hasSize(1);
  }

  @Test
  void curlNamingAFile_isRefusedWithoutAllowFiles_andDiagnosedWithIt() throws Exception {
    Path keyFile = temp.resolve("key");
    Files.writeString(keyFile, "diagnose-curl-test-key");
    Path body = temp.resolve("note.json");
    Files.writeString(body, "{\"IssueNumber\":1,\"NoteText\":\"from a file\"}");
    SignedRequest signed =
        RequestSigner.create(ApiKey.of("diagnose-curl-test-key"))
            .sign("POST", "/api/v1/notes", "", Files.readAllBytes(body));
    StringBuilder curl = new StringBuilder("curl https://h.example/api/v1/notes");
    signed.headers().asMap().forEach((k, v) -> curl.append(" -H '").append(k + ": " + v + "'"));
    curl.append(" --data-binary '@").append(body).append("'");

    ItkRun refused = itk("diagnose", "--key-file", keyFile.toString(), "--curl", curl.toString());
    ItkRun allowed =
        itk(
            "diagnose",
            "--key-file",
            keyFile.toString(),
            "--curl",
            curl.toString(),
            "--allow-files");

    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.out()).isEmpty();
    assertThat(refused.err())
        .isEqualTo(
            "itk diagnose: --curl: option --data-binary @"
                + body
                + ": reading a file named in a pasted curl command needs --allow-files (a pasted"
                + " command could name any file on this machine)"
                + System.lineSeparator());
    assertThat(allowed.exitCode())
        .as("stdout: %s stderr: %s", allowed.out(), allowed.err())
        .isZero();
    assertThat(allowed.out()).startsWith("POST /api/v1/notes: valid");
  }
}
