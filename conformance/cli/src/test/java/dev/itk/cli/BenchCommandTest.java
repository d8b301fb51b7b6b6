package dev.itk.cli;

import static dev.itk.cli.ItkRun.itk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.conformance.ExternalTools;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code itk bench} as users run it, with tiny counts: its Markdown report, progress on stderr, its
 * exit codes; and the conformance wall-time section through the conformance command. No assertion
 * on any timing.
 */
class BenchCommandTest {
  private static final String[] TINY = {
    "--iterations", "3", "--duration-millis", "20", "--warmup-millis", "10", "--stub-requests", "0"
  };

  private static ItkRun bench(String... args) {
    return itk(
        Stream.concat(Stream.of("bench"), Stream.concat(Stream.of(TINY), Stream.of(args)))
            .toArray(String[]::new));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--runner auto | --runner \"auto\" is not one of process, container, embedded",
        "--iterations 0 | bench iterations 0; must be at least 1",
        "--only cobol | --only: no sample for language \"cobol\"; known: dotnet, go, java, node, php,"
            + " python",
        "--vectors /nonexistent/v | vector directory /nonexistent/v does not exist",
        "--stub-requests -1 | --stub-requests must be 0 or more; got -1",
        "--stub-clients 0 | --stub-clients must be 1 to 1024; got 0",
      })
  void badInput_exits2_withOneLineNamingTheProblem(String options, String message) {
    ItkRun run =
        itk(
            Stream.concat(Stream.of("bench"), Stream.of(options.split(" ")))
                .toArray(String[]::new));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(message);
    assertThat(run.err().strip().lines()).hasSize(1);
  }

  @Test
  void python_isMeasuredNextToTheReference_inAMarkdownTable_withProgressOnStderr() {
    ExternalTools.require("python3", "to run the Python sample's adapter");

    ItkRun run = bench("--only", "python");

    assertThat(run.exitCode()).as("stdout:\n%s\nstderr:\n%s", run.out(), run.err()).isZero();
    assertThat(run.out())
        .startsWith("## Sample languages\n")
        .contains(
            "- 306 B: vector seed-008-create-note-nested-site (expected signature: the"
                + " vector's)")
        .contains(
            "| implementation | 306 B: speed vs Java reference | 4 KiB: speed vs Java"
                + " reference | 306 B: signatures/s on this machine |")
        .contains("| inprocess:java-reference | 1.00× | 1.00× |")
        .containsPattern(
            "(?m)^\\| process:python \\| [0-9.]+× \\| [0-9.]+× \\| [0-9,]+ \\| [0-9,]+"
                + " \\| CPython 3\\.[0-9.]+ \\|$")
        .doesNotContain("[process:python]");
    assertThat(run.err())
        .contains("[process:python] runtime Python 3.")
        .containsPattern("\\[process:python\\] 4 KiB: [0-9,]+ signatures/s")
        .contains("[bench] done in");
  }

  @Test
  void conformanceWallTime_runsTheConformanceCommand_andTimesIt() {
    ExternalTools.require("python3", "to run the Python sample's adapter");
    List<String> progress = Collections.synchronizedList(new ArrayList<>());
    StringWriter out = new StringWriter();

    boolean passed =
        new ConformanceWallTimeSection(List.of("process"), List.of("--only", "python"))
            .run(new PrintWriter(out, true), (target, text) -> progress.add(target + " " + text));

    assertThat(passed).as(String.join("\n", progress)).isTrue();
    assertThat(out.toString())
        .containsPattern(
            "(?m)^\\| process \\| [0-9.]+ s \\| passed \\| passed: inprocess:java-reference,"
                + " process:python \\|$");
    assertThat(progress)
        .anyMatch(
            l ->
                l.startsWith(
                        "conformance --runner process started: itk conformance --runner process"
                            + " --report ")
                    && l.endsWith(" --only python"))
        .anyMatch(l -> l.startsWith("conformance --runner process [process:python] ok   vectors/"));
  }

  @Test
  void refusedBodies_compareThe401WithAnAcceptedRequestOfTheSameBody_diagnosisOnAndOff() {
    List<String> progress = Collections.synchronizedList(new ArrayList<>());
    StringWriter out = new StringWriter();

    boolean passed =
        new RefusedBodySection(
                List.of(
                    new RefusedBodySection.Size("300 B", 300, 3),
                    new RefusedBodySection.Size("9 MiB", 9 * 1024 * 1024, 1)))
            .run(new PrintWriter(out, true), (target, text) -> progress.add(target + " " + text));

    assertThat(passed).as(String.join("\n", progress)).isTrue();
    assertThat(out.toString())
        .containsPattern(
            "(?m)^\\| 300 B \\| [0-9.]+× \\| [0-9.]+× \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\|$")
        .containsPattern("(?m)^\\| 9 MiB \\| [0-9.]+× \\| [0-9.]+× \\|")
        .containsPattern("- Target: .*\\(\\d+ ms: (met|MISSED)\\).*\\(\\d+ ms: (met|MISSED)\\)\\.");
    assertThat(progress).anyMatch(l -> l.startsWith("refused 9 MiB: accepted "));
  }

  @Test
  void stubThroughput_comparesTheVerifyingStubWithTheSameStubNotVerifying() {
    List<String> progress = Collections.synchronizedList(new ArrayList<>());
    StringWriter out = new StringWriter();

    boolean passed =
        new StubThroughputSection(4, 300)
            .run(new PrintWriter(out, true), (target, text) -> progress.add(target + " " + text));

    assertThat(passed).as(String.join("\n", progress)).isTrue();
    assertThat(out.toString())
        .containsPattern("(?m)^\\| verifying \\| [0-9.]+× \\| [0-9,]+ \\|$")
        .containsPattern("(?m)^\\| not verifying \\| 1\\.00× \\| [0-9,]+ \\|$")
        .containsPattern("- Target: .*: (met|MISSED)\\.");
    assertThat(progress).anyMatch(l -> l.startsWith("stub round 3: verifying "));
  }
}
