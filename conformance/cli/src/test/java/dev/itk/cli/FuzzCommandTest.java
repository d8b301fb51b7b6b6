package dev.itk.cli;

import static dev.itk.cli.ItkRun.itk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.conformance.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FuzzCommandTest {
  private static final Path WRONG =
      Path.of("../fuzz/src/test/resources/wrong-adapters").toAbsolutePath().normalize();

  @TempDir Path tmp;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--time | 5x | --time \"5x\" is not a duration",
        "--time | 0s | --time must be more than 0",
        "--seed | abc | --seed \"abc\" is not an integer",
        "--cases | 0 | --cases must be 1 or more; got 0",
        "--runner | bogus | --runner \"bogus\" is not one of process, container, embedded, auto",
        "--only | cobol | --only: no sample for language \"cobol\"",
        "--max-shrinks | -1 | --max-shrinks must be 0 or more; got -1",
      })
  void badInput_exits2NamingTheValueAndTheRule(String option, String value, String message) {
    ItkRun run = itk("fuzz", option, value, "--out", tmp.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.err()).contains(message);
  }

  @Test
  void anOutThatIsAFile_isBadInput_beforeAnythingRuns() throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");

    ItkRun run = itk("fuzz", "--only", "python", "--cases", "10", "--out", file.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--out " + file + " is a file; give a folder");
    assertThat(run.out()).doesNotContain("starting the adapter");
  }

  @Test
  void timeAndCasesTogether_isBadInput() {
    ItkRun run = itk("fuzz", "--time", "5s", "--cases", "10", "--out", tmp.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("give --time or --cases, not both");
  }

  @Test
  void aWrongAdapter_exits1_writesTheMinimalVectorAndTheFourReports() throws Exception {
    ExternalTools.require("python3", "to run the wrong adapter");
    Path empty = Files.createDirectories(tmp.resolve("no-samples"));
    Path out = tmp.resolve("out");

    ItkRun run =
        itk(
            "fuzz",
            "--samples",
            empty.toString(),
            "--adapter",
            WRONG.resolve("crlf").toString(),
            "--seed",
            "0x1f",
            "--cases",
            "1500",
            "--out",
            out.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out())
        .startsWith("itk fuzz: seed 31 (reproduce with --seed 31); 1,500 inputs per implementation")
        .contains("Finding message:body in process:wrong-crlf")
        .contains("body=2 bytes]")
        .contains("FAILED in");
    assertThat(out.resolve("fuzz-001-message-body.json")).exists();
    for (String f : new String[] {"fuzz.json", "junit.xml", "summary.md", "report.html"}) {
      assertThat(out.resolve(f)).exists();
    }
    assertThat(Files.readString(out.resolve("summary.md")))
        .startsWith("# Issuetrak signing: differential fuzzing: FAILED");
    assertThat(Files.readString(out.resolve("junit.xml"))).contains("name=\"itk fuzz\"");
  }

  @Test
  void aSampleThatAgrees_exits0_andReportsItsInputsPerSecond() {
    ExternalTools.require("python3", "to run the Python sample's adapter");

    ItkRun run =
        itk("fuzz", "--only", "python", "--cases", "600", "--seed", "5", "--out", tmp.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .containsPattern("process:python +passed +600 inputs +[0-9,]+/s +0 differ")
        .contains("PASSED in");
  }

  /**
   * In-process on GraalVM: the embedded JavaScript run answers the message only (its session's sign
   * parts), so only the message is compared; and every session is used from its own thread only
   * (the embedded pipes break when another thread writes to them).
   */
  @Test
  void theEmbeddedRunner_comparesWhatItsSessionsProduce_andPasses() {
    ItkRun run =
        itk(
            "fuzz",
            "--runner",
            "embedded",
            "--only",
            "node",
            "--cases",
            "600",
            "--seed",
            "5",
            "--out",
            tmp.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).containsPattern("embedded:javascript +passed +600 inputs");
  }

  /** SIGTERM (what Ctrl-C and a CI timeout send) mid-run: the reports are still written. */
  @Test
  void aTerminatedRun_stillWritesItsReports() throws Exception {
    ExternalTools.require("python3", "to run the Python sample's adapter");
    Path out = tmp.resolve("out");
    Path stdout = tmp.resolve("stdout.txt");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Ditk.root=" + Path.of("../..").toAbsolutePath().normalize(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.itk.cli.Itk",
                "fuzz",
                "--only",
                "python",
                "--time",
                "10m",
                "--seed",
                "9",
                "--out",
                out.toString())
            .redirectErrorStream(true)
            .redirectOutput(stdout.toFile())
            .start();
    try {
      long until = System.nanoTime() + 60_000_000_000L;
      while (!Files.readString(stdout).contains("[fuzz] python") && System.nanoTime() < until) {
        Thread.sleep(200);
      }
      assertThat(Files.readString(stdout)).contains("[fuzz] python");
      p.destroy();
      assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    assertThat(Files.readString(stdout))
        .contains("itk fuzz: interrupted; finishing the batches in flight")
        .contains("interrupted before its limit, 600.0 s");
    assertThat(out.resolve("fuzz.json")).exists();
    assertThat(out.resolve("summary.md")).exists();
  }
}
