package dev.itk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.itk.conformance.ExternalTools;
import dev.itk.conformance.vectors.VectorSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The GitHub Action's step, {@code scripts/action/conformance} (docs/action.md), run as GitHub runs
 * it: in a workspace, with {@code GITHUB_STEP_SUMMARY} and {@code GITHUB_OUTPUT} files, and with a
 * stand-in for {@code itk} ({@code ITK_BIN}) that records its arguments, writes the report files
 * and exits as told; once with the real CLI. Then {@code action.yml} against the script and the
 * workflows that use the action.
 */
class ActionScriptTest {
  private static final Path ROOT = VectorSet.repositoryRoot();
  private static final Path SCRIPT = ROOT.resolve("scripts/action/conformance");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * Records its arguments one a line in $FAKE_ITK_ARGS; writes the report files into the --report
   * folder unless FAKE_ITK_REPORTS=none; a summary.md of FAKE_ITK_SUMMARY_BYTES bytes if set; exits
   * with FAKE_ITK_EXIT.
   */
  private static final String FAKE_ITK =
      """
      #!/usr/bin/env bash
      printf '%s\\n' "$@" >"$FAKE_ITK_ARGS"
      report=""
      while (($#)); do
        if [[ "$1" == --report ]]; then report="$2"; shift; fi
        shift
      done
      if [[ "${FAKE_ITK_REPORTS:-all}" == all ]]; then
        if [[ -n "${FAKE_ITK_SUMMARY_BYTES:-}" ]]; then
          yes '| process:php | ❌ 58/60 |' | head -c "$FAKE_ITK_SUMMARY_BYTES" >"$report/summary.md"
        else
          printf '# Issuetrak signing conformance: fake\\n' >"$report/summary.md"
        fi
        printf '<testsuites/>\\n' >"$report/junit.xml"
        printf '<!doctype html>\\n' >"$report/report.html"
        printf '{}\\n' >"$report/conformance.json"
      fi
      exit "${FAKE_ITK_EXIT:-0}"
      """;

  @TempDir Path temp;
  private Path workspace;
  private Path summaryFile;
  private Path outputFile;
  private Path argsFile;
  private Path fakeItk;

  /** What one run of the script left. */
  record Step(int exitCode, String stdout, String stderr, String summary, String outputs) {
    /** The GITHUB_OUTPUT lines as a map (the script writes only key=value lines). */
    Map<String, String> outputMap() {
      Map<String, String> map = new LinkedHashMap<>();
      outputs
          .lines()
          .forEach(l -> map.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
      return map;
    }
  }

  private void setUp() throws IOException {
    workspace = Files.createDirectories(temp.resolve("workspace"));
    summaryFile = temp.resolve("step-summary.md");
    outputFile = temp.resolve("github-output");
    argsFile = temp.resolve("itk-args");
    fakeItk = temp.resolve("fake-itk");
    Files.writeString(fakeItk, FAKE_ITK);
    assertThat(fakeItk.toFile().setExecutable(true)).isTrue();
    Files.writeString(summaryFile, "An earlier step's summary.\n");
    Files.writeString(outputFile, "");
  }

  private Path adapterFolder(String name) throws IOException {
    Path folder = Files.createDirectories(workspace.resolve(name));
    Files.writeString(folder.resolve("adapter.json"), "{}\n");
    return folder;
  }

  /** Runs the script in the workspace with {@code env} and the stand-in itk. */
  private Step run(Map<String, String> env) throws Exception {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("ITK_BIN", fakeItk.toString());
    all.putAll(env);
    return runScript(all);
  }

