package dev.itk.conformance;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a command a test needs. A missing command FAILS the test (never skips it): the kit's checks
 * must not go green by doing less. {@code .ci/run} installs every command named here.
 */
public final class ExternalTools {
  private ExternalTools() {}

  public static Path require(String command, String why) {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir, command);
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return fail(
        "'%s' is not on PATH, and this test needs it %s. Install it (on Debian: apt-get install"
            + " %s), or run .ci/run, which does.",
        command, why, command.equals("python3") ? "python3" : command);
  }
}
