package dev.itk.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.itk.conformance.vectors.Vector;
import dev.itk.conformance.vectors.VectorFile;
import dev.itk.conformance.vectors.VectorSet;
import dev.itk.signing.ApiKey;
import dev.itk.signing.CanonicalMessage;
import dev.itk.signing.MessageRendering;
import dev.itk.signing.RequestSigner;
import dev.itk.signing.SignedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code fixtures/generate --confirm} and {@code --add} (docs/vectors.md#the-fuzz-family): the
 * generator recomputes a vector file from its inputs alone, and adds a confirmed fuzz finding to
 * the {@code fuzz} family. The findings below are signed by the Java reference, as {@code itk fuzz}
 * writes them, so every confirmation is the generator agreeing with an expectation it did not make.
 */
class GeneratorConfirmTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT = VectorSet.repositoryRoot();

  @Test
  void confirm_confirmsEveryVectorOfEveryCommittedFile() {
    List<Path> files = VectorSet.jsonFiles(Vectors.directory());
    List<String> command = new ArrayList<>(List.of("--confirm"));
    files.forEach(f -> command.add(f.toString()));

    ProcessResult r = generate(ROOT, command);

    List<String> expected =
        VectorSet.loadAll(Vectors.directory()).stream()
            .flatMap(f -> f.vectors().stream())
            .map(v -> "confirmed " + v.id())
            .toList();
    assertThat(r.exitCode()).as("exit code; stderr:%n%s", r.stderr()).isZero();
    assertThat(lines(r)).as("one line per vector, in file order").isEqualTo(expected);
  }

  @Test
  void confirm_namesTheVectorWhoseSignatureHasOneByteChanged(@TempDir Path dir) throws IOException {
    ObjectNode file = (ObjectNode) JSON.readTree(Vectors.directory().resolve("seed.json").toFile());
    ObjectNode first = (ObjectNode) file.get("vectors").get(0);
    String signature = first.get("expected").get("signature").asText();
    String changed = (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1);
    ((ObjectNode) first.get("expected")).put("signature", changed);
    Path copy = dir.resolve("seed.json");
    JSON.writeValue(copy.toFile(), file);

    ProcessResult r = generate(ROOT, List.of("--confirm", copy.toString()));

    assertThat(r.exitCode()).as("exit code; stderr:%n%s", r.stderr()).isEqualTo(1);
    assertThat(lines(r).get(0))
        .isEqualTo(
            "DIFFERS %s: expected.signature: file has \"%s\", generator computes \"%s\"",
            first.get("id").asText(), changed, signature);
    assertThat(lines(r).subList(1, lines(r).size())).allMatch(l -> l.startsWith("confirmed "));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "api/v1/issues | path must start with '/'",
        "/api/./v1/ΟΔΟΣ | a vector rests on at most one unknown rule, not 2: path-raw-non-ascii,"
            + " path-dot-segments",
      })
  void confirm_namesTheRuleAnInputBreaks(String path, String rule, @TempDir Path dir)
      throws IOException {
    ObjectNode finding = referenceFinding("/api/v1/notes", "", "body".getBytes());
    ((ObjectNode) finding.get("vectors").get(0).get("input")).put("path", path);
    Path file = write(dir.resolve("finding.json"), finding);

    ProcessResult r = generate(ROOT, List.of("--confirm", file.toString()));

    assertThat(r.exitCode()).as("exit code; stderr:%n%s", r.stderr()).isEqualTo(1);
    assertThat(lines(r)).containsExactly("REFUSED fuzz-001-php-body: " + rule);
  }

  @Test
  void confirm_exitsTwoOnAFileThatIsNotJson(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("finding.json"), "{\"vectors\": [");

    ProcessResult r = generate(ROOT, List.of("--confirm", file.toString()));

    assertThat(r.exitCode()).as("exit code; stdout:%n%s", lines(r)).isEqualTo(2);
    assertThat(r.stderr()).startsWith("fixtures/generate: " + file + ": not JSON");
  }

  @Test
  void add_confirmsAFindingAndWritesAFuzzFamilyThatTheReferencePasses(@TempDir Path dir)
      throws IOException {
    Path copy = copyOfFixturesWithoutFindings(dir.resolve("checkout"));
    byte[] body = {'{', '\r', '\n', (byte) 0xFF, '}'}; // CRLF and a byte that is not UTF-8
    ObjectNode finding = referenceFinding("/api/v1/Notes/%7E", "a=1&a=2", body);
    Path file = write(dir.resolve("fuzz-42-7.json"), finding);

    ProcessResult added = generate(copy, List.of("--add", file.toString()));

    assertThat(added.exitCode()).as("exit code; stderr:%n%s", added.stderr()).isZero();
    assertThat(lines(added))
        .startsWith(
            "confirmed fuzz-001-php-body",
            "added fuzz-001-php-body (from fuzz-001-php-body" + " in " + file + ")")
        .anyMatch(l -> l.startsWith("next: raise CONTENT_VERSION in fixtures/generate"));
    Path vectors = copy.resolve("fixtures/vectors");
    assertThat(Files.readString(vectors.resolve("SHA256SUMS"))).contains("  fuzz.json\n");
    assertThat(schemaErrors(vectors.resolve("fuzz.json"))).isEmpty();

    VectorFile fuzz = VectorSet.load(vectors.resolve("fuzz.json"));
    assertThat(VectorSet.loadAll(vectors)).extracting(VectorFile::family).contains("fuzz");
    assertThat(fuzz.vectors()).hasSize(1);
    Vector vector = fuzz.vectors().get(0);
    assertThat(vector.found())
        .isEqualTo(
            new Vector.Found(
                "itk fuzz", "42", 7, List.of("process:php"), "signature: php signs other bytes"));
    assertThat(VectorCheck.compare(vector, new ReferenceImplementation().sign(vector)))
        .as("the Java reference against the generated fuzz vector")
        .isEmpty();
    assertThat(JSON.readTree(vectors.resolve("fuzz.json").toFile()).at("/vectors/0/expected"))
        .as("the generated vector's expectation is the reference's from the finding file")
        .isEqualTo(finding.at("/vectors/0/expected"));

    ProcessResult check = generate(copy, List.of("--check"));
    assertThat(check.exitCode()).as("--check after --add; stdout: %s", lines(check)).isZero();

    byte[] findings = Files.readAllBytes(copy.resolve("fixtures/fuzz-findings.json"));
    ProcessResult again = generate(copy, List.of("--add", file.toString()));
    assertThat(again.exitCode()).isZero();
    assertThat(lines(again))
        .contains(
            "skipped fuzz-001-php-body (" + file + "): its input is already fuzz-001-php-body");
    assertThat(Files.readAllBytes(copy.resolve("fixtures/fuzz-findings.json"))).isEqualTo(findings);
  }

  @Test
  void add_refusesAFindingItCannotConfirmAndWritesNothing(@TempDir Path dir) throws IOException {
    Path copy = copyOfFixturesWithoutFindings(dir.resolve("checkout"));
    ObjectNode finding = referenceFinding("/api/v1/notes", "", "body".getBytes());
    ((ObjectNode) finding.get("vectors").get(0).get("expected")).put("path", "/API/v1/notes");
    Path file = write(dir.resolve("finding.json"), finding);
    byte[] findings = Files.readAllBytes(copy.resolve("fixtures/fuzz-findings.json"));

    ProcessResult r = generate(copy, List.of("--add", file.toString()));

    assertThat(r.exitCode()).as("exit code; stdout: %s", lines(r)).isEqualTo(1);
    assertThat(lines(r).get(0)).startsWith("DIFFERS fuzz-001-php-body: expected.path: file has");
    assertThat(Files.readAllBytes(copy.resolve("fixtures/fuzz-findings.json"))).isEqualTo(findings);
    assertThat(copy.resolve("fixtures/vectors/fuzz.json")).doesNotExist();
  }

  /**
   * A finding as {@code itk fuzz} writes it: one vector of the fuzz family whose expectation the
   * Java reference computed (core-java's signer and renderer, not the generator).
   */
  private static ObjectNode referenceFinding(String path, String query, byte[] body) {
    String key = "fuzz-key-\u00e9";
    String requestId = "0b7c1bd2-41a8-4a8e-9d0e-5c3f3f9a6c11";
    String timestamp = "2026-12-03T14:26:57.1234567Z";
    SignedRequest signed =
        RequestSigner.create(ApiKey.of(key))
            .sign(
                CanonicalMessage.builder()
                    .method("POST")
                    .requestId(requestId)
                    .timestamp(timestamp)
                    .path(path)
                    .query(query)
                    .body(body)
                    .build());
    byte[] message = signed.message().toBytes();

    ObjectNode input = JSON.createObjectNode();
    input.put("key", key).put("method", "POST").put("requestId", requestId);
    input.put("timestamp", timestamp).put("path", path).put("query", query);
    if (MessageRendering.isWellFormedUtf8(body)) {
      input.put("body", new String(body, StandardCharsets.UTF_8));
    } else {
      input.put("bodyBase64", Base64.getEncoder().encodeToString(body));
    }
    ObjectNode expected = JSON.createObjectNode();
    expected.put("path", CanonicalMessage.canonicalPath(path));
    expected.put("timestampInstant", timestamp); // already canonical
    if (MessageRendering.isWellFormedUtf8(message)) {
      expected.put("message", new String(message, StandardCharsets.UTF_8));
    } else {
      expected.put("messageBase64", Base64.getEncoder().encodeToString(message));
    }
    expected.put("rendered", MessageRendering.render(message));
    expected.put("signature", signed.signature());
    ObjectNode headers = expected.putObject("headers");
    signed.headers().asMap().forEach(headers::put);

    ObjectNode vector = JSON.createObjectNode();
    vector.put("id", "fuzz-001-php-body").put("comment", "php signs the body differently");
    vector.put("result", "valid");
    vector.putArray("flags");
    vector.set("input", input);
    vector.set("expected", expected);
    vector.put("source", "python-stdlib");
    ObjectNode found = vector.putObject("found");
    found.put("by", "itk fuzz").put("seed", "42").put("case", 7);
    found.putArray("languages").add("process:php");
    found.put("difference", "signature: php signs other bytes");

    ObjectNode file = JSON.createObjectNode();
    file.put("$schema", "../schema/vectors.schema.json").put("formatVersion", 2);
    file.put("family", "fuzz").put("description", "A finding of itk fuzz.");
    file.put("generator", "itk fuzz (the Java reference)");
    file.putObject("verification").put("window", "PT5M");
    ArrayNode vectors = file.putArray("vectors");
    vectors.add(vector);
    return file;
  }

  /**
   * fixtures/ as the generator needs it (itself, the vectors and the schema) with no fuzz findings
   * yet, whether or not the checkout has some, and its vectors regenerated to match.
   */
  private static Path copyOfFixturesWithoutFindings(Path checkout) throws IOException {
    Path copy = copyOfFixtures(checkout);
    Path findings = copy.resolve("fixtures/fuzz-findings.json");
    ObjectNode document = (ObjectNode) JSON.readTree(findings.toFile());
    document.putArray("findings");
    write(findings, document);
    Files.deleteIfExists(copy.resolve("fixtures/vectors/fuzz.json")); // the generator only warns
    ProcessResult r = generate(copy, List.of());
    assertThat(r.exitCode()).as("regenerating the copy; stderr:%n%s", r.stderr()).isZero();
    assertThat(copy.resolve("fixtures/vectors/fuzz.json")).doesNotExist();
    return copy;
  }

  private static Path copyOfFixtures(Path checkout) throws IOException {
    Path fixtures = Files.createDirectories(checkout.resolve("fixtures"));
    for (String name : List.of("generate", "fuzz-findings.json")) {
      Files.copy(ROOT.resolve("fixtures").resolve(name), fixtures.resolve(name));
    }
    for (String folder : List.of("vectors", "schema")) {
      Path target = Files.createDirectories(fixtures.resolve(folder));
      try (Stream<Path> files = Files.list(ROOT.resolve("fixtures").resolve(folder))) {
        for (Path f : files.toList()) {
          Files.copy(f, target.resolve(f.getFileName()));
        }
      }
    }
    return checkout;
  }

  private static List<Error> schemaErrors(Path file) throws IOException {
    Schema schema;
    try (InputStream in =
        Files.newInputStream(ROOT.resolve("fixtures/schema/vectors.schema.json"))) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    }
    JsonNode document = JSON.readTree(file.toFile());
    return schema.validate(document);
  }

  private static Path write(Path file, JsonNode document) throws IOException {
    JSON.writeValue(file.toFile(), document);
    return file;
  }

  private static ProcessResult generate(Path checkout, List<String> arguments) {
    ExternalTools.require("python3", "to run the independent vector generator fixtures/generate");
    List<String> command = new ArrayList<>(List.of("python3", "fixtures/generate"));
    command.addAll(arguments);
    return ProcessResult.run(command, checkout, new byte[0], 120);
  }

  private static List<String> lines(ProcessResult r) {
    return new String(r.stdout(), StandardCharsets.UTF_8).lines().toList();
  }
}
