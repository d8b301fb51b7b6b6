package dev.itk.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.itk.conformance.run.ImplementationCheck;
import dev.itk.conformance.run.ScenarioBench;
import dev.itk.conformance.scenarios.Scenario;
import dev.itk.conformance.scenarios.ScenarioSet;
import dev.itk.conformance.vectors.Vector;
import dev.itk.conformance.vectors.VectorFile;
import dev.itk.conformance.vectors.VectorSet;
import dev.itk.perf.SigningWorkload;
import dev.itk.runner.AdapterSession.SignItem;
import dev.itk.runner.internal.LineProtocolSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schemas under {@code fixtures/schema/} hold for real traffic: the scenario file, and
 * every line the harness sends to each sample's adapter and every line the adapter answers, in a
 * run of every vector family and every scenario.
 */
class ProtocolSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper INPUT_JSON =
      new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
  private static final Path ROOT = VectorSet.repositoryRoot();

  private static Schema schema(String name) throws IOException {
    try (InputStream in = Files.newInputStream(ROOT.resolve("fixtures/schema").resolve(name))) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    }
  }

  @Test
  void scenarioFile_matchesItsSchema() throws IOException {
    List<Error> errors =
        schema("scenarios.schema.json")
            .validate(JSON.readTree(ScenarioSet.defaultFile(ROOT).toFile()));

    assertThat(errors).isEmpty();
  }

  @Test
  void protocolSchema_refusesWhatTheDocForbids() throws IOException {
    Schema protocol = schema("runner-protocol.schema.json");

    assertThat(protocol.validate(JSON.readTree("{\"seq\":1,\"result\":{\"messageBase64\":\"\"}}")))
        .as("a sign result without signature and headers")
        .isNotEmpty();
    assertThat(
            protocol.validate(
                JSON.readTree(
                    "{\"seq\":1,\"skipped\":{\"reason\":\"x\"},\"errored\":{\"message\":\"y\"}}")))
        .as("two kinds of answer")
        .isNotEmpty();
    assertThat(protocol.validate(JSON.readTree("{\"seq\":1,\"cmd\":\"dance\"}"))).isNotEmpty();
    assertThat(
            protocol.validate(
                JSON.readTree("{\"seq\":1,\"result\":{\"operations\":10,\"elapsedNanos\":5}}")))
        .as("a bench result without the signature to check")
        .isNotEmpty();
    assertThat(
            protocol.validate(
                JSON.readTree(
                    "{\"seq\":1,\"result\":{\"operations\":0,\"elapsedNanos\":5,"
                        + "\"signature\":\"x\"}}")))
        .as("a bench result that counted nothing")
        .isNotEmpty();
    assertThat(
            protocol.validate(
                JSON.readTree(
                    "{\"seq\":1,\"cmd\":\"bench\",\"input\":{\"key\":\"k\",\"method\":\"GET\","
                        + "\"requestId\":\"r\",\"timestamp\":\"t\",\"path\":\"/\",\"query\":\"\","
                        + "\"body\":\"\"},\"durationMillis\":10,\"warmupMillis\":0}")))
        .as("a bench command without iterations")
        .isNotEmpty();
    assertThat(
            protocol.validate(
                JSON.readTree(
                    "{\"seq\":1,\"result\":{\"answers\":[{\"skipped\":{\"reason\":\"x\"}}]}}")))
        .as("a signBatch answer skipping an item")
        .isNotEmpty();
    assertThat(
            protocol.validate(
                JSON.readTree(
                    "{\"seq\":1,\"result\":{\"answers\":[{\"result\":{\"messageBase64\":\"\","
                        + "\"signature\":\"s\",\"headers\":{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}},"
                        + "\"errored\":{\"message\":\"m\"}}]}}")))
        .as("a signBatch answer both signing and refusing an item")
        .isNotEmpty();
    assertThat(
            protocol.validate(
                JSON.readTree("{\"seq\":1,\"cmd\":\"signBatch\",\"items\":[{\"id\":\"x\"}]}")))
        .as("a signBatch item without input")
        .isNotEmpty();
  }

  static Stream<String> samples() {
    return AdapterManifest.folders(ROOT.resolve("polyglot-samples")).stream()
        .map(p -> p.getFileName().toString());
  }

  /** A short bench: the test checks the lines' shape, never the timing. */
  private static final BenchSettings SHORT_BENCH =
      new BenchSettings(3, Duration.ofMillis(20), Duration.ofMillis(10));

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void everyLineEachWay_matchesTheProtocolSchema(String sample) throws IOException {
    AdapterManifest manifest =
        AdapterManifest.load(ROOT.resolve("polyglot-samples").resolve(sample));
    List<String> transcript = Collections.synchronizedList(new ArrayList<>());
    ProcessRunner runner = new ProcessRunner(LineProtocolSession.Limits.DEFAULT, transcript::add);
    Schema protocol = schema("runner-protocol.schema.json");
    List<VectorFile> files = VectorSet.loadAll(VectorSet.defaultDirectory());

    try (ScenarioBench bench = new ScenarioBench(ScenarioSet.load(ScenarioSet.defaultFile(ROOT)));
        AdapterSession session = runner.open(manifest)) {
      ImplementationCheck check = new ImplementationCheck(session, manifest.displayName());
      files.forEach(check::vectors);
      List<SignItem> items =
          files.stream()
              .flatMap(f -> f.vectors().stream())
              .filter(Vector::hasSigningExpectation)
              .map(v -> new SignItem(v.id(), INPUT_JSON.valueToTree(v.input())))
              .toList();
      SignBatchAssertions.answersAsSignDoes(session, items);
      JsonNode input = SigningWorkload.defaults(files).get(0).protocolInput();
      assertThat(session.bench(input, SHORT_BENCH))
          .as("%s answers bench with a result", sample)
          .isInstanceOf(Answer.Result.class);
      for (Scenario s : bench.scenarios().scenarios()) {
        check.scenario(bench, s);
        // a scenario the sample does not list is asked anyway: the answer must still be valid
        if (!session.info().scenarios().contains(s.name())) {
          session.scenario(bench.command(s));
        }
      }
    }

    String prefix = "process:" + manifest.language();
    assertThat(transcript)
        .allMatch(l -> l.startsWith(prefix + " > ") || l.startsWith(prefix + " < "));
    assertThat(transcript).anyMatch(l -> l.contains(" > ") && l.contains("\"cmd\":\"stop\""));
    assertThat(transcript).anyMatch(l -> l.contains(" > ") && l.contains("\"cmd\":\"bench\""));
    assertThat(transcript)
        .as("the batch was answered as one, not by the per-item fallback")
        .anyMatch(l -> l.startsWith(prefix + " < ") && l.contains("\"answers\""));
    long answers = transcript.stream().filter(l -> l.startsWith(prefix + " < ")).count();
    long commands = transcript.size() - answers;
    assertThat(answers).as("one answer per command").isEqualTo(commands);
    for (String line : transcript) {
      boolean sent = line.startsWith(prefix + " > ");
      JsonNode node = JSON.readTree(line.substring(prefix.length() + 3));
      List<Error> errors = protocol.validate(node);
      assertThat(errors)
          .as(
              "%s %s",
              line.startsWith(">") ? "harness sent" : sample + " answered", abbreviate(line))
          .isEmpty();
    }
  }

  private static String abbreviate(String line) {
    return line.length() < 400 ? line : line.substring(0, 400) + "...";
  }
}
