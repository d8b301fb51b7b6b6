package dev.itk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code itk stub} as a child process, the way a user runs it: the same main class the {@code
 * ./itk} launcher runs, on this test's class path, with stdout and stderr in files.
 */
final class ItkStubProcess implements AutoCloseable {
  private static final Pattern URL =
      Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+)/api/v1)\n");

  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final String banner;
  private final String baseUrl;

  private ItkStubProcess(Process process, Path stdout, Path stderr) throws Exception {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.banner = awaitOutput("Ctrl-C stops");
    Matcher url = URL.matcher(banner);
    assertThat(url.find()).as("banner:\n%s", banner).isTrue();
    this.baseUrl = url.group(1);
  }

  /** Starts {@code itk stub --port 0 ARGS...}, waits for its banner (at most 60 s). */
  static ItkStubProcess start(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), "dev.itk.cli.Itk", "stub"));
    command.addAll(List.of("--port", "0"));
    command.addAll(List.of(args));
    Path out = dir.resolve("stub-stdout.txt");
    Path err = dir.resolve("stub-stderr.txt");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    try {
      return new ItkStubProcess(p, out, err);
    } catch (Exception | AssertionError e) {
      p.destroyForcibly();
      throw e;
    }
  }

  /** What it printed before "Ctrl-C stops." and after. */
  String banner() {
    return banner;
  }

  /** E.g. {@code http://127.0.0.1:41234/api/v1}. */
  String baseUrl() {
    return baseUrl;
  }

  String stdout() throws IOException {
    return Files.readString(stdout);
  }

  String stderr() throws IOException {
    return Files.readString(stderr);
  }

  /** The output once it contains {@code marker} (at most 60 s). */
  String awaitOutput(String marker) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      String text = Files.readString(stdout);
      if (text.contains(marker)) {
        return text;
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "no \""
            + marker
            + "\" in the output of itk stub:\n"
            + Files.readString(stdout)
            + "\nstderr:\n"
            + Files.readString(stderr));
  }

  /** Sends SIGTERM, as Ctrl-C does, and waits for the exit (at most 30 s). */
  boolean stop() throws InterruptedException {
    process.destroy();
    return process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Kills it (SIGKILL: no shutdown hook runs) and waits for the exit (at most 30 s). */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
