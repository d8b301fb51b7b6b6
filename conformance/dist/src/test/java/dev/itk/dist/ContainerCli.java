package dev.itk.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The container engine's command line through {@code scripts/container-cli}, the way {@code
 * scripts/build-image} drives it: podman here, docker elsewhere, with the same settings.
 */
final class ContainerCli {
  private final Path root;
  private final Path scratch;
  private final String engine;

  /** What a command did: its exit code and its output. */
  record Result(List<String> command, int exitCode, String out, String err) {
    boolean ok() {
      return exitCode == 0;
    }

    /** For assertion messages: the command, its exit code, its output. */
    String describe() {
      return String.join(" ", command)
          + "\nexit "
          + exitCode
          + "\nstdout:\n"
          + out
          + "\nstderr:\n"
          + err;
    }
  }

  private ContainerCli(Path root, Path scratch, String engine) {
    this.root = root;
    this.scratch = scratch;
    this.engine = engine;
  }

  /**
   * The engine {@code scripts/container-cli --which} names, or a result saying why there is none.
   */
  static Result which(Path root, Path scratch) throws IOException, InterruptedException {
    return run(root, scratch, Duration.ofSeconds(30), List.of(script(root), "--which"), Map.of());
  }

  static ContainerCli of(Path root, Path scratch, String engine) {
    return new ContainerCli(root, scratch, engine);
  }

  /** {@code podman} or {@code docker}. */
  String engine() {
    return engine;
  }

  /** Runs {@code scripts/container-cli ARGS...}, at most {@code timeout}. */
  Result cli(Duration timeout, String... args) throws IOException, InterruptedException {
    return cli(Map.of(), timeout, args);
  }

  /**
   * Runs {@code scripts/container-cli ARGS...} with {@code environment} added to its own, for
   * {@code -e NAME}: the value reaches the container without being on a command line.
   */
  Result cli(Map<String, String> environment, Duration timeout, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(script(root));
    command.addAll(List.of(args));
    return run(root, scratch, timeout, command, environment);
  }

  /** Runs any command in the repository's root, at most {@code timeout}. */
  Result command(Duration timeout, List<String> command) throws IOException, InterruptedException {
    return run(root, scratch, timeout, command, Map.of());
  }

  private static String script(Path root) {
    return root.resolve("scripts/container-cli").toString();
  }

  private static Result run(
      Path root,
      Path scratch,
      Duration timeout,
      List<String> command,
      Map<String, String> environment)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(scratch, "out", ".txt");
    Path err = Files.createTempFile(scratch, "err", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().remove("ITK_API_KEY"); // never the caller's key; a test passes its own
    pb.environment().putAll(environment);
    Process p = pb.start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      return new Result(
          command,
          -1,
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8) + "\n(killed after " + timeout + ")");
    }
    return new Result(
        command,
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
