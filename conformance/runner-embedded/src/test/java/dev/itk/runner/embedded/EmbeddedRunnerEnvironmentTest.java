package dev.itk.runner.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itk.runner.AdapterManifest;
import dev.itk.runner.AdapterSession;
import dev.itk.runner.Answer;
import dev.itk.runner.FakeAdapters;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Code the embedded runner runs sees none of the harness's environment, so not ITK_API_KEY either
 * (the JVM's own environment cannot be changed from a test: PATH stands for it).
 */
class EmbeddedRunnerEnvironmentTest {
  @Test
  void python_seesNoEnvironmentVariable() {
    assertThat(System.getenv("PATH")).as("the harness has a PATH to hide").isNotNull();
    AdapterManifest m =
        new AdapterManifest(
            FakeAdapters.FOLDER.resolve("embedded-environment"),
            "python",
            "Python",
            List.of("python3", "--version"),
            "apt-get install -y python3",
            List.of(),
            List.of("python3", "adapter.py"),
            List.of());

    try (AdapterSession s = new EmbeddedRunner(line -> {}).open(m)) {
      assertThat(s.sign("v1", new ObjectMapper().createObjectNode()))
          .isInstanceOf(Answer.Skipped.class);
      String stderr = s.stderr();
      assertThat(stderr).contains("PATH: not set\n", "ITK_API_KEY: not set\n");
      List<String> names =
          stderr
              .lines()
              .filter(l -> l.startsWith("variable names: "))
              .flatMap(l -> Arrays.stream(l.substring(16).split(",")))
              .filter(name -> !name.isEmpty())
              .toList();
      assertThat(names)
          .as("GraalPy's own variables only, none of the harness's")
          .doesNotContainAnyElementsOf(System.getenv().keySet());
    }
  }
}
