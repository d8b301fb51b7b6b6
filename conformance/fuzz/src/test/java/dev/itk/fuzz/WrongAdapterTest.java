package dev.itk.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.itk.conformance.run.Status;
import dev.itk.conformance.run.Target;
import dev.itk.runner.AdapterManifest;
import dev.itk.runner.ImplementationId;
import dev.itk.runner.ProcessRunnerFactory;
import dev.itk.runner.Runner;
import dev.itk.runner.RunnerFactory;
import dev.itk.signing.IssuetrakTimestamp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzzer finds a deliberately wrong adapter's slip and shrinks it to a vector of a few bytes,
 * which the independent generator confirms. The expected minimal inputs are written out here by
 * hand: the slip's smallest witness with every other field at its simplest value.
 */
class WrongAdapterTest {
  private static final Path KIT = Path.of("../..").toAbsolutePath().normalize();
  private static final Path GENERATOR = KIT.resolve("fixtures/generate");

  @TempDir Path out;

  private FuzzResult fuzz(String mode, long seed, long cases) {
    return fuzz(List.of(mode), seed, cases);
  }

  private FuzzResult fuzz(List<String> modes, long seed, long cases) {
    Runner r = new ProcessRunnerFactory().create(RunnerFactory.Sinks.NONE);
    List<Target> targets = new ArrayList<>();
    for (String mode : modes) {
      AdapterManifest m = AdapterManifest.load(Path.of("src/test/resources/wrong-adapters", mode));
      targets.add(new Target(new ImplementationId("process", m.language()), m, r));
    }
    List<String> lines = new ArrayList<>();
    FuzzResult result =
        FuzzRun.run(
            targets, FuzzSettings.of(seed, cases, Duration.ZERO, out, GENERATOR), true, lines::add);
    assertThat(lines.get(0)).startsWith("itk fuzz: seed " + seed + " ");
    return result;
  }

  @Test
  void crlfNormalizingBodies_isFoundAndShrunkToABodyOfCrLf() throws Exception {
    FuzzResult r = fuzz("crlf", 20261203L, 2_000);

    assertThat(r.passed()).isFalse();
    LanguageResult l = r.languages().get(0);
    assertThat(l.status()).isEqualTo(Status.FAILED);
    assertThat(l.kinds())
        .extracting(LanguageResult.KindCount::kind)
        .containsExactly("message:body");
    assertThat(r.findings()).hasSize(1);
    FuzzFinding f = r.findings().get(0);
    assertThat(f.shrunk())
        .isEqualTo(
            new FuzzInput(
                "k",
                "GET",
                "c3838d04-46f8-43d6-92fd-62b3d0b59f3e",
                "2014-09-10T17:28:08.3227351Z",
                "/",
                "",
                "\r\n".getBytes(StandardCharsets.US_ASCII)));
    assertThat(f.languages()).containsExactly("process:wrong-crlf");
    assertThat(f.vectorFile()).isEqualTo(out.resolve("fuzz-001-message-body.json"));
    String vector = Files.readString(f.vectorFile());
    assertThat(vector)
        .contains("\"family\" : \"fuzz\"")
        .contains("\"body\" : \"\\r\\n\"")
        .contains("\"result\" : \"valid\"");
    assertThat(schemaErrors(f.vectorFile())).isEmpty();
    assertThat(f.confirmation()).startsWith("confirmed by fixtures/generate");
    assertThat(f.confirmed()).isTrue();
    assertThat(IssuetrakTimestamp.EXAMPLE).isEqualTo(f.shrunk().timestamp());
  }

  private static List<Error> schemaErrors(Path file) throws IOException {
    Schema schema;
    try (InputStream in =
        Files.newInputStream(KIT.resolve("fixtures/schema/vectors.schema.json"))) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    }
    return schema.validate(new ObjectMapper().readTree(file.toFile()));
  }

  @Test
  void asciiOnlyLowercasing_isFoundAndShrunkToOneNonAsciiCharacter() throws Exception {
    FuzzResult r = fuzz("ascii-lowercase", 7L, 3_000);

    FuzzFinding f = r.findings().get(0);
    assertThat(f.kind()).isEqualTo("message:path");
    String path = f.shrunk().path();
    assertThat(path).startsWith("/");
    assertThat(path.codePointCount(0, path.length())).isEqualTo(2);
    int c = path.codePointAt(1);
    assertThat(c).isGreaterThan(0x7F);
    assertThat(f.shrunk().body()).isEmpty();
    assertThat(f.shrunk().query()).isEmpty();
    assertThat(f.shrunk().key()).isEqualTo("k");
    assertThat(f.confirmed()).as(f.confirmation()).isTrue();
    assertThat(Files.readString(f.vectorFile()))
        .contains("\"result\" : \"acceptable\"")
        .contains("\"unknownRule\" : \"path-raw-non-ascii\"");
  }

  @Test
  void aCrashingAdapter_isBrokenWithItsStderr_andTheOthersGoOn() {
    FuzzResult r = fuzz(List.of("crash", "crlf"), 20261203L, 2_000);

    LanguageResult crash = r.languages().get(0);
    assertThat(crash.id()).isEqualTo("process:wrong-crash");
    assertThat(crash.status()).isEqualTo(Status.BROKEN);
    assertThat(crash.detail()).contains("process:wrong-crash").contains("signBatch");
    assertThat(crash.stderr()).contains("deliberately crashing on batch 3");
    assertThat(crash.kinds()).isEmpty();
    assertThat(crash.tried()).isEqualTo(512);

    LanguageResult crlf = r.languages().get(1);
    assertThat(crlf.status()).isEqualTo(Status.FAILED);
    assertThat(crlf.tried()).isEqualTo(2_000);
    assertThat(r.findings())
        .extracting(FuzzFinding::languages)
        .containsExactly(List.of("process:wrong-crlf"));
    assertThat(r.passed()).isFalse();
  }
}
