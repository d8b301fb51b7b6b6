package dev.itk.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.itk.signing.ApiKey;
import dev.itk.signing.CanonicalMessage;
import dev.itk.signing.RequestSigner;
import dev.itk.signing.SignedRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The container image, built from the release archive ({@code itk.archive}) by {@code
 * scripts/build-image}, does what docs/image.md says: the stub in it, on the host network with a
 * mounted key file, answers a signed request from this machine with 200 and a wrongly signed one
 * with 401; it runs as uid 10001; its health check turns healthy on the port the stub listens on;
 * {@code stop} (SIGTERM) leaves a complete record file in a mounted folder; {@code sign} signs as
 * the reference does; without arguments it is the stub a CI service container needs (every
 * interface, port 8089, the key from {@code ITK_API_KEY}); and the full image passes {@code itk
 * conformance --runner process --require-all} over every shipped sample. With {@code CI=true} a
 * missing engine fails; elsewhere the test is skipped, saying why. Every container and image it
 * makes is removed, also on failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageIT {
  private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));
  private static final String BASE_IMAGE = "docker.io/library/debian:bookworm-slim";
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private final String run = HexFormat.of().formatHex(randomBytes(4));
  private final String slimTag = "localhost/itk-image-it-" + run + ":slim";
  private final String fullTag = "localhost/itk-image-it-" + run + ":full";
  private final String stubName = "itk-image-it-" + run + "-stub";
  private final List<String> images = new ArrayList<>();
  private final List<String> containers = new ArrayList<>();

  private Path root;
  private Path archive;
  private Path scratch;
  private ContainerCli engine;
  private String key;
  private String adminToken;
  private Path records;
  private int port;
  private String unavailable;

  @BeforeAll
  void buildTheSlimImage_andStartTheStubInIt() throws Exception {
    root = repositoryRoot();
    String archiveProperty = System.getProperty("itk.archive");
    assertThat(archiveProperty)
        .as("the build passes the release archive as the system property itk.archive")
        .isNotBlank();
    archive = Paths.get(archiveProperty).toAbsolutePath();
    assertThat(archive).as("the release archive").isRegularFile();
    scratch = Files.createTempDirectory("itk-image-it-");

    ContainerCli.Result which = ContainerCli.which(root, scratch);
    if (!which.ok()) {
      unavailable = "no container engine: " + which.err().strip();
    } else {
      engine = ContainerCli.of(root, scratch, which.out().strip());
      if (!engine.cli(COMMAND_TIMEOUT, "image", "inspect", BASE_IMAGE).ok()) {
        unavailable =
            engine.engine() + " has no " + BASE_IMAGE + " image; run scripts/container-engine";
      }
    }
    if (unavailable != null) {
      if (CI) {
        fail("CI=true requires a container engine for the image test: " + unavailable);
      }
      return; // each test is skipped, saying why (a skip here would not be reported)
    }

    images.add(slimTag);
    long start = System.nanoTime();
    ContainerCli.Result build =
        engine.command(
            BUILD_TIMEOUT,
            List.of(
                root.resolve("scripts/build-image").toString(),
                "--archive",
                archive.toString(),
                slimTag));
    assertThat(build.ok()).as(build.describe()).isTrue();
    System.out.printf(
        "ImageIT: slim image built in %d s with %s%n", seconds(start), engine.engine());

    // Readable and writable by the image's user (uid 10001), whoever runs this test.
    Path keys = Files.createDirectory(scratch.resolve("keys"));
    key = Base64.getEncoder().encodeToString(randomBytes(32));
    adminToken = HexFormat.of().formatHex(randomBytes(16));
    Files.writeString(keys.resolve("key"), key + "\n");
    Files.writeString(keys.resolve("admin-token"), adminToken + "\n");
    Files.setPosixFilePermissions(
        keys.resolve("key"), PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(
        keys.resolve("admin-token"), PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwxr-xr-x"));
    records = Files.createDirectory(scratch.resolve("records"));
    Files.setPosixFilePermissions(records, PosixFilePermissions.fromString("rwxrwxrwx"));

    port = freePort();
    containers.add(stubName);
    ContainerCli.Result started =
        engine.cli(
            COMMAND_TIMEOUT,
            "run",
            "-d",
            "--name",
            stubName,
            "--network",
            "host",
            "-v",
            keys + ":/keys:ro",
            "-v",
            records + ":/records",
            slimTag,
            "stub",
            "--port",
            Integer.toString(port),
            "--key-file",
            "/keys/key",
            "--admin-token-file",
            "/keys/admin-token",
            "--record",
            "/records/run.jsonl");
    assertThat(started.ok()).as(started.describe()).isTrue();
    awaitLog(stubName, "Ctrl-C stops.");
  }

  @BeforeEach
  void skipWithoutAnEngine() {
    Assumptions.assumeTrue(unavailable == null, () -> unavailable);
  }

  @Test
  @Order(1)
  void signedRequestFromTheHost_is200() throws Exception {
    HttpResponse<String> answer = send(ApiKey.of(key));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(awaitLog(stubName, "GET /api/v1/notes/1  valid  200")).isNotEmpty();
  }

  @Test
  @Order(2)
  void requestSignedWithAnotherKey_is401() throws Exception {
    HttpResponse<String> answer = send(ApiKey.of("not-the-key-the-stub-was-given"));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
    assertThat(answer.body()).contains("bad-signature");
  }

  @Test
  @Order(3)
  void runsAsUid10001_notRoot() throws Exception {
    ContainerCli.Result uid = engine.cli(COMMAND_TIMEOUT, "exec", stubName, "id", "-u");
    ContainerCli.Result configured =
        engine.cli(COMMAND_TIMEOUT, "image", "inspect", "--format", "{{.Config.User}}", slimTag);

    assertThat(uid.ok()).as(uid.describe()).isTrue();
    assertThat(uid.out().strip()).isEqualTo("10001");
    assertThat(configured.out().strip()).isEqualTo("10001:10001");
  }

  @Test
  @Order(4)
  void healthCheck_asksTheStubOnItsPort_andTurnsHealthy() throws Exception {
    ContainerCli.Result check = engine.cli(COMMAND_TIMEOUT, "exec", stubName, "itk-healthcheck");
    assertThat(check.ok()).as(check.describe()).isTrue();
    assertThat(check.out())
        .isEqualTo("healthy: itk stub answers GET /__itk/health on 127.0.0.1 port " + port + "\n");

    // Podman runs health checks from systemd timers, absent on some machines: run one now.
    // Docker runs them itself (every 10 s, the image's HEALTHCHECK).
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    String status = "";
    while (System.nanoTime() < deadline) {
      if (engine.engine().equals("podman")) {
        engine.cli(COMMAND_TIMEOUT, "healthcheck", "run", stubName);
      }
      status =
          engine
              .cli(COMMAND_TIMEOUT, "inspect", "--format", "{{.State.Health.Status}}", stubName)
              .out()
              .strip();
      if (status.equals("healthy")) {
        break;
      }
      Thread.sleep(2_000);
    }
    assertThat(status).isEqualTo("healthy");
  }

  @Test
  @Order(5)
  void stop_sendsSigtermToTheJvm_whichEndsTheRecordFile() throws Exception {
    long start = System.nanoTime();
    ContainerCli.Result stop = engine.cli(COMMAND_TIMEOUT, "stop", "-t", "60", stubName);
    long stopSeconds = seconds(start);
    String exit =
        engine
            .cli(COMMAND_TIMEOUT, "inspect", "--format", "{{.State.ExitCode}}", stubName)
            .out()
            .strip();
    ContainerCli.Result logs = engine.cli(COMMAND_TIMEOUT, "logs", stubName);

    assertThat(stop.ok()).as(stop.describe()).isTrue();
    assertThat(stopSeconds)
        .as("stopped by SIGTERM, well before the kill after 60 s")
        .isLessThan(30);
    assertThat(exit).as("128 + SIGTERM: the JVM's own exit, not SIGKILL's 137").isEqualTo("143");
    assertThat(logs.out())
        .endsWith("itk stub: stopped; 2 requests served, 2 recorded in /records/run.jsonl\n");
    List<String> lines = Files.readAllLines(records.resolve("run.jsonl"));
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0))
        .isEqualTo(
            "{\"format\":\"itk-stub-record-lines/1\",\"requestFormat\":\"itk-stub-record/2\"}");
    assertThat(lines.get(1)).contains("\"verdict\":\"valid\"", "\"status\":200");
    assertThat(lines.get(2)).contains("\"verdict\":\"bad-signature\"", "\"status\":401");
    assertThat(lines.get(3))
        .isEqualTo("{\"end\":{\"written\":2,\"kept\":2,\"dropped\":0,\"total\":2}}");
    assertThat(logs.out() + logs.err())
        .as("the container's log holds neither the key nor the admin token")
        .doesNotContain(key)
        .doesNotContain(adminToken);
  }

  @Test
  @Order(6)
  void sign_inTheImage_givesTheReferenceSignature() throws Exception {
    String id = "00000000-0000-4000-8000-000000000001";
    String timestamp = "2014-09-10T17:28:08.3227351Z";
    ContainerCli.Result signed =
        engine.cli(
            COMMAND_TIMEOUT,
            "run",
            "--rm",
            "--network",
            "none",
            "-v",
            scratch.resolve("keys") + ":/keys:ro",
            slimTag,
            "sign",
            "--key-file",
            "/keys/key",
            "--method",
            "GET",
            "--path",
            "/api/v1/notes/1",
            "--request-id",
            id,
            "--timestamp",
            timestamp);
    String reference =
        RequestSigner.create(ApiKey.of(key))
            .sign(
                CanonicalMessage.builder()
                    .method("GET")
                    .requestId(id)
                    .timestamp(timestamp)
                    .path("/api/v1/notes/1")
                    .build())
            .signature();

    assertThat(signed.ok()).as(signed.describe()).isTrue();
    assertThat(signed.out()).contains("Signature:\n  " + reference + "\n");
  }

  @Test
  @Order(7)
  void withoutArguments_itIsTheStubOnEveryInterfaceOnPort8089_withTheKeyFromItkApiKey()
      throws Exception {
    // No network but its own loopback: port 8089 may be taken on this machine, and nothing needs
    // to reach it from outside; the health check asks it on the container's loopback.
    String name = "itk-image-it-" + run + "-default";
    containers.add(name);
    ContainerCli.Result started =
        engine.cli(
            Map.of("ITK_API_KEY", key),
            COMMAND_TIMEOUT,
            "run",
            "-d",
            "--name",
            name,
            "--network",
            "none",
            "-e",
            "ITK_API_KEY",
            slimTag);
    assertThat(started.ok()).as(started.describe()).isTrue();
    String banner = awaitLog(name, "Ctrl-C stops.");
    ContainerCli.Result check = engine.cli(COMMAND_TIMEOUT, "exec", name, "itk-healthcheck");
    ContainerCli.Result logs = engine.cli(COMMAND_TIMEOUT, "logs", name);

    assertThat(banner)
        .contains("listening on http://127.0.0.1:8089/api/v1\n", "  bind:          0.0.0.0\n")
        .contains("accepted keys: " + ApiKey.of(key).fingerprint() + "\n");
    assertThat(logs.err()).startsWith("itk stub: warning: --bind 0.0.0.0 listens beyond");
    assertThat(check.out())
        .as(check.describe())
        .isEqualTo("healthy: itk stub answers GET /__itk/health on 127.0.0.1 port 8089\n");
    assertThat(logs.out() + logs.err()).doesNotContain(key);
  }

  /** The samples whose runtimes the full image carries: all but Rust (docs/image.md). */
  private static final List<String> FULL_IMAGE_SAMPLES =
      List.of("dotnet", "go", "java", "node", "php", "python");

  @Test
  @Order(8)
  void fullImage_passesConformanceOverEverySample_withEveryRuntimeRequired() throws Exception {
    images.add(fullTag);
    long start = System.nanoTime();
    ContainerCli.Result build =
        engine.command(
            BUILD_TIMEOUT,
            List.of(
                root.resolve("scripts/build-image").toString(),
                "--full",
                "--archive",
                archive.toString(),
                fullTag));
    assertThat(build.ok()).as(build.describe()).isTrue();
    System.out.printf("ImageIT: full image built in %d s%n", seconds(start));

    Path reports = Files.createDirectory(scratch.resolve("reports"));
    Files.setPosixFilePermissions(reports, PosixFilePermissions.fromString("rwxrwxrwx"));
    String name = "itk-image-it-" + run + "-conformance";
    containers.add(name);
    start = System.nanoTime();
    ContainerCli.Result conformance =
        engine.cli(
            Duration.ofMinutes(10),
            "run",
            "--name",
            name,
            "--network",
            "none",
            "-v",
            reports + ":/work/itk-report",
            fullTag,
            "conformance",
            "--runner",
            "process",
            "--require-all",
            // Every sample but Rust: its build fetches crates from crates.io, which a container
            // with no network (and this image, offline) cannot reach (docs/image.md).
            "--only",
            String.join(",", FULL_IMAGE_SAMPLES));
    System.out.printf("ImageIT: conformance in the full image took %d s%n", seconds(start));

    assertThat(conformance.ok()).as(conformance.describe()).isTrue();
    for (String language : FULL_IMAGE_SAMPLES) {
      assertThat(conformance.out())
          .as(conformance.describe())
          .containsPattern("(?m)^process:" + language + " +ok ")
          .doesNotContain("Skipped process:" + language);
    }
    try (Stream<Path> files = Files.list(reports)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("conformance.json", "junit.xml", "summary.md", "report.html");
    }
  }

  @AfterAll
  void removeEveryContainerAndImage() throws Exception {
    if (engine != null) {
      for (String c : containers) {
        engine.cli(COMMAND_TIMEOUT, "rm", "-f", c);
      }
      for (String image : images) {
        engine.cli(COMMAND_TIMEOUT, "rmi", "-f", image);
      }
    }
    if (scratch != null) {
      try (Stream<Path> all = Files.walk(scratch)) {
        all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private HttpResponse<String> send(ApiKey signingKey) throws IOException, InterruptedException {
    SignedRequest signed =
        RequestSigner.create(signingKey).sign("GET", "/api/v1/notes/1", "", new byte[0]);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/notes/1"))
            .timeout(Duration.ofSeconds(30));
    signed.headers().asMap().forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The container's log once it holds {@code marker} (at most 90 s). */
  private String awaitLog(String container, String marker) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    ContainerCli.Result logs = null;
    while (System.nanoTime() < deadline) {
      logs = engine.cli(COMMAND_TIMEOUT, "logs", container);
      if (logs.out().contains(marker)) {
        return logs.out();
      }
      String running =
          engine
              .cli(COMMAND_TIMEOUT, "inspect", "--format", "{{.State.Running}}", container)
              .out()
              .strip();
      if (!running.equals("true")) {
        break;
      }
      Thread.sleep(250);
    }
    return fail("no \"" + marker + "\" in the log of " + container + ":\n" + logs.describe());
  }

  private static Path repositoryRoot() {
    Path dir = Paths.get("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isExecutable(p.resolve("scripts/build-image"))) {
        return p;
      }
    }
    return fail("no scripts/build-image above " + dir);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  private static long seconds(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos).toSeconds();
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }
}
