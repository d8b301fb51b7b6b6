package dev.itk.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itk.runner.internal.LineProtocolSession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The process runner against adapters that misbehave on purpose ({@code fake_adapter.py}): each
 * breach is a broken harness naming what went wrong, with the adapter's stderr; errors and skips
 * are answers, not breaches.
 */
class ProcessRunnerTest {
  private static final Path FAKES = FakeAdapters.FOLDER;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LineProtocolSession.Limits SHORT =
      new LineProtocolSession.Limits(
          Duration.ofSeconds(5),
          Duration.ofSeconds(5),
          Duration.ofSeconds(5),
          Duration.ofSeconds(2));

  private static AdapterManifest fake(String mode) {
    return FakeAdapters.manifest(mode);
  }

  private final ProcessRunner runner = new ProcessRunner(SHORT, line -> {});

  @Test
  void goodAdapter_startsAnswersAndStops() {
    try (AdapterSession s = runner.open(fake("good"))) {
      assertThat(s.info().runtime()).isEqualTo("Fake 1.0");
      assertThat(s.info().scenarios()).isEmpty();
      assertThat(s.sign("v1", JSON.createObjectNode()))
          .isEqualTo(new Answer.Skipped("fake adapters do not sign"));
      assertThat(s.stderr()).contains("fake adapter starting in mode good");
    }
  }

  @Test
  void erroredAnswer_isAnAnswer_notABreach() {
    try (AdapterSession s = runner.open(fake("errors"))) {
      assertThat(s.sign("v1", JSON.createObjectNode()))
          .isEqualTo(new Answer.Errored("HMAC key is empty", "trace"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "garbage-stdout | a line that is not JSON (only answers may go to stdout): Warning:",
        "wrong-seq | answered start (seq 0) with seq 1",
        "exits-at-start | closed its standard output (exited?) before answering start",
        "silent | did not answer start (seq 0) within 5 s",
        "wrong-language | says it is language \"other\" but its adapter.json says \"fake\"",
      })
  void brokenAtStart_isABrokenHarness_namingTheBreach(String mode, String message) {
    assertThatThrownBy(() -> runner.open(fake(mode)))
        .isInstanceOfSatisfying(
            BrokenHarnessException.class,
            e -> {
              assertThat(e.getMessage()).startsWith("process:fake: the adapter ").contains(message);
              assertThat(e.stderr()).contains("fake adapter starting in mode " + mode);
            });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "exits-on-sign | closed its standard output (exited?) before answering sign (seq 1)",
        "log-to-stdout | a line that is not JSON (only answers may go to stdout): signing v1",
        "two-answers-kinds | with 2 of result/skipped/errored; exactly one is required",
      })
  void brokenLater_isABrokenHarness_andTheSessionSendsNothingMore(String mode, String message) {
    try (AdapterSession s = runner.open(fake(mode))) {
      assertThatThrownBy(() -> s.sign("v1", JSON.createObjectNode()))
          .isInstanceOf(BrokenHarnessException.class)
          .hasMessageContaining(message);
      assertThatThrownBy(() -> s.sign("v2", JSON.createObjectNode()))
          .isInstanceOf(BrokenHarnessException.class)
          .hasMessageContaining("the adapter is broken; nothing more is sent");
    }
  }

  @Test
  void exitOnSign_keepsTheStderrForTheReport() {
    try (AdapterSession s = runner.open(fake("exits-on-sign"))) {
      assertThatThrownBy(() -> s.sign("v1", JSON.createObjectNode()))
          .isInstanceOfSatisfying(
              BrokenHarnessException.class,
              e -> assertThat(e.stderr()).contains("segfault in signer"));
    }
  }

  @Test
  void childEnvironment_dropsTheApiKey_inAnyCase_andKeepsTheRest() {
    Map<String, String> parent =
        Map.of("ITK_API_KEY", "k1", "itk_api_key", "k2", "PATH", "/usr/bin", "ITK_OTHER", "x");

    Map<String, String> child = ProcessRunner.childEnvironment(parent);

    assertThat(child).isEqualTo(Map.of("PATH", "/usr/bin", "ITK_OTHER", "x"));
    assertThat(parent).containsKey("ITK_API_KEY");
  }

  /**
   * The runtime check, each build step and the adapter start from the harness's environment without
   * ITK_API_KEY: the check and the build step fail (exit 3) when they see it, the adapter says
   * whether it does.
   */
  @Test
  void everyChild_startsWithoutTheApiKey_butWithTheRestOfTheEnvironment() {
    Map<String, String> parent = new HashMap<>(System.getenv());
    parent.put("ITK_API_KEY", "process-runner-test-key");
    parent.put("ITK_TEST_KEPT", "kept");
    ProcessRunner withKeyInEnvironment = new ProcessRunner(SHORT, line -> {}, parent);
    List<String> failIfTheKeyIsSeen =
        List.of(
            "python3",
            "-c",
            "import os, sys; print('Fake 1.0');"
                + " sys.exit(3 if 'ITK_API_KEY' in os.environ"
                + " or os.environ.get('ITK_TEST_KEPT') != 'kept' else 0)");
    AdapterManifest m =
        new AdapterManifest(
            FAKES,
            "fake",
            "Fake",
            failIfTheKeyIsSeen,
            "apt-get install -y python3",
            List.of(failIfTheKeyIsSeen),
            List.of("python3", "fake_adapter.py", "environment"),
            List.of());

    Availability a = withKeyInEnvironment.availability(m);
    assertThat(a.available()).as(a.detail()).isTrue();
    try (AdapterSession s = withKeyInEnvironment.open(m)) {
      assertThat(s.sign("v1", JSON.createObjectNode())).isInstanceOf(Answer.Skipped.class);
      assertThat(s.stderr())
          .contains("ITK_API_KEY: not set\n", "ITK_TEST_KEPT: kept\n")
          .doesNotContain("process-runner-test-key");
    }
  }

  @Test
  void missingRuntime_isUnavailable_withTheInstallCommand() {
    AdapterManifest m =
        new AdapterManifest(
            FAKES,
            "fake",
            "Fake",
            List.of("no-such-runtime-xyz", "--version"),
            "apt-get install -y xyz",
            List.of(),
            List.of("no-such-runtime-xyz"),
            List.of());

    Availability a = runner.availability(m);

    assertThat(a.available()).isFalse();
    assertThat(a.detail())
        .isEqualTo("no-such-runtime-xyz is not on PATH; install it with: apt-get install -y xyz");
  }

  @Test
  void presentRuntime_isAvailable_withItsVersionLine() {
    Availability a = runner.availability(fake("good"));

    assertThat(a.available()).isTrue();
    assertThat(a.detail()).startsWith("Python 3.");
  }

  @Test
  void failedBuild_isABrokenHarness_withTheBuildOutput() {
    AdapterManifest m =
        new AdapterManifest(
            FAKES,
            "fake",
            "Fake",
            List.of("python3", "--version"),
            "apt-get install -y python3",
            List.of(
                List.of(
                    "python3", "-c", "import sys; print('compile error: x.cs(3)'); sys.exit(2)")),
            List.of("python3", "fake_adapter.py", "good"),
            List.of());

    assertThatThrownBy(() -> runner.open(m))
        .isInstanceOfSatisfying(
            BrokenHarnessException.class,
            e -> {
              assertThat(e.getMessage()).contains("failed with exit status 2");
              assertThat(e.stderr()).contains("compile error: x.cs(3)");
            });
  }
}
