package dev.itk.runner.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itk.conformance.vectors.VectorSet;
import dev.itk.runner.AdapterManifest;
import dev.itk.runner.Availability;
import dev.itk.runner.BrokenHarnessException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The container runner: content-hash tags (the Dockerfile included), the samples' Dockerfiles
 * agreeing with their adapter.json, image reuse, the bridge's token reaching the harness but not
 * the adapter, and adapters that break inside a container reported as broken with the container's
 * log. With {@code CI=true} a missing engine fails. The token check itself: {@link
 * BridgeListenerTest}.
 */
class ContainerRunnerTest {
  private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));
  private static final Path SAMPLES = VectorSet.repositoryRoot().resolve("polyglot-samples");

  static List<Path> samples() {
    return AdapterManifest.folders(SAMPLES);
  }

  @Test
  void contentHash_ignoresBuildOutput_andChangesWithAnyFile(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("adapter.py"), "print('a')\n");
    Files.createDirectories(dir.resolve("lib"));
    Files.writeString(dir.resolve("lib/signer.py"), "x = 1\n");
    String before = ContainerRunner.contentHash(dir);

    Files.createDirectories(dir.resolve("build"));
    Files.writeString(dir.resolve("build/Adapter.class"), "compiled");
    Files.createDirectories(dir.resolve("lib/__pycache__"));
    Files.writeString(dir.resolve("lib/__pycache__/signer.pyc"), "cache");
    assertThat(ContainerRunner.contentHash(dir)).as("build output ignored").isEqualTo(before);

    Files.writeString(dir.resolve("lib/signer.py"), "x = 2\n");
    assertThat(ContainerRunner.contentHash(dir)).as("a changed file").isNotEqualTo(before);
    assertThat(before).matches("[0-9a-f]{12}");
  }

  @Test
  void contentHash_keepsSourceFoldersNamedLikeBuildOutput_andDropsDotnetOutput(@TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("Cargo.toml"), "[package]\n");
    Files.createDirectories(dir.resolve("src/Lib"));
    Files.writeString(dir.resolve("src/Lib/Lib.csproj"), "<Project/>\n");
    String before = ContainerRunner.contentHash(dir);

    // .NET output next to its project file, and build/ at the top: build output.
    Files.createDirectories(dir.resolve("src/Lib/bin/Debug"));
    Files.writeString(dir.resolve("src/Lib/bin/Debug/Lib.dll"), "compiled");
    Files.createDirectories(dir.resolve("src/Lib/obj"));
    Files.writeString(dir.resolve("src/Lib/obj/project.assets.json"), "{}");
    Files.createDirectories(dir.resolve("build"));
    Files.writeString(dir.resolve("build/adapter"), "binary");
    assertThat(ContainerRunner.contentHash(dir)).as("build output ignored").isEqualTo(before);

    // Rust's src/bin/ is source: the image needs it.
    Files.createDirectories(dir.resolve("src/bin"));
    Files.writeString(dir.resolve("src/bin/adapter.rs"), "fn main() {}\n");
    assertThat(ContainerRunner.contentHash(dir)).as("src/bin is source").isNotEqualTo(before);
    String withBin = ContainerRunner.contentHash(dir);

    // A folder named build below the top is source too (e.g. a package's build helpers).
    Files.createDirectories(dir.resolve("src/build"));
    Files.writeString(dir.resolve("src/build/helpers.rs"), "// helpers\n");
    assertThat(ContainerRunner.contentHash(dir)).as("src/build is source").isNotEqualTo(withBin);
  }

  @Test
  void contentHash_changesWhenOnlyTheDockerfileOrDockerignoreChanges(@TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("adapter.sh"), "echo hi\n");
    Files.writeString(dir.resolve("Dockerfile"), "FROM debian:bookworm-slim\nCOPY . .\n");
    String before = ContainerRunner.contentHash(dir);

    Files.writeString(
        dir.resolve("Dockerfile"),
        "FROM debian:bookworm-slim\nRUN apt-get install -y php-cli\nCOPY . .\n");
    String dockerfileChanged = ContainerRunner.contentHash(dir);
    assertThat(dockerfileChanged).as("only the Dockerfile changed").isNotEqualTo(before);

    Files.writeString(dir.resolve(".dockerignore"), "build/\n");
    assertThat(ContainerRunner.contentHash(dir))
        .as("a .dockerignore added")
        .isNotEqualTo(dockerfileChanged);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void dockerfile_isDebianBookwormSlim_andRunsWhatAdapterJsonSays(Path folder) throws IOException {
    AdapterManifest m = AdapterManifest.load(folder);
    List<String> lines = Files.readAllLines(folder.resolve("Dockerfile"));
    String text = String.join("\n", lines).replace("\\\n", " ");

    assertThat(lines).contains("FROM debian:bookworm-slim");
    assertThat(text).doesNotContainPattern("(?m)^FROM (?!debian:bookworm-slim$)");
    String cmd =
        lines.stream().filter(l -> l.startsWith("CMD ")).findFirst().orElseThrow().substring(4);
    JsonNode cmdArray = new ObjectMapper().readTree(cmd);
    List<String> words = new ArrayList<>();
    cmdArray.forEach(w -> words.add(w.asText()));
    assertThat(words).as("CMD is adapter.json's adapter").isEqualTo(m.adapter());
    for (List<String> step : m.build()) {
      String joined = String.join(" ", step);
      // A Dockerfile that cannot run the step word for word (Rust: offline, from Debian's
      // packaged crates) must say so on a line "# instead of: STEP (why)".
      if (!joined.startsWith("mkdir ")
          && lines.stream().noneMatch(l -> l.startsWith("# instead of: " + joined + " ("))) {
        assertThat(text.replaceAll(" +", " "))
            .as("the Dockerfile builds what adapter.json builds, or says what it runs instead")
            .contains(joined);
      }
    }
    assertThat(folder.resolve(".dockerignore")).content().contains("build/");
  }

  private static void requireEngine() {
    Availability a = ContainerRunner.engine();
    if (!a.available()) {
      if (CI) {
        fail("CI=true requires a container engine: " + a.detail());
      }
      Assumptions.abort(a.detail());
    }
  }

  /** A folder whose adapter is a bash script that misbehaves as told. */
  private static AdapterManifest bashAdapter(Path dir, String script) throws IOException {
    Files.writeString(
        dir.resolve("Dockerfile"),
        "FROM debian:bookworm-slim\nWORKDIR /sample\nCOPY . .\nCMD [\"bash\", \"adapter.sh\"]\n");
    Files.writeString(dir.resolve("adapter.sh"), script);
    return new AdapterManifest(
        dir,
        "fake",
        "Fake",
        List.of("bash", "--version"),
        "apt-get install -y bash",
        List.of(),
        List.of("bash", "adapter.sh"),
        List.of());
  }

  @Test
  void adapterThatWritesGarbage_isABrokenHarness_withTheContainersLog(@TempDir Path dir)
      throws IOException {
    requireEngine();
    AdapterManifest m =
        bashAdapter(dir, "echo 'fake adapter starting' >&2\necho 'Warning: not JSON'\nsleep 5\n");
    ContainerRunner runner = new ContainerRunner(line -> {}, line -> {});

    assertThatThrownBy(() -> runner.open(m))
        .isInstanceOfSatisfying(
            BrokenHarnessException.class,
            e -> {
              assertThat(e.getMessage())
                  .startsWith("container:fake: the adapter answered start (seq 0) with a line")
                  .contains("Warning: not JSON");
              assertThat(e.stderr()).contains("fake adapter starting");
            });
  }

  @Test
  void bridge_theContainersTokenIsAccepted_andTheAdapterDoesNotInheritIt(@TempDir Path dir)
      throws IOException {
    requireEngine();
    // lists its environment's names, reads start and answers a marker: proof that start came
    // through the bridge and the answer went back
    AdapterManifest m =
        bashAdapter(
            dir,
            "echo \"variables: $(env | cut -d= -f1 | tr '\\n' ' ')\" >&2\n"
                + "read -r start\necho 'bridged, not JSON'\nsleep 5\n");
    ContainerRunner runner = new ContainerRunner(line -> {}, line -> {});

    assertThatThrownBy(() -> runner.open(m))
        .isInstanceOfSatisfying(
            BrokenHarnessException.class,
            e -> {
              assertThat(e.getMessage())
                  .startsWith("container:fake: the adapter answered start (seq 0) with a line")
                  .contains("bridged, not JSON");
              assertThat(e.stderr()).contains("variables: ").contains("PATH");
              assertThat(e.stderr()).doesNotContain(BridgeListener.TOKEN_VARIABLE);
            });
  }

  @Test
  void adapterThatExits_isABrokenHarness_andTheImageIsReusedTheSecondTime(@TempDir Path dir)
      throws IOException {
    requireEngine();
    AdapterManifest m = bashAdapter(dir, "echo 'cannot load the signer' >&2\nexit 3\n");
    // a folder no earlier run has seen, so its image is built here first
    Files.writeString(dir.resolve("nonce"), java.util.UUID.randomUUID().toString());
    List<String> progress = new ArrayList<>();
    ContainerRunner runner = new ContainerRunner(line -> {}, progress::add);

    assertThatThrownBy(() -> runner.open(m))
        .isInstanceOfSatisfying(
            BrokenHarnessException.class,
            e -> {
              assertThat(e.getMessage()).contains("container:fake");
              assertThat(e.stderr()).contains("cannot load the signer");
            });
    assertThatThrownBy(() -> runner.open(m)).isInstanceOf(BrokenHarnessException.class);

    String image = ContainerRunner.imageName(m);
    try {
      assertThat(progress)
          .containsSubsequence(
              "building image " + image + " from " + dir + "/Dockerfile",
              "image " + image + " is current (reused)");
    } finally {
      org.testcontainers.DockerClientFactory.instance().client().removeImageCmd(image).exec();
    }
  }
}
