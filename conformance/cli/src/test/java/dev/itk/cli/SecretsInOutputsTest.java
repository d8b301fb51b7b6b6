package dev.itk.cli;

import static dev.itk.cli.ItkRun.itk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.client.IssuetrakApiException;
import dev.itk.client.IssuetrakClient;
import dev.itk.conformance.run.ScenarioBench;
import dev.itk.conformance.vectors.Vector;
import dev.itk.conformance.vectors.VectorSet;
import dev.itk.signing.ApiKey;
import dev.itk.signing.RequestSigner;
import dev.itk.signing.SignedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No output of the kit carries an API key: the console, the report files, the stub's log and
 * record, diagnoses and the client's exceptions are scanned for every key in play (the vectors'
 * keys, the scenario key, the keys given to the stub and the client) and for the key's base64
 * decoding (raw, hex and base64 again). Keys shorter than 12 characters are left out: a 1-character
 * test key occurs in any text by chance.
 */
class SecretsInOutputsTest {
  private static final String SECRET = "c2VjcmV0LWtleS1mb3ItdGhlLXNjYW4tdGVzdC0xMjM0NQ==";

  @TempDir Path temp;

  /** What must not appear: each key, and its base64 decoding in raw, hex and base64url forms. */
  private static Set<String> needles(Set<String> keys) {
    Set<String> out = new LinkedHashSet<>();
    for (String k : keys) {
      if (k.strip().length() < 12) {
        continue;
      }
      out.add(k);
      try {
        byte[] decoded = Base64.getDecoder().decode(k.strip());
        if (decoded.length >= 12) {
          out.add(new String(decoded, StandardCharsets.ISO_8859_1));
          out.add(HexFormat.of().formatHex(decoded));
          out.add(Base64.getUrlEncoder().withoutPadding().encodeToString(decoded));
        }
      } catch (IllegalArgumentException notBase64) {
        // only the text itself
      }
    }
    return out;
  }

  private static void assertClean(String what, String text, Set<String> needles) {
    for (String n : needles) {
      assertThat(text).as("%s must not contain a key (or its decoding)", what).doesNotContain(n);
    }
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList();
    }
  }

  @Test
  void conformanceRun_consoleAndReports_carryNoKey_evenWhenAnImplementationFails()
      throws IOException {
    Set<String> keys = new LinkedHashSet<>();
    VectorSet.loadAll(VectorSet.defaultDirectory()).stream()
        .flatMap(f -> f.vectors().stream())
        .map(Vector::input)
        .forEach(in -> keys.add(in.key()));
    keys.add(ScenarioBench.KEY_TEXT);
    Path samples = BrokenSample.nodeWithoutLowercasing(temp.resolve("samples"));
    Path report = temp.resolve("report");

    ItkRun run =
        itk(
            "conformance",
            "--runner",
            "process",
            "--samples",
            samples.toString(),
            "--report",
            report.toString(),
            "--max-mismatches",
            "1000");

    assertThat(run.exitCode()).as("the broken sample fails the run").isEqualTo(1);
    Set<String> needles = needles(keys);
    assertThat(needles).hasSizeGreaterThan(50);
    assertClean("console", run.out() + run.err(), needles);
    for (Path f : files(report)) {
      assertClean(f.toString(), Files.readString(f, StandardCharsets.ISO_8859_1), needles);
    }
  }

  @Test
  void stub_logRecordAnd401_diagnosis_andClientException_carryNoKey() throws Exception {
    Set<String> needles = needles(Set.of(SECRET));
    Path record = temp.resolve("record.json");
    StringBuilder seen = new StringBuilder();
    try (ItkStubProcess stub =
        ItkStubProcess.start(temp, "--key", SECRET, "--record", record.toString())) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (String key : List.of(SECRET, SECRET + "\n", "another-key-entirely")) {
        SignedRequest s =
            RequestSigner.create(ApiKey.of(key)).sign("GET", "/api/v1/notes/1", "", new byte[0]);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/notes/1"));
        s.headers().asMap().forEach(b::header);
        seen.append(http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body());
      }
      IssuetrakClient client =
          IssuetrakClient.builder()
              .baseUrl(stub.baseUrl())
              .apiKey(ApiKey.of("wrong-" + SECRET))
              .build();
      try {
        client.getNote(1);
      } catch (IssuetrakApiException e) {
        seen.append(e.getMessage()).append(e.body()).append(e);
      }
      assertThat(stub.stop()).isTrue();
      seen.append(stub.stdout()).append(stub.stderr());
    }
    seen.append(Files.readString(record, StandardCharsets.ISO_8859_1));
    assertThat(seen).contains("key-whitespace").contains("bad-signature");
    assertClean("stub answers, log, record and client exception", seen.toString(), needles);
    assertClean(
        "client exception (wrong key)", seen.toString(), needles(Set.of("wrong-" + SECRET)));

    Path keyFile = temp.resolve("key");
    Files.writeString(keyFile, SECRET);
    List<String> texts = new ArrayList<>();
    for (boolean json : List.of(false, true)) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "diagnose",
                  "--key-file",
                  keyFile.toString(),
                  "--request-file",
                  record.toString()));
      if (json) {
        args.add("--json");
      }
      ItkRun run = itk(args.toArray(String[]::new));
      texts.add(run.out() + run.err());
    }
    assertClean("itk diagnose", String.join("\n", texts), needles);
  }

  /**
   * A customer's pasted curl command naming the support engineer's key file ({@code
   * --data-binary @FILE}): without --allow-files neither diagnose nor capture-to-vector reads it;
   * with it, the file's text would become the vector's body, which is why reading needs the flag.
   */
  @Test
  void pastedCurlNamingTheKeyFile_putsNothingOfItInAnyOutput_withoutAllowFiles() throws Exception {
    Set<String> needles = needles(Set.of(SECRET));
    Path keyFile = temp.resolve("engineer.key");
    Files.writeString(keyFile, SECRET);
    String pasted =
        "curl -X POST https://h.example/api/v1/notes"
            + " -H 'X-Issuetrak-API-Request-ID: c3838d04-46f8-43d6-92fd-62b3d0b59f3e'"
            + " -H 'X-Issuetrak-API-Timestamp: 2014-09-10T17:28:08.3227351Z'"
            + " --data-binary @"
            + keyFile;
    Path vector = temp.resolve("vector.json");

    ItkRun diagnose = itk("diagnose", "--key-file", keyFile.toString(), "--curl", pasted, "--json");
    ItkRun capture = itk("capture-to-vector", "--curl", pasted, "--output", vector.toString());

    for (ItkRun run : List.of(diagnose, capture)) {
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("needs --allow-files");
      assertClean("diagnose and capture-to-vector", run.out() + run.err(), needles);
    }
    assertThat(vector).doesNotExist();

    ItkRun allowed = itk("capture-to-vector", "--curl", pasted, "--allow-files");
    assertThat(allowed.exitCode()).as(allowed.err()).isZero();
    assertThat(allowed.out()).as("what --allow-files lets through").contains(SECRET);
  }
}
