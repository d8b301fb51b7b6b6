package dev.itk.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

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

  /**
   * The base64 HMAC-SHA512 of {@code message} under the key text {@code key} (its UTF-8 bytes),
   * computed by OpenSSL: an expectation from outside the kit's code.
   */
  public static String opensslHmacSha512(String key, byte[] message) {
    require("openssl", "to recompute HMAC-SHA512 independently");
    String hexKey = HexFormat.of().formatHex(key.getBytes(StandardCharsets.UTF_8));
    ProcessResult r =
        ProcessResult.run(
            List.of(
                "openssl",
                "dgst",
                "-sha512",
                "-mac",
                "HMAC",
                "-macopt",
                "hexkey:" + hexKey,
                "-binary"),
            Path.of(System.getProperty("java.io.tmpdir")),
            message,
            30);
    assertThat(r.exitCode()).as("openssl exit code; stderr: %s", r.stderr()).isZero();
    return Base64.getEncoder().encodeToString(r.stdout());
  }
}
