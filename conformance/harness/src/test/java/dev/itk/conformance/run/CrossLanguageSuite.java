package dev.itk.conformance.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itk.conformance.scenarios.Scenario;
import dev.itk.conformance.scenarios.ScenarioSet;
import dev.itk.conformance.vectors.Vector;
import dev.itk.conformance.vectors.VectorFile;
import dev.itk.conformance.vectors.VectorSet;
import dev.itk.perf.SigningWorkload;
import dev.itk.runner.AdapterManifest;
import dev.itk.runner.AdapterSession;
import dev.itk.runner.Answer;
import dev.itk.runner.Availability;
import dev.itk.runner.BenchSettings;
import dev.itk.runner.BrokenHarnessException;
import dev.itk.runner.Runner;
import dev.itk.runner.SignBatchAssertions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The main job's checks as a JUnit suite, once per runner ({@link ProcessConformanceTest}, {@link
 * ContainerConformanceTest}): for every sample in {@code polyglot-samples/}, one test per vector
 * family (every valid vector signed: message bytes, signature, headers) and one per scenario (every
 * sample does every one: the requests the stub received, byte for byte against the Java reference
 * client's). With {@code CI=true} a missing runtime fails; otherwise it is skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CrossLanguageSuite {
  private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));
  private static final ObjectMapper INPUT_JSON =
      new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private List<VectorFile> files;
  private ScenarioBench bench;
  private final List<AdapterSession> sessions = new ArrayList<>();

  /** The runner under test. */
  protected abstract Runner runner();

  /** Whether this runner runs the sample at all (the embedded runner: Python and JavaScript). */
  protected boolean includes(AdapterManifest m) {
    return true;
  }

  /**
   * Whether this runner performs the sample's scenarios; when not, its answer to each must be a
   * skip that says why.
   */
  protected boolean performsScenarios(AdapterManifest m) {
    return true;
  }

  /**
   * Whether this runner can time the sample's signing ({@code bench}); when not, its answer must be
   * a skip that says why.
   */
  protected boolean benches(AdapterManifest m) {
    return true;
  }

  /** A short bench: the suite checks the answer and its signature, never the timing. */
  private static final BenchSettings SHORT_BENCH =
      new BenchSettings(3, Duration.ofMillis(20), Duration.ofMillis(10));

  @BeforeAll
  void load() {
    Path root = VectorSet.repositoryRoot();
    files = VectorSet.loadAll(VectorSet.defaultDirectory());
    bench = new ScenarioBench(ScenarioSet.load(ScenarioSet.defaultFile(root)));
  }

  @AfterAll
  void close() {
    sessions.forEach(AdapterSession::close);
    bench.close();
  }

  static List<AdapterManifest> samples() {
    return AdapterManifest.folders(VectorSet.repositoryRoot().resolve("polyglot-samples")).stream()
        .map(AdapterManifest::load)
        .toList();
  }

  @TestFactory
  Stream<DynamicNode> everySample() throws IOException {
    List<AdapterManifest> samples = samples();
    assertThat(samples)
        .extracting(AdapterManifest::language)
        .as("the six samples of polyglot-samples/")
        .contains("dotnet", "go", "java", "node", "php", "python");
    return samples.stream().filter(this::includes).map(this::language);
  }

  /** One holder per language: its session, opened by the first test, shared by the others. */
  private static final class Holder {
    AdapterSession session;
    ImplementationCheck check;

    /** Why the runtime is missing, when the start test was skipped for it (never with CI=true). */
    String unavailable;

    /**
     * The started language's check. Skips the calling test only where its start test was skipped (a
     * runtime missing outside CI); fails it when the start test failed, so that nothing a CI run
     * should check is reported as skipped.
     */
    ImplementationCheck started() {
      if (check == null) {
        if (unavailable != null) {
          Assumptions.abort(unavailable);
        }
        fail("the adapter did not start (see its start test)");
      }
      return check;
    }
  }

  private DynamicContainer language(AdapterManifest m) {
    Holder h = new Holder();
    Runner runner = runner();
    String id = runner.kind() + ":" + m.language();
    List<DynamicNode> tests = new ArrayList<>();
    tests.add(
        DynamicTest.dynamicTest(
            id + " starts",
            () -> {
              Availability a = runner.availability(m);
              if (!a.available()) {
                if (CI) {
                  fail("CI=true requires every runtime: " + a.detail());
                }
                h.unavailable = a.detail();
                Assumptions.abort(a.detail());
              }
              try {
                AdapterSession s = runner.open(m);
                sessions.add(s);
                h.session = s;
                h.check = new ImplementationCheck(s, m.displayName());
                assertThat(s.info().runtime()).isNotBlank();
              } catch (BrokenHarnessException e) {
                fail("broken harness: " + e.getMessage() + "\nstderr:\n" + e.stderr());
              }
            }));
    for (VectorFile f : files) {
      tests.add(
          DynamicTest.dynamicTest(
              id + " vectors/" + f.family(), () -> assertPassed(h, c -> c.vectors(f))));
    }
    // Every sample does every scenario (issue 19): what its vendor sample did is documentation
    // (fixtures/scenarios.json vendorSamples, the samples' README table), not a reason to skip.
    List<String> expectedScenarios =
        bench.scenarios().scenarios().stream().map(Scenario::name).toList();
    tests.add(
        DynamicTest.dynamicTest(
            id + " performs every scenario",
            () -> {
              h.started();
              assertThat(h.session.info().scenarios())
                  .as("scenarios %s lists in start: every one of fixtures/scenarios.json", id)
                  .containsExactlyInAnyOrderElementsOf(expectedScenarios);
            }));
    tests.add(
        DynamicTest.dynamicTest(
            id + " signBatch answers every vector as sign does",
            () -> {
              h.started();
              List<AdapterSession.SignItem> items =
                  files.stream()
                      .flatMap(f -> f.vectors().stream())
                      .filter(Vector::hasSigningExpectation)
                      .map(
                          v ->
                              new AdapterSession.SignItem(
                                  v.id(), INPUT_JSON.valueToTree(v.input())))
                      .toList();
              SignBatchAssertions.answersAsSignDoes(h.session, items);
            }));
    Vector benchVector = benchVector();
    if (benches(m)) {
      tests.add(
          DynamicTest.dynamicTest(
              id + " bench answers the vector's signature",
              () -> {
                Answer a = bench(h, benchVector);
                assertThat(a).as("%s's answer to bench", id).isInstanceOf(Answer.Result.class);
                JsonNode r = ((Answer.Result) a).value();
                assertThat(r.path("operations").asLong()).isGreaterThanOrEqualTo(3);
                assertThat(r.path("elapsedNanos").asLong()).isPositive();
                assertThat(r.path("signature").asText())
                    .isEqualTo(benchVector.expected().signature());
              }));
    } else {
      tests.add(
          DynamicTest.dynamicTest(
              id + " bench is refused, saying why",
              () -> {
                Answer a = bench(h, benchVector);
                assertThat(a).isInstanceOf(Answer.Skipped.class);
                assertThat(((Answer.Skipped) a).reason()).hasSizeGreaterThan(30);
              }));
    }
    for (Scenario s : bench.scenarios().scenarios()) {
      if (!expectedScenarios.contains(s.name())) {
        continue;
      }
      if (performsScenarios(m)) {
        tests.add(
            DynamicTest.dynamicTest(
                id + " scenario/" + s.name(), () -> assertPassed(h, c -> c.scenario(bench, s))));
      } else {
        tests.add(
            DynamicTest.dynamicTest(
                id + " scenario/" + s.name() + " is refused, saying why",
                () -> {
                  CheckResult r = h.started().scenario(bench, s);
                  assertThat(r.status()).isEqualTo(Status.SKIPPED);
                  assertThat(r.summary()).startsWith("skipped: ").hasSizeGreaterThan(30);
                }));
      }
    }
    return DynamicContainer.dynamicContainer(id, tests);
  }

  /** The vector the bench tests sign: {@link SigningWorkload#SMALL_VECTOR}, from the files. */
  private Vector benchVector() {
    return VectorSet.find(files, SigningWorkload.SMALL_VECTOR).orElseThrow();
  }

  /** The started language's answer to a short {@code bench} of {@code v}. */
  private static Answer bench(Holder h, Vector v) {
    h.started();
    return h.session.bench(SigningWorkload.of(v).protocolInput(), SHORT_BENCH);
  }

  private static void assertPassed(
      Holder h, java.util.function.Function<ImplementationCheck, CheckResult> run) {
    CheckResult r = run.apply(h.started());
    // The kit's own samples sign every valid vector and perform every scenario: a skipped check,
    // or a skipped vector within one, is a failure here.
    assertThat(r.status())
        .as(
            "%s: %s%n%s",
            r.check(),
            r.summary(),
            r.findings().stream()
                .limit(10)
                .map(Finding::toString)
                .collect(Collectors.joining("\n")))
        .isEqualTo(Status.PASSED);
    assertThat(r.passed())
        .as("%s: %s, every one passed", r.check(), r.summary())
        .isEqualTo(r.total());
  }
}