  private Step runScript(Map<String, String> env) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("bash", SCRIPT.toString())
            .directory(workspace.toFile())
            .redirectOutput(temp.resolve("stdout").toFile())
            .redirectError(temp.resolve("stderr").toFile());
    Map<String, String> e = pb.environment();
    // This build may itself run in a GitHub Actions job: its files and inputs are not the test's.
    e.keySet()
        .removeIf(k -> k.startsWith("GITHUB_") || k.startsWith("INPUT_") || k.equals("ITK_BIN"));
    e.put("GITHUB_WORKSPACE", workspace.toString());
    e.put("GITHUB_STEP_SUMMARY", summaryFile.toString());
    e.put("GITHUB_OUTPUT", outputFile.toString());
    e.put("FAKE_ITK_ARGS", argsFile.toString());
    env.forEach(
        (k, v) -> {
          if (v == null) {
            e.remove(k);
          } else {
            e.put(k, v);
          }
        });
    Process p = pb.start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the script ended within 5 minutes").isTrue();
    return new Step(
        p.exitValue(),
        Files.readString(temp.resolve("stdout")),
        Files.readString(temp.resolve("stderr")),
        Files.readString(summaryFile),
        Files.readString(outputFile));
  }

  private List<String> itkArguments() throws IOException {
    return Files.readAllLines(argsFile, StandardCharsets.UTF_8);
  }

  @Test
  void passedCheck_appendsTheSummary_writesTheOutputs_andExits0() throws Exception {
    setUp();
    Path adapter = adapterFolder("itk-adapter");

    Step step = run(Map.of("INPUT_ADAPTER", "itk-adapter", "INPUT_ONLY", "java"));

    assertThat(step.exitCode()).as("stderr: %s", step.stderr()).isZero();
    Path report = workspace.resolve("itk-report");
    assertThat(itkArguments())
        .containsExactly(
            "conformance",
            "--runner",
            "process",
            "--report",
            report.toString(),
            "--require-all",
            "--only=java",
            "--adapter",
            adapter.toString());
    assertThat(step.summary())
        .isEqualTo("An earlier step's summary.\n# Issuetrak signing conformance: fake\n");
    assertThat(step.outputMap())
        .containsExactly(
            Map.entry("result", "passed"),
            Map.entry("exit-code", "0"),
            Map.entry("report-dir", report.toString()));
    assertThat(report.resolve("junit.xml")).exists();
    assertThat(report.resolve("report.html")).exists();
  }

  @Test
  void failedCheck_stillAppendsTheSummary_andExitsWithItsStatus() throws Exception {
    setUp();
    adapterFolder("client/itk");

    Step step = run(Map.of("INPUT_ADAPTER", "client/itk", "FAKE_ITK_EXIT", "1"));

    assertThat(step.exitCode()).isEqualTo(1);
    assertThat(step.summary()).endsWith("# Issuetrak signing conformance: fake\n");
    assertThat(step.outputMap()).containsEntry("result", "failed").containsEntry("exit-code", "1");
    assertThat(step.stderr()).contains("conformance failed: see the job summary");
  }

  @Test
  void itkWritingNoReport_leavesNoStaleOne_andTheSummarySaysSo() throws Exception {
    setUp();
    adapterFolder("itk-adapter");
    Path report = Files.createDirectories(workspace.resolve("itk-report"));
    Files.writeString(report.resolve("summary.md"), "# an earlier run's summary, passed\n");
    Files.writeString(report.resolve("junit.xml"), "<testsuites/>\n");

    Step step =
        run(
            Map.of(
                "INPUT_ADAPTER", "itk-adapter", "FAKE_ITK_EXIT", "2", "FAKE_ITK_REPORTS", "none"));

    assertThat(step.exitCode()).isEqualTo(2);
    assertThat(report.resolve("summary.md")).doesNotExist();
    assertThat(report.resolve("junit.xml")).doesNotExist();
    assertThat(step.summary())
        .doesNotContain("earlier run")
        .contains("No report: `itk conformance` exited 2 (bad-input)");
    assertThat(step.outputMap())
        .containsEntry("result", "bad-input")
        .containsEntry("exit-code", "2");
  }

  @Test
  void summaryOverTheJobSummaryLimit_isCutAtALine_sayingWhereTheRestIs() throws Exception {
    setUp();
    adapterFolder("itk-adapter");

    Step step = run(Map.of("INPUT_ADAPTER", "itk-adapter", "FAKE_ITK_SUMMARY_BYTES", "1500000"));

    assertThat(step.exitCode()).isZero();
    byte[] appended = Files.readAllBytes(summaryFile);
    assertThat(appended.length).isLessThan(1024 * 1024);
    assertThat(step.summary())
        .contains("| process:php | ❌ 58/60 |\n\n\n**The summary is cut here** (1500000 bytes");
  }

