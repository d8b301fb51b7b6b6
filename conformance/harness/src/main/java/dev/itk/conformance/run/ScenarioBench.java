package dev.itk.conformance.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itk.client.IssuetrakApiException;
import dev.itk.conformance.scenarios.ReferenceClient;
import dev.itk.conformance.scenarios.Scenario;
import dev.itk.conformance.scenarios.ScenarioSet;
import dev.itk.signing.ApiKey;
import dev.itk.signing.IssuetrakTimestamp;
import dev.itk.stub.IssuetrakStub;
import dev.itk.stub.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The stub every scenario runs against, and the Java reference client's requests for each scenario.
 * Before each run of a scenario the stub's data is reset, its replay cache cleared, its record
 * emptied and its clock frozen at the scenarios' timestamp, so every implementation sees the same
 * answers and may reuse the same request IDs.
 */
public final class ScenarioBench implements AutoCloseable {
  /** The key every implementation signs scenarios with (the vendor docs' published example key). */
  public static final String KEY_TEXT = "wV4JA/59PUf6XjiMF1om+Eg+D4rQlE8WGRTybNIkdrs=";

  private final ScenarioSet set;
  private final IssuetrakStub stub;
  private final Map<String, List<RecordedRequest>> reference = new HashMap<>();

  public ScenarioBench(ScenarioSet set) {
    this.set = set;
    this.stub = IssuetrakStub.builder().key(ApiKey.of(KEY_TEXT)).build().start();
  }

  public ScenarioSet scenarios() {
    return set;
  }

  /**
   * Where {@code scenario} runs, e.g. {@code
   * http://127.0.0.1:41234/NestedSite1/NestedSite2/api/v1}: the set's base URL path, or the
   * scenario's own.
   */
  public String baseUrl(Scenario scenario) {
    return "http://127.0.0.1:" + stub.port() + set.baseUrlPath(scenario);
  }

  /** The fixed request IDs of a scenario: name-based UUIDs, the same for every implementation. */
  public List<String> requestIds(Scenario scenario) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= scenario.requests().size(); i++) {
      String seed = "itk-scenario:" + scenario.name() + ":" + i;
      ids.add(UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString());
    }
    return ids;
  }

  /** The adapter command for a scenario (without {@code seq} and {@code cmd}). */
  public ObjectNode command(Scenario scenario) {
    return set.command(scenario, baseUrl(scenario), KEY_TEXT, requestIds(scenario));
  }

  /**
   * What the stub received when the Java reference client performed the scenario (computed once).
   *
   * @throws IllegalStateException if the stub refused the reference client: a bug in the kit
   */
  public synchronized List<RecordedRequest> reference(Scenario scenario) {
    return reference.computeIfAbsent(
        scenario.name(),
        name ->
            record(
                () -> {
                  try {
                    ReferenceClient.perform(
                        set,
                        scenario,
                        baseUrl(scenario),
                        ApiKey.of(KEY_TEXT),
                        requestIds(scenario));
                  } catch (IssuetrakApiException e) {
                    throw new IllegalStateException(
                        "the stub refused the reference client in scenario "
                            + name
                            + ": "
                            + e.getMessage(),
                        e);
                  }
                  return null;
                }));
  }

  /** Runs {@code perform} on a freshly prepared stub and returns what the stub recorded. */
  public synchronized <T> Recorded<T> run(Scenario scenario, Function<ObjectNode, T> perform) {
    List<T> answer = new ArrayList<>(1);
    List<RecordedRequest> requests =
        record(
            () -> {
              answer.add(perform.apply(command(scenario)));
              return null;
            });
    return new Recorded<>(answer.get(0), requests);
  }

  /**
   * What an implementation answered and what the stub recorded meanwhile.
   *
   * @param answer the adapter's answer
   * @param requests the stub's record, in arrival order
   */
  public record Recorded<T>(T answer, List<RecordedRequest> requests) {}

  private List<RecordedRequest> record(java.util.concurrent.Callable<Void> action) {
    stub.resetData();
    stub.clearReplayCache();
    stub.clearRequests();
    stub.setClock(IssuetrakTimestamp.parse(set.timestamp()).instant());
    try {
      action.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return stub.requests();
  }

  @Override
  public void close() {
    stub.close();
  }
}
