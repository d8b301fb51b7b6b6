package dev.itk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.itk.conformance.ProcessResult;
import dev.itk.conformance.vectors.VectorSet;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * actionlint over every workflow this repository keeps as a file: its own ({@code
 * .github/workflows/}) and those the docs show users ({@code docs/examples/}), with the action
 * ({@code action.yml}) that {@code uses: ./} brings in. Any finding fails the build. Two checks
 * show that the lint can fail at all: a broken workflow, and a wrong input and output of this
 * action. actionlint comes from {@code .ci/run} ({@code go install}); with {@code CI=true} a
 * missing one fails these tests, elsewhere they are skipped saying how to install it. Its
 * shellcheck and pyflakes passes are off, so the result does not depend on what else the machine
 * has.
 */
class WorkflowLintTest {
  static final String VERSION = "v1.7.12";
  private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));
  private static final Path ROOT = VectorSet.repositoryRoot();

  @TempDir Path temp;

  @Test
  void workflowsAndExamples_haveNoFinding() throws IOException {
    Path actionlint = actionlint();
    // actionlint reads action.yml for `uses: ./` only in a git repository (a .git folder or file):
    // the files are linted in a copy that is one, so a checkout without .git (a source download)
    // checks the action's inputs too.
    Path project = temp.resolve("project");
    Files.createDirectories(project.resolve(".git"));
    List<String> copied = new ArrayList<>();
    for (String folder : List.of(".github/workflows", "docs/examples")) {
      List<Path> found = yamlFiles(ROOT.resolve(folder));
      assertThat(found).as("workflow files in %s", folder).isNotEmpty();
      for (Path f : found) {
        copied.add(copy(ROOT.relativize(f).toString(), project));
      }
    }
    copy("action.yml", project);

    ProcessResult r = lint(actionlint, project, copied.stream().map(project::resolve).toList());

    assertThat(r.exitCode())
        .as(
            "actionlint %s %s found:%n%s%s",
            VERSION, copied, new String(r.stdout(), StandardCharsets.UTF_8), r.stderr())
        .isZero();
  }

  private static String copy(String relative, Path project) throws IOException {
    Path target = project.resolve(relative);
    Files.createDirectories(target.getParent());
    Files.copy(ROOT.resolve(relative), target);
    return relative;
  }

  @Test
  void actionlint_reportsABrokenWorkflow() throws IOException {
    Path actionlint = actionlint();
    Path workflow = temp.resolve("broken.yml");
    Files.writeString(
        workflow,
        """
        name: broken
        on: [push, pull_rquest]
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v6
                with:
                  fetch-depht: 0
              - run: echo "${{ github.event.pull_request.title }}"
        """);

    ProcessResult r = lint(actionlint, temp, List.of(workflow));

    String out = new String(r.stdout(), StandardCharsets.UTF_8);
    assertThat(r.exitCode()).as("actionlint exit code; stderr: %s", r.stderr()).isEqualTo(1);
    assertThat(out)
        .contains("broken.yml:2:")
        .contains("unknown Webhook event \"pull_rquest\"")
        .contains("input \"fetch-depht\" is not defined in action \"actions/checkout@v6\"")
        .contains("\"github.event.pull_request.title\" is potentially untrusted");
  }

  /** What {@code uses: ./} in .github/workflows/action-self-test.yml relies on. */
  @Test
  void actionlint_checksTheInputsGivenToThisAction() throws IOException {
    Path actionlint = actionlint();
    Path project = temp.resolve("project");
    Files.createDirectories(project.resolve(".git"));
    Files.copy(ROOT.resolve("action.yml"), project.resolve("action.yml"));
    Path workflow =
        Files.createDirectories(project.resolve(".github/workflows")).resolve("uses-itk.yml");
    Files.writeString(
        workflow,
        """
        name: uses itk
        on: push
        jobs:
          conformance:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v6
              - id: itk
                uses: ./
                with:
                  adapter: itk-adapter
                  languages: php
              - run: echo "$RESULT"
                env:
                  RESULT: ${{ steps.itk.outputs.verdict }}
        """);

    ProcessResult r = lint(actionlint, project, List.of(workflow));

    String out = new String(r.stdout(), StandardCharsets.UTF_8);
    assertThat(r.exitCode()).as("actionlint exit code; stderr: %s", r.stderr()).isEqualTo(1);
    assertThat(out.lines().filter(l -> l.matches("\\S*uses-itk\\.yml:\\d+:\\d+: .*")))
        .as("actionlint's findings, one a line:%n%s", out)
        .satisfiesExactly(
            l -> assertThat(l).contains(":12:11: input \"languages\" is not defined in action"),
            l -> assertThat(l).contains(":15:23: property \"verdict\" is not defined"));
  }

  /** actionlint on {@code files}, each named relative to {@code workingDir} in its findings. */
  private static ProcessResult lint(Path actionlint, Path workingDir, List<Path> files) {
    List<String> command =
        new ArrayList<>(List.of(actionlint.toString(), "-no-color", "-shellcheck=", "-pyflakes="));
    files.forEach(f -> command.add(workingDir.relativize(f).toString()));
    return ProcessResult.run(command, workingDir, new byte[0], 120);
  }

  private static List<Path> yamlFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
    }
  }

  /** actionlint on PATH; missing: a failure under CI=true, else a skip saying how to get it. */
  private static Path actionlint() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir, "actionlint");
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    String why =
        "actionlint is not on PATH. Install it with: go install"
            + " github.com/rhysd/actionlint/cmd/actionlint@"
            + VERSION
            + " (and put $(go env GOPATH)/bin on PATH); .ci/run installs it into ~/.cache/itk/bin.";
    if (CI) {
      fail("CI=true requires actionlint to lint the workflows: " + why);
    }
    Assumptions.abort(why);
    return null;
  }
}
