package dev.itk.conformance.scenarios;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itk.client.CreateIssue;
import dev.itk.client.CreateNote;
import dev.itk.client.IssuetrakApiException;
import dev.itk.client.IssuetrakClient;
import dev.itk.client.SearchIssues;
import dev.itk.signing.ApiKey;
import dev.itk.signing.IssuetrakTimestamp;
import dev.itk.signing.QueryForm;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Performs a scenario with the kit's reference client, {@link IssuetrakClient}, through its typed
 * operations: the requests every other implementation's are compared with.
 */
public final class ReferenceClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReferenceClient() {}

  /**
   * Performs {@code scenario} against {@code baseUrl}, the n-th request with {@code ids[n]}.
   *
   * @throws dev.itk.client.IssuetrakApiException if the server refuses a request
   * @throws IllegalArgumentException if the scenario is not one the reference knows
   */
  public static void perform(
      ScenarioSet set, Scenario scenario, String baseUrl, ApiKey key, List<String> ids) {
    Iterator<String> next = new ArrayList<>(ids).iterator();
    IssuetrakClient client =
        IssuetrakClient.builder()
            .baseUrl(baseUrl)
            .apiKey(key)
            .clock(Clock.fixed(IssuetrakTimestamp.parse(set.timestamp()).instant(), ZoneOffset.UTC))
            .requestIds(next::next)
            .queryForm(QueryForm.RAW)
            .build();
    List<String> route = List.of(scenario.requests().get(0).route().split("/"));
    switch (scenario.name()) {
      case "get-issue" ->
          client.getIssue(Integer.parseInt(route.get(3)), Boolean.parseBoolean(route.get(2)));
      case "get-note" -> client.getNote(Integer.parseInt(route.get(2)));
      case "get-issues-by-number-list" -> {
        List<Integer> numbers = new ArrayList<>();
        scenario.parameter("issueNumbers").forEach(n -> numbers.add(n.asInt()));
        client.getIssues(numbers, Boolean.parseBoolean(route.get(2)));
      }
      case "create-note" -> client.createNote(data(scenario, CreateNote.class));
      case "create-issue" -> client.createIssue(data(scenario, CreateIssue.class));
      case "update-issue" ->
          client.updateIssue(
              scenario.parameter("issueNumber").asInt(),
              issue -> {
                scenario
                    .parameter("set")
                    .fields()
                    .forEachRemaining(f -> issue.set(f.getKey(), f.getValue()));
                return issue;
              });
      case "get-issue-notes" -> client.getNotesOfIssue(scenario.parameter("issueNumber").asInt());
      case "search-issues" -> client.searchIssues(data(scenario, SearchIssues.class));
      case "create-note-markup" -> client.createNote(data(scenario, CreateNote.class));
      case "get-issue-mixed-case-site" ->
          client.getIssue(
              scenario.parameter("issueNumber").asInt(),
              scenario.parameter("includeNotes").asBoolean());
      case "empty-body-post", "lookup-issue-types" -> send(client, scenario);
      default ->
          throw new IllegalArgumentException(
              "the reference client does not know scenario \"" + scenario.name() + "\"");
    }
  }

  /**
   * The scenario's {@code send} request through the generic {@link IssuetrakClient#send}, with no
   * body; a refusal with the status the scenario expects is its answer.
   */
  private static void send(IssuetrakClient client, Scenario scenario) {
    JsonNode send = scenario.parameter("send");
    int expected = scenario.requests().get(0).status();
    try {
      client.send(
          send.path("method").asText(),
          send.path("route").asText(),
          send.path("query").asText(""),
          null);
    } catch (IssuetrakApiException e) {
      if (e.status() != expected) {
        throw e;
      }
    }
  }

  private static <T> T data(Scenario scenario, Class<T> type) {
    JsonNode data = scenario.parameter("data");
    try {
      return JSON.treeToValue(data, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "scenario "
              + scenario.name()
              + ": data does not fit "
              + type.getSimpleName()
              + ": "
              + e.getOriginalMessage(),
          e);
    }
  }
}
