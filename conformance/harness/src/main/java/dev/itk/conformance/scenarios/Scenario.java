package dev.itk.conformance.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One scenario of {@code fixtures/scenarios.json}.
 *
 * @param name e.g. {@code create-note}
 * @param description what it does
 * @param vendorSamples the languages whose vendor sample does this
 * @param requests the requests it makes, in order
 * @param parameters the fields an adapter receives: {@code data}, {@code set}, {@code issueNumber},
 *     {@code issueNumbers}, {@code includeNotes}, {@code send} (those present)
 * @param baseUrlPath the site's base URL path when the scenario has its own (e.g. {@code
 *     /Corp/IT-Support/HelpDesk/api/v1}), else null: the set's
 */
public record Scenario(
    String name,
    String description,
    List<String> vendorSamples,
    List<Request> requests,
    ObjectNode parameters,
    String baseUrlPath) {

  /**
   * One request of a scenario.
   *
   * @param method e.g. {@code GET}
   * @param route appended to the base URL, e.g. {@code /issues/false/1}
   * @param query the raw query, empty for none
   * @param hasBody whether the request carries a JSON body
   * @param status the stub's answer when it is not a success (e.g. 400 for a POST with no body),
   *     else 200: the scenario compares requests, and an expected refusal is an answer, not an
   *     error
   */
  public record Request(String method, String route, String query, boolean hasBody, int status) {}

  public Scenario {
    Objects.requireNonNull(name, "name");
    vendorSamples = List.copyOf(vendorSamples);
    requests = List.copyOf(requests);
    parameters = parameters.deepCopy();
  }

  @Override
  public ObjectNode parameters() {
    return parameters.deepCopy();
  }

  /** The scenario's own base URL path, if it has one. */
  public Optional<String> ownBaseUrlPath() {
    return Optional.ofNullable(baseUrlPath);
  }

  /** A parameter, or a missing node. */
  public JsonNode parameter(String field) {
    return parameters.path(field);
  }

  @Override
  public String toString() {
    return name;
  }
}
