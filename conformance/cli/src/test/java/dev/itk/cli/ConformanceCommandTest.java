package dev.itk.cli;

import static dev.itk.cli.ItkRun.itk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itk.conformance.vectors.VectorSet;
import dev.itk.runner.Availability;
import dev.itk.runner.container.ContainerRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code itk conformance}, the main job, run the way users run it: all samples, reports written; a
 * sample with a broken signer fails the run and the report names the language, the check and the
 * part; bad input exits 2 with one line.
 */
class ConformanceCommandTest {
  private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));
  private static final Path ROOT = VectorSet.repositoryRoot();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--runner nope | --runner \"nope\" is not one of process, container, embedded, auto",
        "--max-mismatches -1 | --max-mismatches must be 0 or more; got -1",
        "--only cobol | --only: no sample for language \"cobol\"; known: dotnet, go, java, node, php,"
            + " python",
        "--adapter /nonexistent/x | --adapter /nonexistent/x is not a folder",
        "--vectors /nonexistent/v | vector directory /nonexistent/v does not exist",
        "--scenarios /nonexistent/s.json | scenario file /nonexistent/s.json does not exist",
      })
  void badInput_exits2_withOneLineNamingTheProblem(String options, String message) {
    ItkRun run =
        itk(
            Stream.concat(Stream.of("conformance"), Stream.of(options.split(" ")))
                .toArray(String[]::new));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(message);
    assertThat(run.err().strip().lines()).hasSize(1);
  }

  @Test
  void mainJob_everySample_passes_andWritesTheFourReports(@TempDir Path dir) throws IOException {
    List<String> args =
        new ArrayList<>(List.of("conformance", "--runner", "process", "--report", dir.toString()));
    if (CI) {
      args.add("--require-all");
    }

    ItkRun run = itk(args.toArray(String[]::new));

    assertThat(run.exitCode()).as("stdout:\n%s\nstderr:\n%s", run.out(), run.err()).isZero();
    assertThat(run.out())
        .contains("[process:php] ok   vectors/bodies")
        .contains("implementation", "PASSED in");
    for (String lang : List.of("dotnet", "go", "java", "node", "php", "python")) {
      assertThat(run.out()).containsPattern("(?m)^process:" + lang + " +ok ");
    }
    assertThat(dir.resolve("summary.md")).content().contains("| `process:python` |");
    assertThat(dir.resolve("report.html")).content().contains("<td class=\"passed\">");
    assertThat(dir.resolve("junit.xml")).content().contains("<testsuite name=\"process:dotnet\"");
    JsonNode json = new ObjectMapper().readTree(dir.resolve("conformance.json").toFile());
    assertThat(json.get("passed").asBoolean()).isTrue();
    assertThat(json.get("implementations")).hasSize(7); // the six samples and the Java reference
  }

  @Test
  void mainJob_inContainers_passes_andTheReportNamesEachImageAndRuntime(@TempDir Path dir)
      throws IOException {
    Availability engine = ContainerRunner.engine();
    if (!engine.available()) {
      if (CI) {
        fail("CI=true requires a container engine: " + engine.detail());
      }
      Assumptions.abort(engine.detail());
    }

    ItkRun run =
        itk("conformance", "--runner", "container", "--require-all", "--report", dir.toString());

    assertThat(run.exitCode()).as("stdout:\n%s\nstderr:\n%s", run.out(), run.err()).isZero();
    String md = Files.readString(dir.resolve("summary.md"));
    for (String lang : List.of("dotnet", "go", "java", "node", "php", "python")) {
      assertThat(md)
          .containsPattern(
              "\\| `container:"
                  + lang
                  + "` \\| [^|]+ · image localhost/itk-sample-"
                  + lang
                  + ":[0-9a-f]{12} \\|");
    }
    assertThat(md).contains("PHP 8.", "CPython 3.", "Mono ", "Node.js ", "OpenJDK", "Go 1.");
    assertThat(Files.readString(dir.resolve("report.html")))
        .contains("image localhost/itk-sample-php:");
  }

  /**
   * A fresh machine with only a JDK: no python3, node, php, go or Mono (mono, mcs) on PATH, no
   * container engine. The main job still checks Java (process), Python and JavaScript (embedded),
   * and says what it skipped and why.
   */
  @Test
  void mainJob_withOnlyAJdk_checksJavaPythonJavascript_andSaysWhatItSkipped(@TempDir Path dir)
      throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path jdk = Path.of(System.getProperty("java.home"), "bin");
    for (String tool : List.of("java", "javac")) {
      Path launcher = bin.resolve(tool);
      Files.writeString(launcher, "#!/bin/sh\nexec " + jdk.resolve(tool) + " \"$@\"\n");
      launcher.toFile().setExecutable(true);
    }
    ProcessBuilder pb =
        new ProcessBuilder(
                jdk.resolve("java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Ditk.root=" + ROOT,
                "dev.itk.cli.Itk",
                "conformance",
                "--report",
                dir.resolve("report").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("out.txt").toFile());
    pb.environment().put("PATH", bin.toString());
    pb.environment().put("DOCKER_HOST", "unix://" + dir.resolve("no-engine.sock"));
    pb.environment().put("TESTCONTAINERS_RYUK_DISABLED", "true");
    Process p = pb.start();
    assertThat(p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
    String out = Files.readString(dir.resolve("out.txt"));

    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out)
        .contains("--runner auto: no container engine answers")
        .contains(
            "python: python3 is not on PATH; install it with: apt-get install -y python3;"
                + " running it embedded instead")
        .containsPattern("(?m)^process:java +ok 60/60")
        .containsPattern("(?m)^embedded:python +ok 60/60")
        .containsPattern("(?m)^embedded:javascript +ok 60/60")
        .contains("embedded:javascript checked in-process (GraalJS)")
        .contains(
            "Skipped process:php: php is not on PATH; install it with: apt-get install -y"
                + " php-cli")
        .contains("Skipped process:dotnet: mcs is not on PATH");
  }

  @Test
  void aSignerThatStopsLowercasing_failsTheRun_andTheReportNamesLanguageCheckAndPart(
      @TempDir Path dir) throws IOException {
    Path samples = BrokenSample.nodeWithoutLowercasing(dir.resolve("samples"));

    ItkRun run =
        itk(
            "conformance",
            "--runner",
            "process",
            "--samples",
            samples.toString(),
            "--max-mismatches",
            "1000",
            "--report",
            dir.resolve("report").toString());

    assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
    assertThat(run.out())
        .contains("[process:node] FAIL vectors/paths")
        .contains("- process:node vectors/paths paths-002-uppercase-route [message]")
        .contains("field path")
        .contains("FAILED in");
    String md = Files.readString(dir.resolve("report/summary.md"));
    assertThat(md)
        .startsWith("# Issuetrak signing conformance: FAILED")
        .contains("### `process:node` vectors/paths")
        .contains("**paths-002-uppercase-route**, message:");
    assertThat(Files.readString(dir.resolve("report/report.html")))
        .contains("<td class=\"failed\">FAIL");
  }
}
