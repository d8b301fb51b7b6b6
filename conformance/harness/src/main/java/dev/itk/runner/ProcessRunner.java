package dev.itk.runner;

import dev.itk.runner.internal.LineProtocolSession;
import dev.itk.runner.internal.StderrTail;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code process:LANG}: each adapter a child process of the harness, started once per run in its
 * folder, with the runtime found on {@code PATH}, and the harness's environment without {@link
 * #WITHHELD_VARIABLES}.
 */
public final class ProcessRunner implements Runner {
  /**
   * Variables of the harness's environment that no child process gets: {@code ITK_API_KEY}, the key
   * the {@code itk} CLI reads, which an adapter never needs (keys come in the protocol's messages)
   * and which a child could leak (docs/security.md#secrets). Matched ignoring case, as Windows
   * does.
   */
  static final Set<String> WITHHELD_VARIABLES = Set.of("ITK_API_KEY");

  private static final Duration RUNTIME_CHECK = Duration.ofSeconds(30);
  private static final Duration BUILD_STEP = Duration.ofMinutes(5);

  private final LineProtocolSession.Limits limits;
  private final Consumer<String> transcript;
  private final Map<String, String> environment;

  public ProcessRunner() {
    this(LineProtocolSession.Limits.DEFAULT, RunnerFactory.Sinks.NO_TRANSCRIPT);
  }

  /** A runner handing every protocol line exchanged to {@code transcript} (see below). */
  public ProcessRunner(Consumer<String> transcript) {
    this(LineProtocolSession.Limits.DEFAULT, transcript);
  }

  /**
   * A runner with other time limits, handing every protocol line sent ({@code "process:php >
   * {...}"}) and received ({@code "process:php < {...}"}) to {@code transcript}.
   */
  public ProcessRunner(LineProtocolSession.Limits limits, Consumer<String> transcript) {
    this(limits, transcript, System.getenv());
  }

  /** A runner whose children start from {@code environment} instead of the harness's own. */
  ProcessRunner(
      LineProtocolSession.Limits limits,
      Consumer<String> transcript,
      Map<String, String> environment) {
    this.limits = limits;
    this.transcript = transcript;
    this.environment = Map.copyOf(environment);
  }

  /** The environment a child starts with: {@code parent} without {@link #WITHHELD_VARIABLES}. */
  static Map<String, String> childEnvironment(Map<String, String> parent) {
    Map<String, String> child = new HashMap<>(parent);
    child.keySet().removeIf(name -> WITHHELD_VARIABLES.stream().anyMatch(name::equalsIgnoreCase));
    return child;
  }

  /** Every child process starts here: in {@code folder}, with {@link #childEnvironment}. */
  private ProcessBuilder child(List<String> command, Path folder) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
    builder.environment().clear();
    builder.environment().putAll(childEnvironment(environment));
    return builder;
  }

  @Override
  public String kind() {
    return "process";
  }

  @Override
  public Availability availability(AdapterManifest manifest) {
    String program = manifest.runtimeCommand().get(0);
    if (onPath(program).isEmpty()) {
      return Availability.no(program + " is not on PATH; install it with: " + manifest.install());
    }
    Run run;
    try {
      run = run(manifest.runtimeCommand(), manifest.folder(), RUNTIME_CHECK);
    } catch (IOException e) {
      return Availability.no(
          "cannot run " + String.join(" ", manifest.runtimeCommand()) + ": " + e.getMessage());
    }
    if (run.exitCode() != 0) {
      return Availability.no(
          String.join(" ", manifest.runtimeCommand())
              + " exited with "
              + run.exitCode()
              + "; install the runtime with: "
              + manifest.install());
    }
    String version =
        run.output().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    return Availability.yes(version);
  }

  @Override
  public AdapterSession open(AdapterManifest manifest) {
    String name = kind() + ":" + manifest.language();
    for (List<String> step : manifest.build()) {
      Run run;
      try {
        run = run(step, manifest.folder(), BUILD_STEP);
      } catch (IOException e) {
        throw new BrokenHarnessException(
            name + ": build step " + step + " could not start: " + e.getMessage(), "");
      }
      if (run.exitCode() != 0) {
        throw new BrokenHarnessException(
            name + ": build step " + step + " failed with exit status " + run.exitCode(),
            run.output());
      }
    }
    List<String> command = new ArrayList<>(manifest.adapter());
    command.set(0, onPath(command.get(0)).map(Path::toString).orElse(command.get(0)));
    Process process;
    try {
      process =
          child(command, manifest.folder()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    } catch (IOException e) {
      throw new BrokenHarnessException(
          name + ": the adapter " + manifest.adapter() + " could not start: " + e.getMessage(), "");
    }
    StderrTail stderr = StderrTail.drain(process.getErrorStream(), "itk-stderr-" + name);
    return LineProtocolSession.open(
        name,
        manifest.language(),
        "host (" + command.get(0) + ")",
        process.getOutputStream(),
        process.getInputStream(),
        stderr::text,
        new LineProtocolSession.Peer() {
          @Override
          public boolean awaitExit(Duration limit) {
            try {
              return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return false;
            }
          }

          @Override
          public void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            // What the adapter wrote to stderr before it was killed belongs in the report: let
            // the pump read to the end (a line written just before a bad answer was lost).
            try {
              process.waitFor(2, TimeUnit.SECONDS);
              stderr.awaitEnd(2_000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        },
        limits,
        transcript);
  }

  /** The executable named {@code program} on {@code PATH} (or the path itself when it has a /). */
  static Optional<Path> onPath(String program) {
    if (program.contains("/")) {
      Path p = Path.of(program);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private record Run(int exitCode, String output) {}

  private Run run(List<String> command, Path folder, Duration limit) throws IOException {
    List<String> resolved = new ArrayList<>(command);
    resolved.set(0, onPath(command.get(0)).map(Path::toString).orElse(command.get(0)));
    Process p =
        child(resolved, folder)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    StderrTail output = StderrTail.drain(p.getInputStream(), "itk-run-" + command.get(0));
    try {
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return new Run(-1, output.text() + "\n[killed after " + limit.toSeconds() + " s]");
      }
      output.awaitEnd(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return new Run(-1, output.text());
    }
    return new Run(p.exitValue(), output.text());
  }
}