  static Stream<Arguments> argumentMappings() {
    return Stream.of(
        Arguments.of(
            "only all: every sample, no --only",
            Map.of("INPUT_ONLY", " All "),
            List.of("--runner", "process", "--require-all")),
        Arguments.of(
            "only trimmed, empty items dropped, case kept for itk to judge",
            Map.of("INPUT_ONLY", " php , Python,,\ngo", "INPUT_REQUIRE_ALL", "FALSE"),
            List.of("--runner", "process", "--only=php,Python,go")),
        Arguments.of(
            "container runner, trace into the report folder",
            Map.of("INPUT_ONLY", "node", "INPUT_RUNNER", "container", "INPUT_TRACE", "true"),
            List.of(
                "--runner",
                "container",
                "--require-all",
                "--only=node",
                "--trace",
                "{report}/protocol-trace.txt")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("argumentMappings")
  void inputs_becomeItkArguments(String name, Map<String, String> env, List<String> expected)
      throws Exception {
    setUp();

    Step step = run(env);

    assertThat(step.exitCode()).as("stderr: %s", step.stderr()).isZero();
    Path report = workspace.resolve("itk-report");
    List<String> want = new ArrayList<>(List.of("conformance"));
    want.addAll(expected);
    // --report comes second in the script's order; the expectations leave it out for brevity.
    want.add(3, "--report");
    want.add(4, report.toString());
    assertThat(itkArguments())
        .containsExactlyElementsOf(
            want.stream().map(a -> a.replace("{report}", report.toString())).toList());
  }

  @Test
  void severalAdapters_oneALine_andAReportDirGivenAsAnAbsolutePathInsideTheWorkspace()
      throws Exception {
    setUp();
    Path first = adapterFolder("clients/php");
    Path second = adapterFolder("clients/go");

    Step step =
        run(
            Map.of(
                "INPUT_ADAPTER",
                "clients/php\n  clients/go  \n\n",
                "INPUT_REPORT_DIR",
                workspace.resolve("out/itk").toString()));

    assertThat(step.exitCode()).as("stderr: %s", step.stderr()).isZero();
    assertThat(itkArguments())
        .containsSequence("--only=", "--adapter", first.toString(), "--adapter", second.toString())
        .contains(workspace.resolve("out/itk").toString());
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        Arguments.of(
            "runner docker",
            Map.of("INPUT_RUNNER", "docker"),
            "input runner: \"docker\" is not one of process, container, embedded"),
        Arguments.of(
            "runner auto",
            Map.of("INPUT_RUNNER", "auto"),
            "input runner: \"auto\" is not one of process, container, embedded"),
        Arguments.of(
            "require-all yes",
            Map.of("INPUT_REQUIRE_ALL", "yes"),
            "input require-all: \"yes\" is not true or false"),
        Arguments.of(
            "trace 1", Map.of("INPUT_TRACE", "1"), "input trace: \"1\" is not true or false"),
        Arguments.of(
            "report-dir climbing out",
            Map.of("INPUT_REPORT_DIR", "reports/../../elsewhere"),
            "input report-dir: \"reports/../../elsewhere\" has a .. segment"),
        Arguments.of(
            "report-dir absolute, outside",
            Map.of("INPUT_REPORT_DIR", "/etc/itk"),
            "input report-dir: \"/etc/itk\" is outside the workspace"),
        Arguments.of(
            "report-dir the workspace",
            Map.of("INPUT_REPORT_DIR", "./"),
            "input report-dir: \"./\" is the workspace itself"),
        Arguments.of(
            "report-dir empty",
            Map.of("INPUT_REPORT_DIR", ""),
            "input report-dir: \"\" is the workspace itself"),
        Arguments.of(
            "report-dir in .git",
            Map.of("INPUT_REPORT_DIR", ".git/hooks"),
            "input report-dir: \".git/hooks\" is inside .git"),
        Arguments.of(
            "report-dir with a line break",
            Map.of("INPUT_REPORT_DIR", "itk\nreport-dir=/etc"),
            "input report-dir: $'itk\\nreport-dir=/etc' holds a control character"),
        Arguments.of(
            "report-dir through a file",
            Map.of("INPUT_REPORT_DIR", "a-file/itk-report"),
            "input report-dir: \"a-file/itk-report\": \"a-file\" is not a folder"),
        Arguments.of(
            "report-dir through a link outside",
            Map.of("INPUT_REPORT_DIR", "link-out/itk-report"),
            "input report-dir: \"link-out/itk-report\" leads outside the workspace"),
        Arguments.of(
            "adapter missing",
            Map.of("INPUT_ADAPTER", "no-such-folder"),
            "input adapter: \"no-such-folder\" is not a folder"),
        Arguments.of(
            "adapter without adapter.json",
            Map.of("INPUT_ADAPTER", "a-folder"),
            "input adapter: \"a-folder\" has no adapter.json"),
        Arguments.of(
            "only with a shell word",
            Map.of("INPUT_ONLY", "php;touch pwned"),
            "input only: \"php;touch pwned\" is not a language name"),
        Arguments.of(
            "neither adapter nor only",
            Map.of("INPUT_ADAPTER", " \n", "INPUT_ONLY", " , "),
            "inputs adapter and only are both empty"),
        Arguments.of(
            "itk command missing",
            Map.of("ITK_BIN", "/no/such/itk"),
            "the itk command \"/no/such/itk\" is not an executable"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInput_isRefusedBeforeItkRuns_namingTheInputAndTheRule(
      String name, Map<String, String> env, String message) throws Exception {
    setUp();
    Files.writeString(workspace.resolve("a-file"), "");
    Files.createDirectories(workspace.resolve("a-folder"));
    Files.createSymbolicLink(
        workspace.resolve("link-out"), Files.createDirectories(temp.resolve("outside")));
    Map<String, String> all = new LinkedHashMap<>(Map.of("INPUT_ONLY", "php"));
    all.putAll(env);

    Step step = run(all);

    assertThat(step.exitCode())
        .as("stdout: %s%nstderr: %s", step.stdout(), step.stderr())
        .isEqualTo(2);
    assertThat(step.stderr()).startsWith("itk action: " + message).hasLineCount(1);
    assertThat(argsFile).as("itk was not run").doesNotExist();
    assertThat(step.summary()).contains("Not run: " + message);
    assertThat(step.outputMap())
        .containsEntry("result", "bad-input")
        .containsEntry("exit-code", "2");
    assertThat(temp.resolve("outside")).isEmptyDirectory();
    assertThat(workspace.resolve("itk-report")).doesNotExist();
  }

  @Test
  void onGitHub_aRefusalIsAnErrorAnnotation_withItsPercentSignsEscaped() throws Exception {
    setUp();

    Step step = run(Map.of("GITHUB_ACTIONS", "true", "INPUT_RUNNER", "100%"));

    assertThat(step.exitCode()).isEqualTo(2);
    assertThat(step.stderr())
        .isEqualTo(
            "::error title=itk conformance::input runner: \"100%25\" is not one of process,"
                + " container, embedded\n");
  }

  /**
   * The real CLI, as a client team's workflow runs it: from a workspace outside the kit, with a
   * copy of the Python sample as "their" adapter and none of the kit's samples. Needs python3, as
   * the vector generator's tests do.
   */
  @Test
  void realItk_checksAnAdapterInTheWorkspace_andTheSummaryIsItsReport() throws Exception {
    setUp();
    ExternalTools.require("python3", "to run the Python sample as the adapter under test");
    copyFolder(ROOT.resolve("polyglot-samples/python"), workspace.resolve("itk-adapter"));
    Path itk = temp.resolve("itk");
    Files.writeString(
        itk,
        "#!/usr/bin/env bash\nexec '"
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + "' -cp \"$ITK_TEST_CLASSPATH\" dev.itk.cli.Itk \"$@\"\n");
    assertThat(itk.toFile().setExecutable(true)).isTrue();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("ITK_BIN", itk.toString());
    env.put("ITK_TEST_CLASSPATH", System.getProperty("java.class.path"));
    env.put("INPUT_ADAPTER", "itk-adapter");

    Step step = runScript(env);

    assertThat(step.exitCode()).as("stdout: %s%nstderr: %s", step.stdout(), step.stderr()).isZero();
    Path report = workspace.resolve("itk-report");
    String summary = Files.readString(report.resolve("summary.md"));
    assertThat(summary).startsWith("# Issuetrak signing conformance: passed");
    assertThat(step.summary()).isEqualTo("An earlier step's summary.\n" + summary);
    JsonNode result = new ObjectMapper().readTree(report.resolve("conformance.json").toFile());
    List<String> ids = new ArrayList<>();
    result.path("implementations").forEach(i -> ids.add(i.path("id").asText()));
    assertThat(ids).containsExactly("inprocess:java-reference", "process:python");
    assertThat(report.resolve("junit.xml")).isNotEmptyFile();
    assertThat(report.resolve("report.html")).isNotEmptyFile();
    assertThat(step.outputMap()).containsEntry("result", "passed");
  }

  /**
   * action.yml hands each input to a script through env (never {@code ${{ inputs.* }}} in a
   * script), every INPUT_ variable it sets is one the script reads and the other way round, and its
   * outputs are the ones the script writes.
   */
  @Test
  void actionYml_passesEachInputThroughEnv_toAScriptThatReadsIt() throws Exception {
    JsonNode action = YAML.readTree(ROOT.resolve("action.yml").toFile());
    Set<String> inputs = names(action.path("inputs"));
    Set<String> used = new TreeSet<>();
    Set<String> passed = new TreeSet<>();
    Set<String> read = new TreeSet<>();
    for (JsonNode step : action.path("runs").path("steps")) {
      String run = step.path("run").asText("");
      assertThat(run).as("a run: script with ${{ }} in it: %s", run).doesNotContain("${{");
      Iterator<Map.Entry<String, JsonNode>> env = step.path("env").fields();
      while (env.hasNext()) {
        Map.Entry<String, JsonNode> e = env.next();
        Matcher m =
            Pattern.compile("^\\$\\{\\{ inputs\\.([a-z-]+) }}$").matcher(e.getValue().asText());
        assertThat(m.matches())
            .as("env %s is one input as it is: %s", e.getKey(), e.getValue())
            .isTrue();
        assertThat(e.getKey()).isEqualTo("INPUT_" + m.group(1).toUpperCase().replace('-', '_'));
        used.add(m.group(1));
        passed.add(e.getKey());
      }
      Matcher script =
          Pattern.compile("\\$GITHUB_ACTION_PATH/(scripts/action/[a-z-]+)").matcher(run);
      if (script.find()) {
        Matcher reads =
            Pattern.compile("\\$\\{(INPUT_[A-Z_]+)")
                .matcher(Files.readString(ROOT.resolve(script.group(1))));
        while (reads.find()) {
          read.add(reads.group(1));
        }
      }
      step.path("with").forEach(v -> findInputs(v.asText(), used));
      findInputs(step.path("if").asText(""), used);
    }
    assertThat(used).as("inputs action.yml uses").isEqualTo(inputs);
    assertThat(read).as("INPUT_ variables the scripts read").isEqualTo(passed);

    Set<String> outputs = names(action.path("outputs"));
    String script = Files.readString(SCRIPT);
    for (String output : outputs) {
      assertThat(action.path("outputs").path(output).path("value").asText())
          .isEqualTo("${{ steps.conformance.outputs." + output + " }}");
      assertThat(script).contains("'" + output + "=%s\\n'");
    }
  }

  /**
   * The workflows that use the action give it only inputs it has and read only outputs it has:
   * actionlint checks {@code uses: ./} against action.yml, but not the examples' {@code uses:
   * issuetrak-interop-kit/itk@v1}, which it cannot fetch.
   */
  @Test
  void workflowsUsingTheAction_giveItsInputs_andReadItsOutputs() throws Exception {
    JsonNode action = YAML.readTree(ROOT.resolve("action.yml").toFile());
    Set<String> inputs = names(action.path("inputs"));
    Set<String> outputs = names(action.path("outputs"));
    List<Path> files =
        List.of(
            ROOT.resolve("docs/examples/conformance-action.yml"),
            ROOT.resolve(".github/workflows/action-self-test.yml"));
    for (Path file : files) {
      JsonNode workflow = YAML.readTree(file.toFile());
      int uses = 0;
      for (JsonNode job : workflow.path("jobs")) {
        for (JsonNode step : job.path("steps")) {
          String ref = step.path("uses").asText("");
          if (!ref.equals("./") && !ref.startsWith("issuetrak-interop-kit/itk@")) {
            continue;
          }
          uses++;
          assertThat(names(step.path("with"))).as("%s: inputs given", file).isSubsetOf(inputs);
          Matcher m =
              Pattern.compile("steps\\." + step.path("id").asText() + "\\.outputs\\.([a-z-]+)")
                  .matcher(Files.readString(file));
          while (m.find()) {
            assertThat(outputs).as("%s reads output %s", file, m.group(1)).contains(m.group(1));
          }
        }
      }
      assertThat(uses).as("%s uses the action", file).isEqualTo(1);
    }
  }

  /**
   * docs/action.md's tables list each input with its default and each output, as action.yml has
   * them, and its one snippet gives the action only inputs it has.
   */
  @Test
  void docs_listEachInputWithItsDefault_andEachOutput() throws Exception {
    JsonNode action = YAML.readTree(ROOT.resolve("action.yml").toFile());
    String docs = Files.readString(ROOT.resolve("docs/action.md"));
    Map<String, String> documented = new LinkedHashMap<>();
    Matcher row =
        Pattern.compile("(?m)^\\| `([a-z-]+)` \\| ([^|]+) \\|")
            .matcher(section(docs, "### Inputs"));
    while (row.find()) {
      documented.put(row.group(1), row.group(2).strip());
    }
    Map<String, String> defaults = new LinkedHashMap<>();
    action
        .path("inputs")
        .fields()
        .forEachRemaining(
            e -> {
              String d = e.getValue().path("default").asText();
              defaults.put(e.getKey(), d.isEmpty() ? "empty" : "`" + d + "`");
            });
    assertThat(documented).as("docs/action.md, ### Inputs: input and default").isEqualTo(defaults);

    Set<String> outputs = new LinkedHashSet<>();
    Matcher out = Pattern.compile("(?m)^\\| `([a-z-]+)` \\|").matcher(section(docs, "### Outputs"));
    while (out.find()) {
      outputs.add(out.group(1));
    }
    assertThat(outputs).isEqualTo(names(action.path("outputs")));

    Matcher snippet = Pattern.compile("(?s)```yaml\\n(.*?)```").matcher(docs);
    assertThat(snippet.find()).as("docs/action.md has its snippet").isTrue();
    JsonNode step = YAML.readTree(snippet.group(1)).path(0);
    assertThat(step.path("uses").asText()).startsWith("issuetrak-interop-kit/itk@");
    assertThat(names(step.path("with"))).isNotEmpty().isSubsetOf(names(action.path("inputs")));
  }

  /** The text of {@code heading}'s section: up to the next heading. */
  private static String section(String markdown, String heading) {
    int start = markdown.indexOf("\n" + heading + "\n");
    assertThat(start).as("heading %s", heading).isNotNegative();
    Matcher next = Pattern.compile("\\n#{1,3} ").matcher(markdown);
    int end = next.find(start + heading.length() + 1) ? next.start() : markdown.length();
    return markdown.substring(start, end);
  }

  private static Set<String> names(JsonNode map) {
    Set<String> names = new LinkedHashSet<>();
    map.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static void findInputs(String expression, Set<String> into) {
    Matcher m = Pattern.compile("inputs\\.([a-z-]+)").matcher(expression);
    while (m.find()) {
      into.add(m.group(1));
    }
  }

  private static void copyFolder(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path rel = from.relativize(f);
        if (rel.toString().contains("__pycache__")) {
          continue;
        }
        Path target = to.resolve(rel.toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }
}
