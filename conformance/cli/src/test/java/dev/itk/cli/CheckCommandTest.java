package dev.itk.cli;

import static dev.itk.cli.ItkRun.itk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itk.conformance.ExternalTools;
import dev.itk.conformance.vectors.VectorSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;

/**
 * {@code itk check} with clients written the way their ecosystems write them ({@code
 * check-clients/}): Python's urllib, Node's fetch, a shell script with curl and openssl; one of
 * them with a signing mistake the check must name.
 */
class CheckCommandTest {
  private static final Path CLIENTS =
      VectorSet.repositoryRoot().resolve("conformance/cli/src/test/resources/check-clients");

  @TempDir Path reports;

  @Test
  void pythonUrllibClient_passes_andTheFourReportsSaySo() throws Exception {
    ExternalTools.require("python3", "to run the urllib client");

    ItkRun run =
        itk(
            "check",
            "--report",
            reports.toString(),
            "--",
            "python3",
            CLIENTS.resolve("urllib_client.py").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("GET issue 1: 200", "POST note: 200");
    assertThat(run.err()).contains("itk check: PASSED: 2 requests, 2 accepted, 0 refused");
    assertThat(run.err())
        .containsPattern("itk check: inspector on http://127\\.0\\.0\\.1:[0-9]+/__itk/ui ");
    assertThat(Files.list(reports).map(p -> p.getFileName().toString()))
        .containsExactlyInAnyOrder("check.json", "junit.xml", "summary.md", "report.html");
    JsonNode check = json();
    assertThat(check.get("passed").asBoolean()).isTrue();
    assertThat(check.get("requests")).hasSize(2);
    assertThat(check.get("requests").get(0).get("method").asText()).isEqualTo("GET");
    assertThat(check.get("requests").get(0).get("target").asText())
        .isEqualTo("/api/v1/issues/true/1");
    assertThat(check.get("requests").get(1).get("target").asText()).isEqualTo("/api/v1/notes");
    Document junit = junit();
    assertThat(junit.getDocumentElement().getAttribute("tests")).isEqualTo("4");
    assertThat(junit.getDocumentElement().getAttribute("failures")).isEqualTo("0");
    assertThat(Files.readString(reports.resolve("summary.md")))
        .startsWith("# itk check: passed\n")
        .contains("| 1 | `GET /api/v1/issues/true/1` | 200 | accepted |");
  }

  @Test
  void nodeFetchClient_underNestedSiteFolders_passes() throws Exception {
    ExternalTools.require("node", "to run the fetch client");

    ItkRun run =
        itk(
            "check",
            "--report",
            reports.toString(),
            "--base-path",
            "/NestedSite1/NestedSite2/api/v1/",
            "--",
            "node",
            CLIENTS.resolve("fetch_client.mjs").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("found 2 issues", "note 1 of issue 1");
    assertThat(json().get("baseUrl").asText())
        .matches("http://127\\.0\\.0\\.1:\\d+/NestedSite1/NestedSite2/api/v1");
    assertThat(json().get("requests").findValuesAsText("target"))
        .containsExactly(
            "/NestedSite1/NestedSite2/api/v1/issues/false/?issueNumbers=1,2",
            "/NestedSite1/NestedSite2/api/v1/notes/1");
  }

  @Test
  void curlAndOpensslScript_passes() throws Exception {
    ExternalTools.require("bash", "to run the curl script");
    ExternalTools.require("curl", "to send the script's request");
    ExternalTools.require("openssl", "to sign the script's request");

    ItkRun run =
        itk(
            "check",
            "--report",
            reports.toString(),
            "--",
            "bash",
            CLIENTS.resolve("curl_client.sh").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"IssueNumber\":2");
    assertThat(json().get("accepted").asInt()).isEqualTo(1);
  }

  @Test
  void aClientThatDoesNotLowercaseThePath_fails_withTheNamedCauseAndItsFix() throws Exception {
    ExternalTools.require("python3", "to run the urllib client");

    ItkRun run =
        itk(
            "check",
            "--report",
            reports.toString(),
            "--base-path",
            "/Site/api/v1",
            "--",
            "python3",
            CLIENTS.resolve("urllib_client.py").toString(),
            "--keep-path-case");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "itk check: refused: GET /Site/api/v1/issues/true/1: 401 bad-signature:"
                + " path-not-lowercased (",
            "itk check: refused: POST /Site/api/v1/notes: 401 bad-signature: path-not-lowercased",
            "fix: lowercase the path",
            "itk check: FAILED: the command exited with status 3; 2 of 2 requests were refused");
    JsonNode first = json().get("requests").get(0);
    assertThat(first.get("accepted").asBoolean()).isFalse();
    assertThat(first.get("verdict").asText()).isEqualTo("bad-signature");
    assertThat(first.get("causes").findValuesAsText("id")).containsExactly("path-not-lowercased");
    assertThat(first.get("canonicalMessage").asText())
        .as("the stub's message has the lowercased path the client should have signed")
        .contains("\\n\n/site/api/v1/issues/true/1\\n\n");
    Document junit = junit();
    assertThat(junit.getDocumentElement().getAttribute("failures"))
        .as("two requests and the command's exit status")
        .isEqualTo("3");
    assertThat(Files.readString(reports.resolve("report.html")))
        .contains("path-not-lowercased")
        .doesNotContain("<script");
  }

  @Test
  void aCommandThatSendsNothing_hasProvenNothing() throws Exception {
    ItkRun run = itk("check", "--report", reports.toString(), "--", "true");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "FAILED: 0 requests arrived; at least 1 must (--min-requests): a client that sent"
                + " nothing has proven nothing");
    assertThat(junit().getDocumentElement().getAttribute("failures")).isEqualTo("1");
  }

