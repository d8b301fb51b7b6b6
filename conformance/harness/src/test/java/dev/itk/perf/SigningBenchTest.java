package dev.itk.perf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itk.conformance.ExternalTools;
import dev.itk.conformance.run.Progress;
import dev.itk.conformance.run.Target;
import dev.itk.conformance.vectors.Vector;
import dev.itk.conformance.vectors.VectorFile;
import dev.itk.conformance.vectors.VectorSet;
import dev.itk.runner.AdapterManifest;
import dev.itk.runner.AdapterSession;
import dev.itk.runner.Answer;
import dev.itk.runner.BenchSettings;
import dev.itk.runner.FakeAdapters;
import dev.itk.runner.ImplementationId;
import dev.itk.runner.ProcessRunner;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bench} through a real sample's adapter (Python, as a process) and through adapters that do
 * not know it or answer a wrong signature. Small counts; no assertion on any timing.
 */
class SigningBenchTest {
  private static final List<VectorFile> FILES = VectorSet.loadAll(VectorSet.defaultDirectory());
  private static final BenchSettings SHORT =
      new BenchSettings(5, Duration.ofMillis(20), Duration.ofMillis(10));

  private static Vector vector(String id) {
    return VectorSet.find(FILES, id).orElseThrow();
  }

  private static AdapterManifest sample(String language) {
    return AdapterManifest.load(VectorSet.repositoryRoot().resolve("polyglot-samples/" + language));
  }

  private static AdapterManifest fake(String mode) {
    return FakeAdapters.manifest(mode);
  }

  @Test
  void pythonSample_answersBench_withTheVectorsSignature() {
    ExternalTools.require("python3", "to run the Python sample's adapter");
    Vector v = vector("seed-008-create-note-nested-site");

    Answer answer;
    try (AdapterSession s = new ProcessRunner().open(sample("python"))) {
      answer = s.bench(SigningWorkload.of(v).protocolInput(), SHORT);
    }

    assertThat(answer).isInstanceOf(Answer.Result.class);
    JsonNode result = ((Answer.Result) answer).value();
    assertThat(result.get("operations").isIntegralNumber()).isTrue();
    assertThat(result.get("operations").asLong()).isGreaterThanOrEqualTo(SHORT.iterations());
    assertThat(result.get("elapsedNanos").isIntegralNumber()).isTrue();
    assertThat(result.get("elapsedNanos").asLong()).isPositive();
    assertThat(result.get("signature").asText()).isEqualTo(v.expected().signature());
  }

  @Test
  void pythonSample_isMeasured_onBothWorkloads_andTheReferenceTwice() {
    ExternalTools.require("python3", "to run the Python sample's adapter");
    ProcessRunner runner = new ProcessRunner();
    Target python = new Target(new ImplementationId("process", "python"), sample("python"), runner);

    SigningBenchReport r =
        new SigningBench(SigningWorkload.defaults(FILES), SHORT, Progress.NONE)
            .run(List.of(python));

    assertThat(r.passed()).isTrue();
    assertThat(r.rows())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.outcome())
                  .as(row.detail())
                  .isEqualTo(SigningBenchReport.Outcome.MEASURED);
              assertThat(row.runtime()).startsWith("CPython 3.");
              assertThat(row.measurements()).hasSize(2);
            });
    assertThat(r.referenceBefore()).hasSize(2);
    assertThat(r.referenceAfter()).hasSize(2);
    assertThat(r.markdownTable())
        .contains("| inprocess:java-reference | 1.00× | 1.00× |")
        .containsPattern(
            "\\| process:python \\| [0-9.]+× \\| [0-9.]+× \\| [0-9,]+ \\| [0-9,]+ \\|");
  }

  @Test
  void anAdapterWithoutBench_isNotBenchmarked_andTheBenchPasses() {
    ExternalTools.require("python3", "to run the fake adapter");
    ProcessRunner runner = new ProcessRunner();
    Target fake = new Target(new ImplementationId("process", "fake"), fake("good"), runner);

    SigningBenchReport r =
        new SigningBench(SigningWorkload.defaults(FILES), SHORT, Progress.NONE).run(List.of(fake));

    assertThat(r.passed()).isTrue();
    assertThat(r.rows())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.outcome()).isEqualTo(SigningBenchReport.Outcome.NOT_BENCHMARKED);
              assertThat(row.detail())
                  .isEqualTo("answered bench with errored: unknown command 'bench'");
            });
    assertThat(r.notes())
        .contains(
            "process:fake not benchmarked: answered bench with errored: unknown command 'bench'");
  }

  @Test
  void aWrongSignature_failsTheBench_namingBothSignatures() {
    ExternalTools.require("python3", "to run the fake adapter");
    ProcessRunner runner = new ProcessRunner();
    Target fake =
        new Target(new ImplementationId("process", "fake"), fake("bench-wrong-signature"), runner);
    Vector v = vector("seed-008-create-note-nested-site");

    SigningBenchReport r =
        new SigningBench(List.of(SigningWorkload.of(v)), SHORT, Progress.NONE).run(List.of(fake));

    assertThat(r.passed()).isFalse();
    assertThat(r.rows())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.outcome()).isEqualTo(SigningBenchReport.Outcome.WRONG);
              assertThat(row.detail())
                  .isEqualTo(
                      "306 B: signature bm90IHRoZSBzaWduYXR1cmU= is not "
                          + v.expected().signature()
                          + " (vector seed-008-create-note-nested-site)");
            });
  }
}
