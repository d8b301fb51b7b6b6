package dev.itk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itk.conformance.ExternalTools;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client the kit did not write: {@code foreign-clients/vendor_style.py}, Python's standard
 * library signing the way the vendor's samples do, pointed at {@code itk stub} under a nested site
 * folder. Its right requests get 2xx; its wrong ones get 401 with the right code and the canonical
 * message the stub computed, which shows the field the client got wrong.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForeignClientTest {
  private static final String KEY = "dUd4ZzQ3dDNvM1lrYzFoY1lHYmh3anRjQkJHb1dBWWdWTHdOd25kZm9GQQ=";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Each case's answer, by case name, in the order the client sent them. */
  private final Map<String, JsonNode> answers = new LinkedHashMap<>();

  private String stubOutput;

  @BeforeAll
  void runTheForeignClientAgainstItkStub(@TempDir Path temp) throws Exception {
    Path python = ExternalTools.require("python3", "to run a client written outside the kit");
    Path script = temp.resolve("vendor_style.py");
    try (InputStream in = getClass().getResourceAsStream("/foreign-clients/vendor_style.py")) {
      Files.copy(in, script);
    }
    Path keyFile = temp.resolve("key");
    Files.writeString(keyFile, KEY);
    try (ItkStubProcess stub = ItkStubProcess.start(temp, "--key-file", keyFile.toString())) {
      ProcessBuilder client =
          new ProcessBuilder(python.toString(), script.toString())
              .redirectError(temp.resolve("client-stderr.txt").toFile());
      client.environment().put("ITK_BASE_URL", stub.baseUrl().replace("/api/v1", "/Site1/api/v1"));
      client.environment().put("ITK_API_KEY", KEY);
      Process p = client.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue())
          .as("client stderr: %s", Files.readString(temp.resolve("client-stderr.txt")))
          .isZero();
      for (String line : out.split("\n")) {
        JsonNode answer = JSON.readTree(line);
        answers.put(answer.get("case").asText(), answer);
      }
      stubOutput = stub.awaitOutput("GET /Site1/api/v1/notes/1  missing-header");
      assertThat(stub.stderr()).isEmpty();
    }
  }

  private int status(String caseName) {
    assertThat(answers).containsKey(caseName);
    return answers.get(caseName).get("status").asInt();
  }

  private static java.util.List<String> causes(JsonNode error) {
    java.util.List<String> ids = new java.util.ArrayList<>();
    error.path("causes").forEach(c -> ids.add(c.path("id").asText()));
    return ids;
  }

  private JsonNode error(String caseName) throws Exception {
    return JSON.readTree(answers.get(caseName).get("body").asText());
  }

  @Test
  void rightRequests_get200() {
    assertThat(status("get-note")).isEqualTo(200);
    assertThat(status("get-issue-mixed-case-url")).isEqualTo(200);
    assertThat(status("create-note")).isEqualTo(200);
    assertThat(answers.get("create-note").get("body").asText()).isEqualTo("3");
    assertThat(status("get-issues-by-list")).isEqualTo(200);
  }

  @Test
  void latin1Body_is401_badSignature_withTheMessageTheStubComputed() throws Exception {
    assertThat(status("body-latin1")).isEqualTo(401);
    JsonNode e = error("body-latin1");
    assertThat(e.get("error").asText()).isEqualTo("bad-signature");
    assertThat(causes(e)).containsExactly("body-latin1");
    assertThat(e.get("canonicalMessage").asText())
        .startsWith("POST\\n")
        .contains("/site1/api/v1/notes\\n")
        .doesNotContain("Réparé, ça");
  }

  @Test
  void pathNotLowercased_is401_andTheStubsMessageShowsTheLowercasedPath() throws Exception {
    assertThat(status("path-not-lowercased")).isEqualTo(401);
    JsonNode e = error("path-not-lowercased");
    assertThat(e.get("error").asText()).isEqualTo("bad-signature");
    assertThat(causes(e)).containsExactly("path-not-lowercased");
    assertThat(e.get("canonicalMessage").asText()).contains("\n/site1/api/v1/issues/false/2\\n");
  }

  @Test
  void queryNotSigned_is401_andTheStubsMessageShowsTheQuery() throws Exception {
    assertThat(status("query-not-signed")).isEqualTo(401);
    JsonNode e = error("query-not-signed");
    assertThat(e.get("error").asText()).isEqualTo("bad-signature");
    assertThat(causes(e)).containsExactly("query-not-signed");
    assertThat(e.get("queryForm").asText()).isEqualTo("raw");
    assertThat(e.get("canonicalMessage").asText()).contains("\nissueNumbers=2,1\\n");
  }

  @Test
  void missingHeader_is401_namingTheHeader() throws Exception {
    assertThat(status("missing-timestamp")).isEqualTo(401);
    JsonNode e = error("missing-timestamp");
    assertThat(e.get("error").asText()).isEqualTo("missing-header");
    assertThat(e.get("header").asText()).isEqualTo("X-Issuetrak-API-Timestamp");
  }

  @Test
  void theStubLogsEveryRequest_withItsVerdict_andNeverTheKey() {
    assertThat(stubOutput)
        .contains("GET /Site1/api/v1/notes/1  valid  200")
        .contains("POST /Site1/api/v1/notes  bad-signature  401")
        .doesNotContain(KEY);
  }
}
