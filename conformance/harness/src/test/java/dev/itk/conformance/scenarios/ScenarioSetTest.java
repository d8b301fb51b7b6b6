package dev.itk.conformance.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itk.client.UpdateIssueBody;
import dev.itk.conformance.run.ScenarioBench;
import dev.itk.conformance.vectors.VectorSet;
import dev.itk.stub.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code fixtures/scenarios.json} and the reference client's requests for it: the file's promises
 * (compact bodies in the given key order, raw UTF-8, the read-only lists) hold for the requests the
 * samples are compared with.
 */
class ScenarioSetTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ScenarioSet set;
  private static ScenarioBench bench;

  @BeforeAll
  static void load() {
    set = ScenarioSet.load(ScenarioSet.defaultFile(VectorSet.repositoryRoot()));
    bench = new ScenarioBench(set);
  }

  @AfterAll
  static void close() {
    bench.close();
  }

  static List<String> names() {
    return ScenarioSet.load(ScenarioSet.defaultFile(VectorSet.repositoryRoot()))
        .scenarios()
        .stream()
        .map(Scenario::name)
        .toList();
  }

  @Test
  void theFileNamesTheVendorSamplesScenarios() {
    assertThat(set.scenarios())
        .extracting(Scenario::name)
        .containsExactly(
            "get-issue",
            "update-issue",
            "create-issue",
            "create-note",
            "get-note",
            "get-issues-by-number-list",
            "get-issue-notes",
            "search-issues",
            "create-note-markup",
            "get-issue-mixed-case-site",
            "empty-body-post",
            "lookup-issue-types");
    assertThat(set.baseUrlPath()).isEqualTo("/NestedSite1/NestedSite2/api/v1");
    assertThat(set.baseUrlPath(set.find("get-issue-mixed-case-site").orElseThrow()))
        .isEqualTo("/Corp/IT-Support/HelpDesk/api/v1");
  }

  @Test
  void readOnlyLists_areTheReferenceClients() {
    assertThat(set.readOnlyIssueFields()).isEqualTo(UpdateIssueBody.READ_ONLY_FIELDS);
    assertThat(set.readOnlyUserDefinedFieldFields())
        .isEqualTo(UpdateIssueBody.READ_ONLY_UDF_FIELDS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void referenceRequests_matchTheFile_routeQueryAndAcceptance(String name) {
    Scenario s = set.find(name).orElseThrow();

    List<RecordedRequest> got = bench.reference(s);

    assertThat(got).hasSize(s.requests().size());
    for (int i = 0; i < got.size(); i++) {
      Scenario.Request want = s.requests().get(i);
      assertThat(got.get(i).verdict()).isEqualTo("valid");
      assertThat(got.get(i).method()).isEqualTo(want.method());
      assertThat(got.get(i).path()).isEqualTo(set.baseUrlPath(s) + want.route());
      assertThat(got.get(i).status()).isEqualTo(want.status());
      assertThat(got.get(i).query().orElse("")).isEqualTo(want.query());
      assertThat(got.get(i).header("X-Issuetrak-API-Request-ID"))
          .contains(bench.requestIds(s).get(i));
      assertThat(got.get(i).header("X-Issuetrak-API-Timestamp")).contains(set.timestamp());
      assertThat(got.get(i).body().length > 0).isEqualTo(want.hasBody());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void referenceBodies_areTheFilesDataCompactInTheGivenOrder(String name) throws Exception {
    Scenario s = set.find(name).orElseThrow();
    if (!s.parameter("data").isObject()) {
      return;
    }
    String text = Files.readString(ScenarioSet.defaultFile(VectorSet.repositoryRoot()));
    // the data object as written in the file, whitespace removed outside strings
    JsonNode data = s.parameter("data");

    byte[] body = bench.reference(s).get(0).body();

    assertThat(new String(body, StandardCharsets.UTF_8))
        .isEqualTo(JSON.writeValueAsString(data))
        .doesNotContain("\\u", "\\/")
        .contains("“");
    assertThat(text).contains("\"" + data.fieldNames().next() + "\"");
  }

  @Test
  void updateIssue_sendsTheIssueAsRead_lessReadOnlyFields_withSetApplied() throws Exception {
    Scenario s = set.find("update-issue").orElseThrow();

    List<RecordedRequest> got = bench.reference(s);
    JsonNode put = JSON.readTree(got.get(1).body());

    assertThat(put.get("Subject").asText()).isEqualTo(s.parameter("set").get("Subject").asText());
    set.readOnlyIssueFields().forEach(f -> assertThat(put.has(f)).as(f).isFalse());
    assertThat(put.fieldNames().next()).isEqualTo("IssueNumber");
    assertThat(put.has("CauseID")).as("a field the DTOs do not know, kept").isTrue();
  }

  @Test
  void command_carriesTheParametersAndTheReadOnlyLists() {
    Scenario s = set.find("update-issue").orElseThrow();

    ObjectNode cmd = set.command(s, "http://127.0.0.1:1/x/api/v1", "k", List.of("a", "b"));

    assertThat(cmd.get("issueNumber").asInt()).isEqualTo(1);
    assertThat(cmd.get("set").get("Subject").asText()).contains("fixed");
    assertThat(cmd.get("readOnlyIssueFields")).hasSize(6);
    assertThat(cmd.get("requestIds")).hasSize(2);
    assertThatThrownBy(() -> set.command(s, "u", "k", List.of("only-one")))
        .hasMessage("scenario update-issue makes 2 requests; 1 request IDs given");
  }

  @Test
  void badFile_isRefused_namingTheFileAndTheField(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("s.json");
    Files.writeString(f, "{\"formatVersion\": 1, \"scenarios\": [{\"requests\": []}]}");

    assertThatThrownBy(() -> ScenarioSet.load(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(f + ": name is missing or not a string");
  }
}
