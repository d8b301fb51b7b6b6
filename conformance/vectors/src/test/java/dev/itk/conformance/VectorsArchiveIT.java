package dev.itk.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.conformance.vectors.VectorSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vectors archive after {@code package}: named by the content version, holding exactly the
 * checkout's vector files, manifest, VERSION and schema, verifiable with {@code sha256sum -c}, and
 * byte-identical when rebuilt. Read with the system's {@code tar}, as a consumer would.
 */
class VectorsArchiveIT {
  @TempDir static Path project;
  private static Path vendored;

  @BeforeAll
  static void vendor() throws IOException {
    vendored = VectorsArchive.vendorInto(project);
  }

  @Test
  void archive_isNamedAfterTheCheckoutsContentVersion() throws IOException {
    Path archive = VectorsArchive.file();

    assertThat(archive)
        .as(
            "%s, named after fixtures/vectors/VERSION; %s holds %s",
            archive.getFileName(), archive.getParent(), tarballsIn(archive.getParent()))
        .isRegularFile();
  }

  @Test
  void entries_areTheVectorFilesManifestVersionSchemaAndReadme_underOneFolder() throws IOException {
    String base = "itk-vectors-" + VectorsArchive.checkoutContentVersion() + "/";
    List<String> expected = new ArrayList<>();
    expected.add(base + "README.md");
    expected.add(base + "schema/vectors.schema.json");
    expected.add(base + "vectors/SHA256SUMS");
    for (String name : manifest(Vectors.directory().resolve("SHA256SUMS")).keySet()) {
      expected.add(base + "vectors/" + name);
    }

    List<String> entries = tar("-tzf").lines().toList();

    assertThat(entries).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void entries_carryTheBuildTimestampMode644AndOwnerRoot_soARebuildIsByteIdentical()
      throws IOException {
    String when =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC)
            .format(Instant.parse(System.getProperty("itk.build.output-timestamp")));
    Pattern entry =
        Pattern.compile("(\\S+) (\\S+) +\\d+ (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d) (.+)");

    for (String line : tar("--utc", "--full-time", "--numeric-owner", "-tvzf").lines().toList()) {
      Matcher m = entry.matcher(line);
      assertThat(m.matches()).as("tar -tv line: %s", line).isTrue();
      assertThat(List.of(m.group(1), m.group(2), m.group(3)))
          .as("mode, owner and time of %s", m.group(4))
          .containsExactly("-rw-r--r--", "0/0", when);
    }
    byte[] gzipHeader = new byte[10];
    try (InputStream in = Files.newInputStream(VectorsArchive.file())) {
      assertThat(in.readNBytes(gzipHeader, 0, 10)).isEqualTo(10);
    }
    assertThat(HexFormat.of().formatHex(gzipHeader, 4, 8))
        .as("the gzip header's MTIME field (RFC 1952), which would make each build differ")
        .isEqualTo("00000000");
  }

  @Test
  void vendoredFiles_matchTheirSha256sumsAndTheCheckoutsBytes() throws IOException {
    Path checkout = Vectors.directory();
    Map<String, String> listed = manifest(vendored.resolve("vectors/SHA256SUMS"));

    assertThat(Files.readAllBytes(vendored.resolve("vectors/SHA256SUMS")))
        .as("vectors/SHA256SUMS is the checkout's")
        .isEqualTo(Files.readAllBytes(checkout.resolve("SHA256SUMS")));
    try (Stream<Path> files = Files.list(vendored.resolve("vectors"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("the files in vectors/: those SHA256SUMS lists, and itself")
          .containsExactlyInAnyOrderElementsOf(
              Stream.concat(listed.keySet().stream(), Stream.of("SHA256SUMS")).toList());
    }
    for (Map.Entry<String, String> file : listed.entrySet()) {
      byte[] bytes = Files.readAllBytes(vendored.resolve("vectors").resolve(file.getKey()));
      assertThat(sha256(bytes))
          .as("SHA-256 of vectors/%s", file.getKey())
          .isEqualTo(file.getValue());
      assertThat(bytes)
          .as("vectors/%s is the checkout's fixtures/vectors/%s", file.getKey(), file.getKey())
          .isEqualTo(Files.readAllBytes(checkout.resolve(file.getKey())));
    }
    assertThat(Files.readAllBytes(vendored.resolve("schema/vectors.schema.json")))
        .as("schema/vectors.schema.json is the checkout's")
        .isEqualTo(
            Files.readAllBytes(
                VectorSet.repositoryRoot().resolve("fixtures/schema/vectors.schema.json")));
  }

  @Test
  void sha256sumCheck_passesOnTheVendoredCopy() throws IOException {
    ExternalTools.require(
        "sha256sum", "to check the archive as docs/vectors.md tells consumers to");
    Path dir = vendored.resolve("vectors");

    ProcessResult r =
        ProcessResult.run(List.of("sha256sum", "-c", "SHA256SUMS"), dir, new byte[0], 60);

    assertThat(r.exitCode()).as("sha256sum -c exit code; stderr: %s", r.stderr()).isZero();
    assertThat(new String(r.stdout(), StandardCharsets.UTF_8).lines())
        .containsExactlyElementsOf(
            manifest(dir.resolve("SHA256SUMS")).keySet().stream().map(n -> n + ": OK").toList());
  }

  /** {@code tar OPTIONS... ARCHIVE}'s standard output. */
  private static String tar(String... options) throws IOException {
    ExternalTools.require("tar", "to read the vectors archive as a consumer would");
    List<String> command = new ArrayList<>(List.of("tar"));
    command.addAll(List.of(options));
    command.add(VectorsArchive.file().toString());
    ProcessResult r = ProcessResult.run(command, project, new byte[0], 60);
    assertThat(r.exitCode()).as("%s; stderr: %s", command, r.stderr()).isZero();
    return new String(r.stdout(), StandardCharsets.UTF_8);
  }

  /** A {@code sha256sum} file's entries, name to hex digest, in file order. */
  private static Map<String, String> manifest(Path file) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      assertThat(line).as("a line of %s", file).matches("[0-9a-f]{64}  \\S+");
      entries.put(line.substring(66), line.substring(0, 64));
    }
    return entries;
  }

  private static List<String> tarballsIn(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".tar.gz"))
          .sorted()
          .toList();
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
