package dev.itk.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.itk.conformance.vectors.VectorSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each sample's own unit tests (the {@code test} commands of its {@code adapter.json}), run from
 * the kit's build so CI runs them too. With {@code CI=true} a missing runtime fails.
 */
class SampleOwnTestsTest {
  private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));

  static List<Path> samples() {
    return AdapterManifest.folders(VectorSet.repositoryRoot().resolve("polyglot-samples"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void ownTestsPass(Path folder) throws Exception {
    AdapterManifest m = AdapterManifest.load(folder);
    assertThat(m.test())
        .as("%s/adapter.json: every sample declares its own unit tests (\"test\")", folder)
        .isNotEmpty();
    Availability a = new ProcessRunner().availability(m);
    if (!a.available()) {
      if (CI) {
        fail("CI=true requires every runtime: " + a.detail());
      }
      Assumptions.abort(a.detail());
    }
    for (List<String> command : m.test()) {
      Path log = Files.createTempFile("itk-sample-test", ".log");
      Process p =
          new ProcessBuilder(command)
              .directory(folder.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      boolean done = p.waitFor(5, TimeUnit.MINUTES);
      if (!done) {
        p.destroyForcibly();
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      Files.delete(log);
      assertThat(done && p.exitValue() == 0)
          .as(
              "%s in %s exited %s:%n%s",
              command, folder, done ? p.exitValue() : "(timed out)", output)
          .isTrue();
    }
  }
}
