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
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The vector files themselves: schema, manifest, byte-exactness, coverage. */
class VectorFilesTest {

  static Stream<String> families() {
    return Vectors.FAMILIES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void fileMatchesTheJsonSchema(String family) throws IOException {
    Path schemaFile = VectorSet.repositoryRoot().resolve("fixtures/schema/vectors.schema.json");
    Schema schema;
    try (InputStream in = Files.newInputStream(schemaFile)) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    }
    JsonNode document =
        new ObjectMapper().readTree(Vectors.directory().resolve(family + ".json").toFile());

    List<Error> errors = schema.validate(document);

    assertThat(errors).as("schema violations in %s.json", family).isEmpty();
  }

  /**
   * {@code found} (docs/vectors.md#the-fuzz-family): only fuzz vectors have it, and each has it.
   */
  @Test
  void schema_allowsFoundOnlyInTheFuzzFamily_andRequiresItThere() throws IOException {
    Path schemaFile = VectorSet.repositoryRoot().resolve("fixtures/schema/vectors.schema.json");
    Schema schema;
    try (InputStream in = Files.newInputStream(schemaFile)) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode seed = (ObjectNode) json.readTree(Vectors.directory().resolve("seed.json").toFile());
    ObjectNode vector = (ObjectNode) seed.get("vectors").get(0);
    ObjectNode found =
        json.createObjectNode().put("by", "itk fuzz").put("seed", "1").put("case", 0);
    found.putArray("languages").add("process:php");
    found.put("difference", "signature");
    ObjectNode fuzz = seed.deepCopy().put("family", "fuzz");
    ArrayNode fuzzVectors = fuzz.putArray("vectors");
    fuzzVectors.add(vector.deepCopy().put("id", "fuzz-001-probe"));

    assertThat(schema.validate(fuzz)).as("a fuzz vector without found").isNotEmpty();
    ((ObjectNode) fuzzVectors.get(0)).set("found", found);
    assertThat(schema.validate(fuzz)).as("a fuzz vector with found").isEmpty();
    vector.set("found", found);
    assertThat(schema.validate(seed)).as("a seed vector with found").isNotEmpty();
  }

  @Test
  void manifestListsEveryFileWithItsSha256() throws IOException {
    Path dir = Vectors.directory();
    Map<String, String> manifest = new LinkedHashMap<>();
    for (String line : Files.readAllLines(dir.resolve("SHA256SUMS"), StandardCharsets.UTF_8)) {
      assertThat(line).as("manifest line").matches("[0-9a-f]{64}  [A-Za-z0-9._-]+");
      manifest.put(line.substring(66), line.substring(0, 64));
    }
    Map<String, String> actual = new LinkedHashMap<>();
    actual.put("VERSION", sha256(Files.readAllBytes(dir.resolve("VERSION"))));
    for (Path file : VectorSet.jsonFiles(dir)) {
      actual.put(file.getFileName().toString(), sha256(Files.readAllBytes(file)));
    }

    assertThat(actual)
        .as(
            "SHA-256 of each vector file; a mismatch means a file was edited by hand or by an"
                + " editor (line endings, trailing newline): regenerate with fixtures/generate")
        .containsExactlyEntriesOf(manifest);
  }

  @Test
  void theJarCarriesExactlyTheFilesOfTheCheckout() throws IOException {
    Path dir = Vectors.directory();
    List<String> checkout = new ArrayList<>();
    for (Path file : VectorSet.jsonFiles(dir)) {
      checkout.add(file.getFileName().toString());
    }

    List<VectorFile> bundled = VectorSet.bundled();

    assertThat(bundled)
        .extracting(f -> f.family() + ".json")
        .as("the families bundled in itk-vectors, from its SHA256SUMS")
        .containsExactlyElementsOf(checkout);
    assertThat(bundled)
        .as("each bundled file reads as the checkout's copy")
        .containsExactlyElementsOf(VectorSet.loadAll(dir));
    assertThat(VectorSet.bundledManifestDigest())
        .as("the digest names the checkout's SHA256SUMS")
        .isEqualTo(sha256(Files.readAllBytes(dir.resolve("SHA256SUMS"))));
  }

  @Test
  void everyFileIsAFamilyTheTestsCheck() {
    Set<String> files =
        VectorSet.jsonFiles(Vectors.directory()).stream()
            .map(p -> p.getFileName().toString().replaceFirst("\\.json$", ""))
            .collect(Collectors.toSet());

    assertThat(files).containsAll(Vectors.REQUIRED_FAMILIES);
    assertThat(files)
        .as("vector files that are neither a required nor an optional family")
        .allMatch(
            f -> Vectors.REQUIRED_FAMILIES.contains(f) || Vectors.OPTIONAL_FAMILIES.contains(f));
  }

  @Test
  void vectorFilesAreProtectedFromLineEndingConversion() throws IOException {
    String attributes =
        Files.readString(
            VectorSet.repositoryRoot().resolve(".gitattributes"), StandardCharsets.UTF_8);

    assertThat(attributes).containsPattern("(?m)^fixtures/vectors/\\S*\\s+.*-text");
  }

  @Test
  void idsAreUniqueAndInvalidVectorsPointAtValidOnes() {
    List<Vector> all = Vectors.all().toList();
    Set<String> ids = new HashSet<>();
    for (Vector v : all) {
      assertThat(ids.add(v.id())).as("id %s is unique", v.id()).isTrue();
    }
    Map<String, Vector> byId = all.stream().collect(Collectors.toMap(Vector::id, v -> v));
    for (Vector v : all) {
      if (v.isInvalid()) {
        assertThat(byId.get(v.derivedFrom()))
            .as(
                "%s derives from an existing valid or acceptable vector %s",
                v.id(), v.derivedFrom())
            .isNotNull()
            .extracting(Vector::hasSigningExpectation)
            .isEqualTo(true);
      }
    }
  }

  @Test
  void thereAreEnoughVectorsOfEachKind() {
    List<Vector> all = Vectors.all().toList();
    long valid = all.stream().filter(Vector::isValid).count();
    long invalid = all.stream().filter(Vector::isInvalid).count();

    assertThat(valid).as("valid vectors").isGreaterThanOrEqualTo(300);
    assertThat(invalid).as("invalid vectors").isGreaterThanOrEqualTo(60);
    assertThat(all.stream().filter(Vector::isInvalid).map(v -> v.expected().error()).distinct())
        .as("error codes the invalid vectors cover")
        .contains(
            "bad-signature",
            "malformed-request-id",
            "malformed-timestamp",
            "malformed-signature",
            "stale-timestamp");
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
