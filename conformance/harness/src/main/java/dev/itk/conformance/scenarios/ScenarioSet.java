package dev.itk.conformance.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code fixtures/scenarios.json}: the scenarios, their fixed timestamp, the site path every run
 * uses and the read-only fields an update drops.
 *
 * @param timestamp every scenario request's timestamp header
 * @param baseUrlPath the path of the base URL, e.g. {@code /NestedSite1/NestedSite2/api/v1}
 * @param readOnlyIssueFields dropped from an issue before it is written back
 * @param readOnlyUserDefinedFieldFields dropped from each user-defined field
 * @param scenarios in file order
 */
public record ScenarioSet(
    String timestamp,
    String baseUrlPath,
    List<String> readOnlyIssueFields,
    List<String> readOnlyUserDefinedFieldFields,
    List<Scenario> scenarios) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> PARAMETERS =
      List.of("data", "set", "issueNumber", "issueNumbers", "includeNotes", "send");

  public ScenarioSet {
    readOnlyIssueFields = List.copyOf(readOnlyIssueFields);
    readOnlyUserDefinedFieldFields = List.copyOf(readOnlyUserDefinedFieldFields);
    scenarios = List.copyOf(scenarios);
  }

  /** The base URL path {@code scenario} runs under: its own, or the set's. */
  public String baseUrlPath(Scenario scenario) {
    return scenario.ownBaseUrlPath().orElse(baseUrlPath);
  }

  /** The scenario named {@code name}. */
  public Optional<Scenario> find(String name) {
    return scenarios.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /**
   * The {@code scenario} command for an adapter (without {@code seq} and {@code cmd}).
   *
   * @param baseUrl e.g. {@code http://127.0.0.1:41234/NestedSite1/NestedSite2/api/v1}
   */
  public ObjectNode command(Scenario scenario, String baseUrl, String key, List<String> ids) {
    if (ids.size() != scenario.requests().size()) {
      throw new IllegalArgumentException(
          "scenario "
              + scenario.name()
              + " makes "
              + scenario.requests().size()
              + " requests; "
              + ids.size()
              + " request IDs given");
    }
    ObjectNode cmd =
        JSON.createObjectNode()
            .put("name", scenario.name())
            .put("baseUrl", baseUrl)
            .put("key", key)
            .put("timestamp", timestamp);
    ArrayNode idArray = cmd.putArray("requestIds");
    ids.forEach(idArray::add);
    cmd.setAll(scenario.parameters());
    if (scenario.name().equals("update-issue")) {
      ArrayNode ro = cmd.putArray("readOnlyIssueFields");
      readOnlyIssueFields.forEach(ro::add);
      ArrayNode udf = cmd.putArray("readOnlyUserDefinedFieldFields");
      readOnlyUserDefinedFieldFields.forEach(udf::add);
    }
    return cmd;
  }

  /** The repository's {@code fixtures/scenarios.json}. */
  public static Path defaultFile(Path repositoryRoot) {
    return repositoryRoot.resolve("fixtures").resolve("scenarios.json");
  }

  /**
   * Reads a scenario file.
   *
   * @throws IllegalArgumentException naming the file, the field and what is wrong
   */
  public static ScenarioSet load(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read scenario file " + file + ": " + e.getMessage(), e);
    }
    if (root == null || root.path("formatVersion").asInt() != 1) {
      throw new IllegalArgumentException(file + ": formatVersion must be 1");
    }
    List<Scenario> scenarios = new ArrayList<>();
    for (JsonNode s : root.path("scenarios")) {
      String name = required(file, s, "name");
      List<Scenario.Request> requests = new ArrayList<>();
      for (JsonNode r : s.path("requests")) {
        requests.add(
            new Scenario.Request(
                required(file, r, "method"),
                required(file, r, "route"),
                r.path("query").asText(""),
                r.hasNonNull("body"),
                r.path("status").asInt(200)));
      }
      if (requests.isEmpty()) {
        throw new IllegalArgumentException(file + ": scenario " + name + " has no requests");
      }
      List<String> vendor = new ArrayList<>();
      s.path("vendorSamples").forEach(v -> vendor.add(v.asText()));
      ObjectNode parameters = JSON.createObjectNode();
      for (String p : PARAMETERS) {
        if (s.has(p)) {
          parameters.set(p, s.get(p));
        }
      }
      String ownBase = s.hasNonNull("baseUrlPath") ? required(file, s, "baseUrlPath") : null;
      scenarios.add(
          new Scenario(
              name, s.path("description").asText(""), vendor, requests, parameters, ownBase));
    }
    if (scenarios.isEmpty()) {
      throw new IllegalArgumentException(file + ": no scenarios");
    }
    return new ScenarioSet(
        required(file, root, "timestamp"),
        required(file, root, "baseUrlPath"),
        strings(root.path("readOnlyIssueFields")),
        strings(root.path("readOnlyUserDefinedFieldFields")),
        scenarios);
  }

  private static String required(Path file, JsonNode node, String field) {
    if (!node.path(field).isTextual()) {
      throw new IllegalArgumentException(file + ": " + field + " is missing or not a string");
    }
    return node.get(field).asText();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
