package dev.itk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.conformance.vectors.VectorSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./itk} launcher, copied into a folder where {@code mvnw} and {@code java} are
 * stand-ins that say which variables they see: the build of the CLI runs without ITK_API_KEY, the
 * CLI with.
 */
class ItkLauncherTest {
  private static final String REPORT =
      "#!/bin/sh\n"
          + "{ if [ -n \"${ITK_API_KEY+set}\" ]; then echo 'ITK_API_KEY: set';"
          + " else echo 'ITK_API_KEY: not set'; fi\n"
          + "  echo \"ITK_TEST_KEPT: ${ITK_TEST_KEPT-not set}\"; } > \"$ITK_TEST_SEEN/%s\"\n";

  @TempDir Path root;

  @Test
  void build_runsWithoutTheApiKey_theCliWithIt() throws Exception {
    Files.copy(VectorSet.repositoryRoot().resolve("itk"), root.resolve("itk"));
    Files.writeString(root.resolve("pom.xml"), "");
    Files.createDirectories(root.resolve("core-java"));
    Path target = Files.createDirectories(root.resolve("conformance/cli/target"));
    Path seen = Files.createDirectories(root.resolve("seen"));
    executable(
        root.resolve("mvnw"),
        REPORT.formatted("maven") + "touch \"" + target.resolve("itk.classpath") + "\"\n");
    Path jdk = root.resolve("jdk");
    executable(
        Files.createDirectories(jdk.resolve("bin")).resolve("java"), REPORT.formatted("cli"));

    ProcessBuilder pb =
        new ProcessBuilder("bash", root.resolve("itk").toString(), "sign")
            .redirectErrorStream(true)
            .redirectOutput(root.resolve("output.txt").toFile());
    Map<String, String> env = pb.environment();
    env.put("ITK_API_KEY", "launcher-test-key");
    env.put("ITK_TEST_KEPT", "kept");
    env.put("ITK_TEST_SEEN", seen.toString());
    env.put("JAVA_HOME", jdk.toString());
    env.remove("ITK_JAVA_OPTS");
    Process p = pb.start();

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher ended").isTrue();
    assertThat(p.exitValue())
        .as("output: %s", Files.readString(root.resolve("output.txt")))
        .isZero();
    assertThat(Files.readString(seen.resolve("maven")))
        .isEqualTo("ITK_API_KEY: not set\nITK_TEST_KEPT: kept\n");
    assertThat(Files.readString(seen.resolve("cli")))
        .isEqualTo("ITK_API_KEY: set\nITK_TEST_KEPT: kept\n");
  }

  private static void executable(Path file, String text) throws IOException {
    Files.writeString(file, text);
    assertThat(file.toFile().setExecutable(true)).isTrue();
  }
}
