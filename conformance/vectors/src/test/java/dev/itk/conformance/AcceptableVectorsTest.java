package dev.itk.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.itk.conformance.vectors.Vector;
import dev.itk.conformance.vectors.VectorSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The {@code acceptable} result (docs/vectors.md): which vectors carry it, that each names a rule
 * docs/scheme.md defines, and that the schema holds the result and its {@code unknownRule}
 * together.
 */
class AcceptableVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The rule a vector's path makes its expectation rest on, read from the input here rather than
   * from the generator: a raw character above U+007F, or a segment that is {@code .} or {@code ..}
   * once {@code %2E} is read as a dot (as the WHATWG URL standard reads it).
   */
  private static String ruleOfPath(String path) {
    if (path.codePoints().anyMatch(c -> c > 0x7F)) {
      return "path-raw-non-ascii";
    }
    for (String segment : path.split("/", -1)) {
      String dots = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
      if (dots.equals(".") || dots.equals("..")) {
        return "path-dot-segments";
      }
    }
    return null;
  }

  @Test
  void everySignedVectorWithAnUnknownPathRuleIsAcceptableAndNamesIt() {
    Map<String, String> expected = new TreeMap<>();
    Map<String, String> actual = new TreeMap<>();
    Vectors.all()
        .filter(Vector::hasSigningExpectation)
        .forEach(
            v -> {
              String rule = ruleOfPath(v.input().path());
              if (rule != null) {
                expected.put(v.id(), rule);
              }
              if (v.isAcceptable()) {
                actual.put(v.id(), v.unknownRule());
              }
            });

    assertThat(actual)
        .as("acceptable vectors and their unknownRule, against the rule each one's path rests on")
        .containsExactlyEntriesOf(expected);
    // Raw non-ASCII paths are in paths and mixed; a regression that dropped them would pass above.
    assertThat(expected.values()).contains("path-raw-non-ascii", "path-dot-segments");
    assertThat(expected).hasSizeGreaterThanOrEqualTo(30);
  }

  @Test
  void onlyAcceptableVectorsNameAnUnknownRule() {
    assertThat(Vectors.all().filter(v -> !v.isAcceptable() && v.unknownRule() != null))
        .as("valid or invalid vectors with an unknownRule")
        .isEmpty();
    assertThat(Vectors.all().filter(v -> v.isAcceptable() && v.expected().signature() == null))
        .as("acceptable vectors without a signing expectation")
        .isEmpty();
  }

  /** The ids in the first column of scheme.md's "Unknowns and the kit's choices" table. */
  private static Set<String> schemeRuleIds() throws IOException {
    String scheme =
        Files.readString(
            VectorSet.repositoryRoot().resolve("docs/scheme.md"), StandardCharsets.UTF_8);
    Matcher section =
        Pattern.compile("(?ms)^## Unknowns and the kit's choices\n(.*?)(?=^## )").matcher(scheme);
    assertThat(section.find()).as("docs/scheme.md has the unknowns section").isTrue();
    Set<String> ids = new TreeSet<>();
    Matcher row = Pattern.compile("(?m)^\\| `([a-z0-9-]+)` \\|").matcher(section.group(1));
    while (row.find()) {
      ids.add(row.group(1));
    }
    return ids;
  }

  @Test
  void unknownRuleIds_areTheOnesSchemeMdDefines() throws IOException {
    Set<String> scheme = schemeRuleIds();
    Set<String> inSchema =
        StreamSupport.stream(schemaDocument().at("/$defs/unknownRule/enum").spliterator(), false)
            .map(JsonNode::asText)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> used =
        Vectors.all()
            .filter(Vector::isAcceptable)
            .map(Vector::unknownRule)
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(inSchema).as("the schema's unknownRule ids").isEqualTo(scheme);
    assertThat(scheme).as("rules the vectors rest on, each defined in scheme.md").containsAll(used);
  }

  // -- the schema -------------------------------------------------------------------------------

  private static JsonNode schemaDocument() throws IOException {
    return JSON.readTree(
        VectorSet.repositoryRoot().resolve("fixtures/schema/vectors.schema.json").toFile());
  }

  private static Schema schema() throws IOException {
    Path file = VectorSet.repositoryRoot().resolve("fixtures/schema/vectors.schema.json");
    try (InputStream in = Files.newInputStream(file)) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    }
  }

  /** The paths file with its first vector of {@code result} changed by {@code change}. */
  private static JsonNode pathsWith(String result, Consumer<ObjectNode> change) throws IOException {
    ObjectNode document =
        (ObjectNode) JSON.readTree(Vectors.directory().resolve("paths.json").toFile());
    for (JsonNode v : document.get("vectors")) {
      if (v.get("result").asText().equals(result)) {
        change.accept((ObjectNode) v);
        return document;
      }
    }
    throw new AssertionError("paths.json has no " + result + " vector");
  }

  private static boolean schemaAccepts(JsonNode document) throws IOException {
    return schema().validate(document).isEmpty();
  }

  @Test
  void schema_acceptsAnAcceptableVectorThatNamesItsRule() throws IOException {
    assertThat(schemaAccepts(pathsWith("acceptable", v -> {}))).isTrue();
    assertThat(
            schemaAccepts(
                pathsWith(
                    "valid",
                    v -> {
                      v.put("result", "acceptable");
                      v.put("unknownRule", "path-dot-segments");
                    })))
        .as("a valid vector's shape with result acceptable and a rule")
        .isTrue();
  }

  @Test
  void schema_refusesAnAcceptableVectorWithoutARuleOrWithAnUnknownOne() throws IOException {
    assertThat(schemaAccepts(pathsWith("acceptable", v -> v.remove("unknownRule"))))
        .as("acceptable without unknownRule")
        .isFalse();
    assertThat(schemaAccepts(pathsWith("acceptable", v -> v.put("unknownRule", "path-case"))))
        .as("unknownRule not defined in scheme.md")
        .isFalse();
    assertThat(schemaAccepts(pathsWith("acceptable", v -> v.remove("expected"))))
        .as("acceptable without expected")
        .isFalse();
  }

  @Test
  void schema_refusesARuleOnAValidOrInvalidVector() throws IOException {
    assertThat(schemaAccepts(pathsWith("valid", v -> v.put("unknownRule", "path-dot-segments"))))
        .as("valid with unknownRule")
        .isFalse();
    assertThat(schemaAccepts(pathsWith("invalid", v -> v.put("unknownRule", "path-dot-segments"))))
        .as("invalid with unknownRule")
        .isFalse();
    assertThat(schemaAccepts(pathsWith("valid", v -> v.put("result", "maybe"))))
        .as("a result other than valid, acceptable, invalid")
        .isFalse();
  }
}