  @Test
  void theCommandsOwnExitStatus_isReportedApartFromTheVerdicts() throws Exception {
    ItkRun run =
        itk(
            "check",
            "--report",
            reports.toString(),
            "--min-requests",
            "0",
            "--",
            "sh",
            "-c",
            "exit 4");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("FAILED: the command exited with status 4 (0 requests");
    assertThat(json().get("exitCode").asInt()).isEqualTo(4);
  }

  @Test
  void theCommandGetsTheStubsAddress_andTheKey_whichNoOutputShows(@TempDir Path dir)
      throws Exception {
    Path keyFile = dir.resolve("key");
    String key = "a-key-for-the-check-test-Zx81";
    Files.writeString(keyFile, key + "\n", StandardCharsets.UTF_8);

    ItkRun run =
        itk(
            "check",
            "--report",
            reports.toString(),
            "--key-file",
            keyFile.toString(),
            "--min-requests",
            "0",
            "--",
            "sh",
            "-c",
            "echo \"$ITK_HOST $ITK_PORT $ITK_BASE_URL\";"
                + " [ \"$ITK_API_KEY\" = \"$(cat \"$0\")\" ] && echo key-ok",
            keyFile.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    String port = json().get("baseUrl").asText().replaceAll(".*:(\\d+)/api/v1$", "$1");
    assertThat(run.out())
        .contains("127.0.0.1 " + port + " http://127.0.0.1:" + port + "/api/v1", "key-ok");
    assertThat(json().get("freshKey").asBoolean()).isFalse();
    assertThat(run.out() + run.err()).doesNotContain(key);
    for (Path report : Files.list(reports).toList()) {
      assertThat(Files.readString(report)).as(report.toString()).doesNotContain(key);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no command|--report|R|no command to run: give it after --",
        "a command that is not there|--|/nonexistent/itk-check-command|cannot run"
            + " /nonexistent/itk-check-command",
        "a base path without /api/v1|--base-path|/Site|must end with /api/v1",
        "a base path with a query|--base-path|/api/v1?x=1|contains '?' at index 7",
        "a negative minimum|--min-requests|-1|--min-requests -1 must be 0 or more",
        "a zero window|--window|0s|--window 0s must be longer than zero",
        "a port out of range|--port|70000|--port 70000 is not a port",
      })
  void badInput_exits2_namingTheValue(String what, String option, String value, String message) {
    List<String> args = new java.util.ArrayList<>(List.of("check", "--report", reports.toString()));
    if (!option.equals("--report")) {
      args.add(option);
      args.add(value);
    }
    if (!option.equals("--") && !what.equals("no command")) {
      args.addAll(List.of("--", "true"));
    }

    ItkRun run = itk(args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains(message);
  }

  private JsonNode json() throws IOException {
    return new ObjectMapper().readTree(reports.resolve("check.json").toFile());
  }

  private Document junit() throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(reports.resolve("junit.xml").toFile());
  }
}
