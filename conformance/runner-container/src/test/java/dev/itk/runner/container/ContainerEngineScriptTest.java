package dev.itk.runner.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.conformance.vectors.VectorSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/container-engine} starting and restarting podman's service, with a stand-in for
 * podman (it answers the two calls the script makes) and every path the script uses in a temporary
 * folder ({@code ITK_CONTAINER_ENGINE_SANDBOX}), so the machine's own engine is never touched.
 * {@code .ci/run} runs the script inside {@code $(...)}: it must return once the service answers,
 * which a CI run that hung for 90 minutes showed it did not. The script, like these checks of the
 * service's working directory and environment in /proc, is for Linux.
 */
@EnabledOnOs(OS.LINUX)
class ContainerEngineScriptTest {
  private static final Path SCRIPT = VectorSet.repositoryRoot().resolve("scripts/container-engine");
  private static final Path CONF = SCRIPT.resolveSibling("podman-containers.conf");

  /** Answers GET /_ping with OK and GET /images/NAME/json with 200, on the socket it is given. */
  private static final String FAKE_PODMAN =
      """
      #!/usr/bin/env python3
      import os, socketserver, sys
      from http.server import BaseHTTPRequestHandler
      if sys.argv[1:3] != ["system", "service"]:
          sys.exit("this stand-in only runs: podman system service --time=0 unix://PATH")
      path = sys.argv[-1][len("unix://"):]
      class Handler(BaseHTTPRequestHandler):
          def do_GET(self):
              found = self.path == "/_ping" or (
                  self.path.startswith("/images/") and self.path.endswith("/json"))
              body = b"OK" if self.path == "/_ping" else b"{}"
              self.send_response(200 if found else 404)
              self.send_header("Content-Length", str(len(body)))
              self.end_headers()
              self.wfile.write(body)
          def log_message(self, *args):
              pass
      class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
          daemon_threads = True
          def get_request(self):
              return self.socket.accept()[0], ("local", 0)
      if os.path.exists(path):
          os.unlink(path)
      Server(path, Handler).serve_forever()
      """;

  @TempDir Path dir;
  private Path bin;
  private Path sandbox;
  private Path socket;
  private Path confCopy;

  @BeforeEach
  void standIns() throws IOException {
    bin = Files.createDirectories(dir.resolve("bin"));
    sandbox = Files.createDirectories(dir.resolve("sandbox"));
    // Where the script puts them under ITK_CONTAINER_ENGINE_SANDBOX.
    socket = sandbox.resolve("podman.sock");
    confCopy = sandbox.resolve("podman-containers.conf");
    executable("podman", FAKE_PODMAN);
    executable("runc", "#!/bin/sh\nexit 0\n");
    executable(
        "debootstrap", "#!/bin/sh\necho 'not expected: the stand-in has the image' >&2\nexit 1\n");
    // Where the tests run as another user than root, the script's sudo runs the command as is.
    executable("sudo", "#!/bin/sh\nexec \"$@\"\n");
  }

  @AfterEach
  void stopServices() {
    for (ProcessHandle p : services()) {
      p.destroyForcibly();
      p.onExit().orTimeout(10, TimeUnit.SECONDS).join();
    }
  }

  @Test
  void startsTheServiceFromTheRoot_andReturnsInsideACommandSubstitution() throws Exception {
    Run run = runInsideCommandSubstitution();

    assertThat(run.finished())
        .as(
            "scripts/container-engine returned inside $(...) within 60 s; if not, something it"
                + " started in the background holds the substitution's pipe open. stderr:%n%s",
            run.stderr())
        .isTrue();
    assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.stderr()).isZero();
    assertThat(run.stderr()).contains("starting podman system service");
    assertThat(run.stdout()).contains("export DOCKER_HOST=unix://" + socket);
    List<ProcessHandle> services = services();
    assertThat(services).as("services on the sandbox's socket").hasSize(1);
    assertStartedFromTheRootWithItsOwnConfiguration(services.get(0));
  }

  @Test
  void restartsAServiceLeftRunningFromADeletedDirectory() throws Exception {
    Files.copy(CONF, confCopy);
    Path doomed = Files.createDirectories(dir.resolve("deleted-checkout"));
    ProcessBuilder pb =
        new ProcessBuilder(
                bin.resolve("podman").toString(),
                "system",
                "service",
                "--time=0",
                "unix://" + socket)
            .directory(doomed.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("old-service.log").toFile());
    pb.environment().put("CONTAINERS_CONF", confCopy.toString());
    Process old = pb.start();
    for (int i = 0; i < 100 && !Files.exists(socket); i++) {
      Thread.sleep(100);
    }
    assertThat(socket).as("the old service's socket").exists();
    Files.delete(doomed);

    Run run = runInsideCommandSubstitution();

    assertThat(run.finished()).as("returned within 60 s; stderr:%n%s", run.stderr()).isTrue();
    assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.stderr()).isZero();
    assertThat(run.stderr())
        .contains("runs from " + doomed + " (deleted)")
        .contains("restarting it")
        .contains("starting podman system service");
    assertThat(old.waitFor(10, TimeUnit.SECONDS)).as("the old service was stopped").isTrue();
    List<ProcessHandle> services = services();
    assertThat(services).as("services on the sandbox's socket").hasSize(1);
    assertThat(services.get(0).pid()).isNotEqualTo(old.pid());
    assertStartedFromTheRootWithItsOwnConfiguration(services.get(0));
  }

  private void assertStartedFromTheRootWithItsOwnConfiguration(ProcessHandle service)
      throws IOException {
    Path proc = Path.of("/proc", Long.toString(service.pid()));
    assertThat(Files.readSymbolicLink(proc.resolve("cwd")))
        .as("the service's working directory, which must outlive any checkout")
        .isEqualTo(Path.of("/"));
    String environ =
        new String(Files.readAllBytes(proc.resolve("environ")), StandardCharsets.UTF_8);
    assertThat(List.of(environ.split("\0"))).contains("CONTAINERS_CONF=" + confCopy);
    assertThat(confCopy).hasSameTextualContentAs(CONF);
  }

  private record Run(boolean finished, int exitCode, String stdout, String stderr) {}

  /** The script the way .ci/run calls it: {@code eval "$(scripts/container-engine ...)"}. */
  private Run runInsideCommandSubstitution() throws Exception {
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    ProcessBuilder pb =
        new ProcessBuilder(
                "bash",
                "-c",
                "env_lines=\"$(\"$0\" --no-pull --print-env)\"; printf '%s\\n' \"$env_lines\"",
                SCRIPT.toString())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    Map<String, String> env = pb.environment();
    env.remove("DOCKER_HOST");
    env.put("PATH", bin + ":" + env.get("PATH"));
    env.put("ITK_CONTAINER_ENGINE_SANDBOX", sandbox.toString());
    Process p = pb.start();
    boolean finished = p.waitFor(60, TimeUnit.SECONDS);
    if (!finished) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    return new Run(
        finished, finished ? p.exitValue() : -1, Files.readString(out), Files.readString(err));
  }

  /** The stand-in services listening on this test's socket. */
  private List<ProcessHandle> services() {
    String address = "unix://" + socket;
    return ProcessHandle.allProcesses()
        .filter(
            p -> {
              String cmd = p.info().commandLine().orElse("");
              return cmd.contains("system service") && cmd.endsWith(address);
            })
        .toList();
  }

  private void executable(String name, String text) throws IOException {
    Path file = bin.resolve(name);
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
