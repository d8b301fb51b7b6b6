package dev.itk.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itk.client.IssuetrakApiException;
import dev.itk.client.IssuetrakClient;
import dev.itk.conformance.ExternalTools;
import dev.itk.signing.ApiKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as a user gets it: unpacked in a temporary folder outside the checkout and
 * run by {@code bin/itk} with a PATH that holds only a JDK and the samples' runtimes (no Maven, no
 * {@code ~/.m2}: HOME is an empty folder), from a working folder of its own. Expectations come from
 * the checkout's fixtures (the independent generators' output), never from the kit's code.
 */
class ReleaseArchiveIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CHECKOUT = Path.of(System.getProperty("itk.root")).toAbsolutePath();
  private static final String VERSION = System.getProperty("itk.version");

  @TempDir static Path tmp;
  static Path home;
  static Path tools;
  static Path userHome;
  static Path work;

  @BeforeAll
  static void unpack() throws IOException {
    Path archive = Path.of(System.getProperty("itk.archive"));
    assertThat(archive).as("the archive ./mvnw package makes").isRegularFile();
    assertThat(tmp.startsWith(CHECKOUT)).as("unpacked outside the checkout").isFalse();
    Result unpacked = tar("-xzf", archive.toString(), "-C", tmp.toString());
    assertThat(unpacked.exitCode()).as(unpacked.describe()).isZero();
    home = tmp.resolve("itk-" + VERSION);
    tools = Files.createDirectories(tmp.resolve("tools"));
    userHome = Files.createDirectories(tmp.resolve("home"));
    work = Files.createDirectories(tmp.resolve("work"));
    // What bin/itk and the three samples need, and nothing else: no mvn, no mvnw.
    Path javaHome = Path.of(System.getProperty("java.home"));
    link("java", javaHome.resolve("bin/java"));
    link("javac", javaHome.resolve("bin/javac"));
    link("jar", javaHome.resolve("bin/jar"));
    link("node", ExternalTools.require("node", "to run the Node sample from the archive"));
    link("python3", realPython());
    for (String command : List.of("bash", "dirname", "readlink", "sed")) {
      link(command, ExternalTools.require(command, "for bin/itk"));
    }
  }

  @Test
  void theArchiveHoldsTheKitAndNoBuildOutput() throws IOException {
    Result listing = tar("-tzf", System.getProperty("itk.archive"));
    assertThat(listing.exitCode()).as(listing.describe()).isZero();
    Set<String> tarEntries = new TreeSet<>();
    listing.stdout().lines().filter(e -> !e.endsWith("/")).forEach(tarEntries::add);
    Set<String> zipEntries = new TreeSet<>();
    try (ZipInputStream zip =
        new ZipInputStream(Files.newInputStream(Path.of(System.getProperty("itk.archive.zip"))))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (!e.isDirectory()) {
          zipEntries.add(e.getName());
        }
      }
    }
    assertThat(zipEntries).as("the .zip holds the same files as the .tar.gz").isEqualTo(tarEntries);

    assertThat(home.resolve("bin/itk")).isExecutable();
    assertThat(home.resolve("bin/itk.cmd")).isRegularFile();
    assertThat(home.resolve("lib/itk-cli-" + VERSION + ".jar")).isRegularFile();
    assertThat(home.resolve("lib/embedded/README.md")).isRegularFile();
    assertThat(home.resolve("fixtures/generate")).isExecutable();
    for (String f :
        List.of(
            "README.md",
            "docs/install.md",
            "fixtures/scenarios.json",
            // fixtures/generate reads it to build the fuzz family (docs/vectors.md)
            "fixtures/fuzz-findings.json",
            "fixtures/schema/vectors.schema.json",
            "fixtures/schema/runner-protocol.schema.json",
            "fixtures/schema/scenarios.schema.json",
            "polyglot-samples/python/adapter.json",
            "polyglot-samples/php/adapter.json")) {
      assertThat(home.resolve(f)).as(f).isRegularFile();
    }
    assertThat(tarEntries)
        .as("no build output of the samples and no GraalVM (lib/embedded/README.md says how)")
        .noneMatch(e -> e.contains("/build/") || e.endsWith(".class") || e.contains("__pycache__"))
        .noneMatch(e -> e.contains("polyglot-") && e.endsWith(".jar"))
        .noneMatch(e -> e.contains("truffle"));
  }

  @Test
  void theVectorsAreTheCheckoutsBytes() throws IOException {
    Path ours = CHECKOUT.resolve("fixtures/vectors");
    List<String> names;
    try (Stream<Path> files = Files.list(ours)) {
      names = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(names).contains("SHA256SUMS");
    for (String name : names) {
      assertThat(Files.mismatch(ours.resolve(name), home.resolve("fixtures/vectors").resolve(name)))
          .as(name)
          .isEqualTo(-1L);
    }
    try (Stream<Path> files = Files.list(home.resolve("fixtures/vectors"))) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(names);
    }
  }

  @Test
  void conformanceChecksTheShippedSamplesAndWritesFourReports() throws IOException {
    Path report = work.resolve("report");

    Result r =
        itk(
            300,
            "conformance",
            "--runner",
            "process",
            "--require-all",
            "--only",
            "python,node,java",
            "--report",
            "report");

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stdout()).contains("PASSED");
    for (String f : List.of("conformance.json", "junit.xml", "summary.md", "report.html")) {
      assertThat(report.resolve(f)).as(f).isNotEmptyFile();
    }
    String json = Files.readString(report.resolve("conformance.json"));
    assertThat(json)
        .as("the run read the archive's samples, not the checkout's")
        .doesNotContain(CHECKOUT.toString());
    JsonNode tree = JSON.readTree(json);
    assertThat(tree.toString()).contains("process:python", "process:node", "process:java");
  }

  @Test
  void theStubServesASignedRequestAndWritesItsRecordOnSigterm() throws Exception {
    String key = "a key the archive's stub is started with";
    Path keyFile = Files.writeString(work.resolve("stub.key"), key);
    Path record = work.resolve("stub-record.jsonl");
    Process stub =
        start(
            "stub", "--port", "0", "--key-file", keyFile.toString(), "--record", record.toString());
    try {
      int port = awaitPort(stub);
      String base = "http://127.0.0.1:" + port + "/api/v1";

      var issue =
          IssuetrakClient.builder().baseUrl(base).apiKey(ApiKey.of(key)).build().getIssue(1, false);
      assertThat(issue.status()).isEqualTo(200);
      assertThatThrownBy(
              () ->
                  IssuetrakClient.builder()
                      .baseUrl(base)
                      .apiKey(ApiKey.of("another key"))
                      .build()
                      .getIssue(1, false))
          .isInstanceOfSatisfying(
              IssuetrakApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    } finally {
      stub.destroy(); // SIGTERM
    }
    assertThat(stub.waitFor(30, TimeUnit.SECONDS)).as("the stub stops on SIGTERM").isTrue();
    // docs/stub.md#the-record-file: a header line, one line per request, and the end line a
    // clean stop adds.
    List<String> lines = Files.readAllLines(record);
    assertThat(lines).hasSize(4);
    assertThat(JSON.readTree(lines.get(1)).path("verdict").asText()).isEqualTo("valid");
    assertThat(JSON.readTree(lines.get(2)).path("verdict").asText()).isEqualTo("bad-signature");
    assertThat(JSON.readTree(lines.get(3)).path("end").path("written").asInt()).isEqualTo(2);
  }

  @Test
  void diagnoseNamesTheGeneratorsMistake() throws IOException {
    JsonNode cases = JSON.readTree(CHECKOUT.resolve("fixtures/diagnosis/cases.json").toFile());
    JsonNode c = null;
    for (JsonNode candidate : cases.path("cases")) {
      if (candidate.path("id").asText().equals("path-not-lowercased-01")) {
        c = candidate;
      }
    }
    assertThat(c).as("the generator's case path-not-lowercased-01").isNotNull();
    JsonNode request = c.path("request");
    StringBuilder raw = new StringBuilder();
    raw.append(request.path("method").asText())
        .append(' ')
        .append(request.path("path").asText())
        .append(" HTTP/1.1\r\n");
    for (JsonNode h : request.path("headers")) {
      raw.append(h.get(0).asText()).append(": ").append(h.get(1).asText()).append("\r\n");
    }
    raw.append("\r\n").append(request.path("body").asText());
    Path capture = Files.writeString(work.resolve("refused.http"), raw.toString());
    Path keyFile = Files.writeString(work.resolve("diagnose.key"), c.path("key").asText());

    Result r =
        itk(
            60,
            "diagnose",
            "--json",
            "--key-file",
            keyFile.toString(),
            "--now",
            c.path("now").asText(),
            "--request-file",
            capture.toString());

    assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
    JsonNode d = JSON.readTree(r.stdout());
    assertThat(d.path("code").asText()).isEqualTo(c.path("expected").path("code").asText());
    List<String> causes = new ArrayList<>();
    d.path("causes").forEach(x -> causes.add(x.path("id").asText()));
    List<String> expected = new ArrayList<>();
    c.path("expected").path("causes").forEach(x -> expected.add(x.asText()));
    assertThat(causes).isEqualTo(expected).isNotEmpty();
  }

  @Test
  void signReproducesTheGeneratorsSignature() throws IOException {
    JsonNode v =
        JSON.readTree(CHECKOUT.resolve("fixtures/vectors/seed.json").toFile())
            .path("vectors")
            .get(0);
    JsonNode in = v.path("input");
    Path keyFile = Files.writeString(work.resolve("sign.key"), in.path("key").asText());

    Result r =
        itk(
            60,
            "sign",
            "--json",
            "--key-file",
            keyFile.toString(),
            "--method",
            in.path("method").asText(),
            "--path",
            in.path("path").asText(),
            "--query",
            in.path("query").asText(),
            "--request-id",
            in.path("requestId").asText(),
            "--timestamp",
            in.path("timestamp").asText());

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stdout()).contains(v.path("expected").path("signature").asText());
  }

  @Test
  void versionNamesTheKitAndTheVectors() throws IOException {
    String vectors = Files.readString(CHECKOUT.resolve("fixtures/vectors/VERSION")).strip();

    Result r = itk(30, "--version");

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stdout().lines().toList())
        .hasSize(3)
        .startsWith("itk " + VERSION, "vectors " + vectors + " (format 2)");
    assertThat(r.stdout().lines().toList().get(2)).startsWith("vectors manifest sha256:");
  }

  @Test
  void withoutTheLauncherTheCliSaysWhereTheKitIsMissing() {
    // The jars run by hand from a folder with no fixtures/ above it, without bin/itk's itk.root.
    List<String> command =
        List.of(
            tools.resolve("java").toString(),
            "-cp",
            home.resolve("lib").toString() + "/*",
            "dev.itk.cli.Itk",
            "conformance",
            "--only",
            "python");
    Result r = run(command, work, environment(), 60);

    assertThat(r.exitCode()).as(r.describe()).isEqualTo(2);
    assertThat(r.stderr())
        .startsWith("itk conformance: cannot find fixtures/vectors above " + work)
        .contains("bin/itk")
        .doesNotContain("Exception");
  }

  @Test
  void theEmbeddedRunnerIsMissingUntilItsJarsAreAdded() {
    Result r = itk(60, "conformance", "--runner", "embedded", "--only", "python");

    assertThat(r.exitCode()).as(r.describe()).isEqualTo(2);
    assertThat(r.stderr()).contains("embedded").contains("lib/embedded/README.md");
  }

  @Test
  void theEmbeddedRunnerWorksOnceLibEmbeddedIsFilledAsItsReadmeSays() throws IOException {
    // A second copy: filling lib/embedded must not change what the other tests see.
    Path copy = Files.createDirectories(tmp.resolve("embedded-copy"));
    Result unpacked = tar("-xzf", System.getProperty("itk.archive"), "-C", copy.toString());
    assertThat(unpacked.exitCode()).as(unpacked.describe()).isZero();
    Path kit = copy.resolve("itk-" + VERSION);
    // lib/embedded/README.md's command, with this checkout's Maven wrapper, offline: the build
    // that made the archive has already resolved GraalVM's jars.
    Map<String, String> mavenEnv = new java.util.HashMap<>(System.getenv());
    mavenEnv.put("JAVA_HOME", System.getProperty("java.home"));
    Result filled =
        run(
            List.of(
                CHECKOUT.resolve("mvnw").toString(),
                "-q",
                "-B",
                "-o",
                "-f",
                kit.resolve("lib/embedded/pom.xml").toString(),
                "package"),
            kit,
            mavenEnv,
            300);
    assertThat(filled.exitCode()).as(filled.describe()).isZero();
    assertThat(kit.resolve("lib/embedded/polyglot-" + graalVmVersion() + ".jar")).isRegularFile();

    List<String> command =
        List.of(
            kit.resolve("bin/itk").toString(),
            "conformance",
            "--runner",
            "embedded",
            "--require-all",
            "--only",
            "python,node",
            "--report",
            "embedded-report");
    Result r = run(command, work, environment(), 300);

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stdout()).contains("embedded:python", "embedded:javascript", "PASSED");
  }

  /** The GraalVM version lib/embedded/pom.xml names: the one the build used. */
  private static String graalVmVersion() {
    return System.getProperty("itk.graalvm.version");
  }

  // --- running bin/itk -------------------------------------------------------------------------

  private static Map<String, String> environment() {
    return Map.of(
        "PATH", tools.toString(),
        "HOME", userHome.toString(),
        "LANG", "C.UTF-8",
        "TMPDIR", tmp.toString());
  }

  /** The archive's {@code bin/itk} with {@code args}. */
  private static List<String> itkCommand(String... args) {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/itk").toString());
    command.addAll(List.of(args));
    return command;
  }

  private static Result itk(long timeoutSeconds, String... args) {
    return run(itkCommand(args), work, environment(), timeoutSeconds);
  }

  /** The system {@code tar} with {@code args}, as a user unpacks or lists the archive. */
  private static Result tar(String... args) {
    List<String> command = new ArrayList<>();
    command.add(
        ExternalTools.require("tar", "to unpack the release archive as a user would").toString());
    command.addAll(List.of(args));
    return run(command, tmp, Map.of("PATH", System.getenv("PATH")), 60);
  }

  private static Process start(String... args) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(itkCommand(args)).directory(work.toFile());
    pb.environment().clear();
    pb.environment().putAll(environment());
    pb.redirectErrorStream(true);
    return pb.start();
  }

  /** Reads the stub's output up to its {@code port:} line. */
  private static int awaitPort(Process stub) throws IOException {
    Pattern portLine = Pattern.compile("^\\s*port:\\s+(\\d+)");
    StringBuilder seen = new StringBuilder();
    InputStream in = stub.getInputStream();
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        seen.append(line).append('\n');
        Matcher m = portLine.matcher(line);
        if (m.find()) {
          // Keep draining, so the stub never blocks on a full pipe.
          CompletableFuture.runAsync(() -> drain(in));
          return Integer.parseInt(m.group(1));
        }
        line.setLength(0);
      } else {
        line.append((char) b);
      }
    }
    throw new AssertionError("the stub ended before printing its port; its output:\n" + seen);
  }

  private static void drain(InputStream in) {
    try (in) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException ignored) {
      // the stub ended
    }
  }

  private static void link(String name, Path target) throws IOException {
    Files.createSymbolicLink(tools.resolve(name), target.toRealPath());
  }

  /** The real interpreter behind python3 (a pyenv shim would need pyenv on PATH). */
  private static Path realPython() {
    Path python3 = ExternalTools.require("python3", "to run the Python sample from the archive");
    Result r =
        run(
            List.of(python3.toString(), "-c", "import sys; print(sys.executable)"),
            tmp,
            Map.of("PATH", System.getenv("PATH"), "HOME", System.getProperty("user.home")),
            30);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return Path.of(r.stdout().strip());
  }

  record Result(List<String> command, int exitCode, String stdout, String stderr) {
    String describe() {
      return String.join(" ", command)
          + " exited "
          + exitCode
          + "\n--- stdout\n"
          + stdout
          + "\n--- stderr\n"
          + stderr;
    }
  }

  private static Result run(
      List<String> command, Path dir, Map<String, String> env, long timeoutSeconds) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
      pb.environment().clear();
      pb.environment().putAll(env);
      Process p = pb.start();
      p.getOutputStream().close();
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
      }
      return new Result(command, p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + command, e);
    }
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
